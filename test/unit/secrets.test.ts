import { GetSecretValueCommand, type GetSecretValueCommandOutput } from '@aws-sdk/client-secrets-manager';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../fulfillment/errors.js';
import { createSecretResolver, type SecretsClient } from '../../fulfillment/secrets.js';

const ARN = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:bloodbank/principal-signing-key-AbCdEf';

/** A fake at the SDK boundary (Secrets Manager has no local engine here): records each call. */
function fakeClient(answer: (secretId: string) => Promise<GetSecretValueCommandOutput>) {
  const calls: string[] = [];
  let created = 0;
  const client: SecretsClient = {
    send: async (command) => {
      expect(command).toBeInstanceOf(GetSecretValueCommand);
      const id = command.input.SecretId ?? '';
      calls.push(id);
      return answer(id);
    },
  };
  return {
    calls,
    created: () => created,
    factory: () => {
      created += 1;
      return client;
    },
  };
}

const ok = (value: string) => async () => ({ SecretString: value, $metadata: {} });

describe('resolveSecret', () => {
  it('returns the plain variable when it is set, without creating a client', async () => {
    // Prepare
    const fake = fakeClient(ok('from-secrets-manager'));
    const resolve = createSecretResolver(fake.factory);
    // Act
    const value = await resolve(
      { PRINCIPAL_SIGNING_KEY: 'direct', PRINCIPAL_SIGNING_KEY_SECRET_ARN: ARN },
      'PRINCIPAL_SIGNING_KEY',
    );
    // Assess
    expect(value).toBe('direct');
    expect(fake.created()).toBe(0);
  });

  it('fetches the secret named by <NAME>_SECRET_ARN when the plain variable is unset', async () => {
    // Prepare
    const fake = fakeClient(ok('s3cr3t'));
    const resolve = createSecretResolver(fake.factory);
    // Act
    const value = await resolve({ PRINCIPAL_SIGNING_KEY_SECRET_ARN: ARN }, 'PRINCIPAL_SIGNING_KEY');
    // Assess
    expect(value).toBe('s3cr3t');
    expect(fake.calls).toEqual([ARN]);
  });

  it('caches per container: repeated and concurrent lookups make one call', async () => {
    // Prepare
    const fake = fakeClient(ok('s3cr3t'));
    const resolve = createSecretResolver(fake.factory);
    const env = { PRINCIPAL_SIGNING_KEY_SECRET_ARN: ARN };
    // Act
    const values = await Promise.all([
      resolve(env, 'PRINCIPAL_SIGNING_KEY'),
      resolve(env, 'PRINCIPAL_SIGNING_KEY'),
    ]);
    const later = await resolve(env, 'PRINCIPAL_SIGNING_KEY');
    // Assess
    expect([...values, later]).toEqual(['s3cr3t', 's3cr3t', 's3cr3t']);
    expect(fake.calls).toHaveLength(1);
    expect(fake.created()).toBe(1);
  });

  it('does not cache a failure, so the next invocation retries', async () => {
    // Prepare
    let attempt = 0;
    const fake = fakeClient(async () => {
      attempt += 1;
      if (attempt === 1) throw new Error('ThrottlingException');
      return { SecretString: 'second-time', $metadata: {} };
    });
    const resolve = createSecretResolver(fake.factory);
    const env = { SLACK_BOT_TOKEN_SECRET_ARN: ARN };
    // Act
    const first = resolve(env, 'SLACK_BOT_TOKEN');
    // Assess
    await expect(first).rejects.toThrow('ThrottlingException');
    await expect(resolve(env, 'SLACK_BOT_TOKEN')).resolves.toBe('second-time');
    expect(fake.calls).toHaveLength(2);
  });

  it('names the variable when neither the value nor the ARN is set', async () => {
    // Prepare
    const resolve = createSecretResolver(fakeClient(ok('unused')).factory);
    // Act
    const result = resolve({}, 'PHONE_HASH_KEY');
    // Assess
    await expect(result).rejects.toBeInstanceOf(ConfigError);
    await expect(result).rejects.toThrow(/PHONE_HASH_KEY or PHONE_HASH_KEY_SECRET_ARN/);
  });

  it('rejects a secret without a string value, naming the variable', async () => {
    // Prepare
    const fake = fakeClient(async () => ({ $metadata: {} }));
    const resolve = createSecretResolver(fake.factory);
    // Act
    const result = resolve({ PHONE_HASH_KEY_SECRET_ARN: ARN }, 'PHONE_HASH_KEY');
    // Assess
    await expect(result).rejects.toThrow(/PHONE_HASH_KEY.*no string value/);
  });
});
