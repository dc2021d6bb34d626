/**
 * Secrets Manager at the SDK boundary (it has no local engine): a real SecretsManagerClient whose
 * HTTP handler answers GetSecretValue from `answer` and records each SecretId, behind a real
 * Powertools SecretsProvider. Nothing leaves the process.
 */
import { Readable } from 'node:stream';
import { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { SecretFetcher } from '../../fulfillment/secrets.js';

/** What the fake service answers for one SecretId: a secret string, nothing, or an AWS error. */
export type SecretAnswer = { SecretString?: string } | { error: string; message: string };

export function fakeSecretsManager(answer: (secretId: string) => SecretAnswer | Promise<SecretAnswer>) {
  const calls: string[] = [];
  const client = new SecretsManagerClient({
    region: 'eu-west-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    // One attempt: a throttled call should fail the lookup here, not sleep through SDK retries.
    maxAttempts: 1,
    requestHandler: {
      handle: async (request: { body?: string | Uint8Array }) => {
        const text = typeof request.body === 'string' ? request.body : new TextDecoder().decode(request.body);
        const { SecretId } = JSON.parse(text || '{}') as { SecretId: string };
        calls.push(SecretId);
        const out = await answer(SecretId);
        const failed = 'error' in out;
        const body = failed ? { __type: out.error, message: out.message } : { ARN: SecretId, ...out };
        return {
          response: {
            statusCode: failed ? 400 : 200,
            headers: { 'content-type': 'application/x-amz-json-1.1' },
            body: Readable.from([Buffer.from(JSON.stringify(body))]),
          },
        };
      },
    },
  });
  const provider = new SecretsProvider({ awsSdkV3Client: client });
  const fetch: SecretFetcher = (secretId, options) => provider.get(secretId, options);
  return { calls, fetch };
}
