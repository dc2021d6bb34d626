import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfigError } from '../../fulfillment/errors.js';
import { createSecretResolver, SECRET_MAX_AGE_SECONDS } from '../../fulfillment/secrets.js';
import { fakeSecretsManager } from '../support/secretsManager.js';

const ARN = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:bloodbank/principal-signing-key-AbCdEf';

const ok = (value: string) => () => ({ SecretString: value });

afterEach(() => {
  vi.useRealTimers();
});

describe('resolveSecret', () => {
  it('returns the plain variable when it is set, without calling Secrets Manager', async () => {
    // Prepare
    const fake = fakeSecretsManager(ok('from-secrets-manager'));
    const resolve = createSecretResolver(fake.fetch);
    // Act
    const value = await resolve(
      { PRINCIPAL_SIGNING_KEY: 'direct', PRINCIPAL_SIGNING_KEY_SECRET_ARN: ARN },
      'PRINCIPAL_SIGNING_KEY',
    );
    // Assess
    expect(value).toBe('direct');
    expect(fake.calls).toEqual([]);
  });

  it('fetches the secret named by <NAME>_SECRET_ARN when the plain variable is unset', async () => {
    // Prepare
    const fake = fakeSecretsManager(ok('s3cr3t'));
    const resolve = createSecretResolver(fake.fetch);
    // Act
    const value = await resolve({ PRINCIPAL_SIGNING_KEY_SECRET_ARN: ARN }, 'PRINCIPAL_SIGNING_KEY');
    // Assess
    expect(value).toBe('s3cr3t');
    expect(fake.calls).toEqual([ARN]);
  });

  it('caches within the max age: repeated and concurrent lookups make one call', async () => {
    // Prepare
    const fake = fakeSecretsManager(ok('s3cr3t'));
    const resolve = createSecretResolver(fake.fetch);
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
  });

  it('picks up a rotated secret once the max age has passed, in the same container', async () => {
    // Prepare
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-12-01T06:00:00Z') });
    let current = 'before-rotation';
    const fake = fakeSecretsManager(() => ({ SecretString: current }));
    const resolve = createSecretResolver(fake.fetch);
    const env = { PRINCIPAL_SIGNING_KEY_SECRET_ARN: ARN };
    const first = await resolve(env, 'PRINCIPAL_SIGNING_KEY');
    current = 'after-rotation';
    // Act
    const withinMaxAge = await resolve(env, 'PRINCIPAL_SIGNING_KEY');
    vi.advanceTimersByTime((SECRET_MAX_AGE_SECONDS + 1) * 1000);
    const afterMaxAge = await resolve(env, 'PRINCIPAL_SIGNING_KEY');
    // Assess
    expect([first, withinMaxAge, afterMaxAge]).toEqual([
      'before-rotation',
      'before-rotation',
      'after-rotation',
    ]);
    expect(fake.calls).toHaveLength(2);
  });

  it('does not cache a failure, so the next invocation retries', async () => {
    // Prepare
    let attempt = 0;
    const fake = fakeSecretsManager(() => {
      attempt += 1;
      if (attempt === 1) return { error: 'ThrottlingException', message: 'Rate exceeded' };
      return { SecretString: 'second-time' };
    });
    const resolve = createSecretResolver(fake.fetch);
    const env = { SLACK_BOT_TOKEN_SECRET_ARN: ARN };
    // Act
    const first = resolve(env, 'SLACK_BOT_TOKEN');
    // Assess
    await expect(first).rejects.toThrow('Rate exceeded');
    await expect(resolve(env, 'SLACK_BOT_TOKEN')).resolves.toBe('second-time');
    expect(fake.calls).toHaveLength(2);
  });

  it('names the variable when neither the value nor the ARN is set', async () => {
    // Prepare
    const resolve = createSecretResolver(fakeSecretsManager(ok('unused')).fetch);
    // Act
    const result = resolve({}, 'PHONE_HASH_KEY');
    // Assess
    await expect(result).rejects.toBeInstanceOf(ConfigError);
    await expect(result).rejects.toThrow(/PHONE_HASH_KEY or PHONE_HASH_KEY_SECRET_ARN/);
  });

  it('rejects a secret without a string value, naming the variable', async () => {
    // Prepare
    const fake = fakeSecretsManager(() => ({}));
    const resolve = createSecretResolver(fake.fetch);
    // Act
    const result = resolve({ PHONE_HASH_KEY_SECRET_ARN: ARN }, 'PHONE_HASH_KEY');
    // Assess
    await expect(result).rejects.toThrow(/PHONE_HASH_KEY.*no string value/);
  });
});
