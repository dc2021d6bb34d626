/**
 * Secrets for every deployable (fulfillment and the channel adapters), resolved once per container.
 *
 * Embedded default and tests: the value itself is in the environment (`PRINCIPAL_SIGNING_KEY=...`).
 * On AWS: the stack sets `PRINCIPAL_SIGNING_KEY_SECRET_ARN` and grants read on that secret only, so
 * the plaintext never appears in the function's configuration (visible to anyone with
 * lambda:GetFunctionConfiguration) nor in the CloudFormation template.
 */
import {
  GetSecretValueCommand,
  type GetSecretValueCommandOutput,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { ConfigError } from './errors.js';

/** The one Secrets Manager call we make: the SDK boundary, injected in tests. */
export interface SecretsClient {
  send(command: GetSecretValueCommand): Promise<GetSecretValueCommandOutput>;
}

export type SecretResolver = (env: NodeJS.ProcessEnv, name: string) => Promise<string>;

export const SECRET_ARN_SUFFIX = '_SECRET_ARN';

/**
 * Builds a resolver with its own cache. The cache holds promises keyed by ARN so concurrent cold-start
 * lookups share one call; a failed lookup is evicted so the next invocation can retry.
 */
export function createSecretResolver(clientFactory: () => SecretsClient): SecretResolver {
  const cache = new Map<string, Promise<string>>();
  let client: SecretsClient | undefined;

  const fetchSecret = async (arn: string, name: string): Promise<string> => {
    client ??= clientFactory();
    const out = await client.send(new GetSecretValueCommand({ SecretId: arn }));
    const value = out.SecretString;
    if (!value) {
      throw new ConfigError(`Secret for ${name} (${name}${SECRET_ARN_SUFFIX}) has no string value`);
    }
    return value;
  };

  return async (env, name) => {
    const direct = env[name];
    if (direct) return direct;
    const arn = env[name + SECRET_ARN_SUFFIX];
    if (!arn) {
      throw new ConfigError(`Missing configuration: set ${name} or ${name}${SECRET_ARN_SUFFIX}`);
    }
    let pending = cache.get(arn);
    if (!pending) {
      pending = fetchSecret(arn, name);
      cache.set(arn, pending);
      pending.catch(() => cache.delete(arn));
    }
    return pending;
  };
}

/**
 * The process-wide resolver: `env[name]` when set, else the Secrets Manager secret whose ARN is in
 * `env[name + '_SECRET_ARN']`, cached for the life of the container.
 */
export const resolveSecret: SecretResolver = createSecretResolver(() => new SecretsManagerClient({}));
