/**
 * Secrets for every deployable (fulfillment and the channel adapters).
 *
 * Embedded default and tests: the value itself is in the environment (`PRINCIPAL_SIGNING_KEY=...`).
 * On AWS: the stack sets `PRINCIPAL_SIGNING_KEY_SECRET_ARN` and grants read on that secret only, so
 * the plaintext never appears in the function's configuration (visible to anyone with
 * lambda:GetFunctionConfiguration) nor in the CloudFormation template. The value comes through
 * Powertools Parameters (`getSecret`), cached for SECRET_MAX_AGE_SECONDS: the entry points load
 * their configuration on every invocation (fulfillment/lazyHandler.ts), so a rotated secret reaches
 * a warm container within that time, not only in new containers.
 */
import { getSecret } from '@aws-lambda-powertools/parameters/secrets';
import { ConfigError } from './errors.js';

export type SecretResolver = (env: NodeJS.ProcessEnv, name: string) => Promise<string>;

/** Parameters' `getSecret`, or a SecretsProvider's `get` over an injected SDK client in tests. */
export type SecretFetcher = (secretId: string, options: { maxAge: number }) => Promise<unknown>;

export const SECRET_ARN_SUFFIX = '_SECRET_ARN';

/** How long a fetched secret is trusted: one GetSecretValue per secret per container per 5 minutes. */
export const SECRET_MAX_AGE_SECONDS = 300;

/**
 * Builds a resolver over `fetch`. Parameters caches values (a failure is not cached, so the next
 * invocation retries); lookups of one secret that overlap share a single call.
 */
export function createSecretResolver(
  fetch: SecretFetcher = getSecret,
  maxAge = SECRET_MAX_AGE_SECONDS,
): SecretResolver {
  const inFlight = new Map<string, Promise<unknown>>();
  return async (env, name) => {
    const direct = env[name];
    if (direct) return direct;
    const arn = env[name + SECRET_ARN_SUFFIX];
    if (!arn) {
      throw new ConfigError(`Missing configuration: set ${name} or ${name}${SECRET_ARN_SUFFIX}`);
    }
    let pending = inFlight.get(arn);
    if (!pending) {
      pending = fetch(arn, { maxAge }).finally(() => inFlight.delete(arn));
      inFlight.set(arn, pending);
    }
    const value = await pending;
    if (typeof value !== 'string' || !value) {
      throw new ConfigError(`Secret for ${name} (${name}${SECRET_ARN_SUFFIX}) has no string value`);
    }
    return value;
  };
}

/**
 * The process-wide resolver: `env[name]` when set, else the Secrets Manager secret whose ARN is in
 * `env[name + '_SECRET_ARN']`, through Parameters' cache.
 */
export const resolveSecret: SecretResolver = createSecretResolver();
