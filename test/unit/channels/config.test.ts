/**
 * One config module per channel deployable: read once, validated, failing fast with the variable's
 * name; secrets through the shared resolver (a value, or Secrets Manager by ARN, faked at the SDK).
 */
import { describe, expect, it } from 'vitest';
import { loadSlackConfig } from '../../../adapters/slack/config.js';
import { loadSmsConfig } from '../../../adapters/sms/config.js';
import { loadWebConfig } from '../../../adapters/web/config.js';
import { ConfigError } from '../../../fulfillment/errors.js';
import { createSecretResolver } from '../../../fulfillment/secrets.js';
import { fakeSecretsManager } from '../../support/secretsManager.js';

const KEY = 'k'.repeat(40);
const BASE = {
  TABLE_NAME: 'bloodbank',
  LEX_BOT_ID: 'BOT',
  LEX_BOT_ALIAS_ID: 'ALIAS',
  PRINCIPAL_SIGNING_KEY: KEY,
};

describe('web config', () => {
  const env = {
    ...BASE,
    COGNITO_USER_POOL_ID: 'eu-west-2_AbC123',
    COGNITO_CLIENT_ID: 'client123',
    ALLOWED_ORIGINS: 'https://donate.example.org, https://www.example.org',
  };

  it('derives the real pool’s issuer and JWKS, and parses the allow-list', async () => {
    const config = await loadWebConfig(env);
    expect(config.cognito).toEqual({
      userPoolId: 'eu-west-2_AbC123',
      clientId: 'client123',
      issuer: 'https://cognito-idp.eu-west-2.amazonaws.com/eu-west-2_AbC123',
      jwksUri: 'https://cognito-idp.eu-west-2.amazonaws.com/eu-west-2_AbC123/.well-known/jwks.json',
    });
    expect(config.allowedOrigins).toEqual(['https://donate.example.org', 'https://www.example.org']);
    expect(config.lex.localeId).toBe('en_US');
    expect(config.rateLimitPerMinute).toBe(20);
  });

  it.each([
    [{ ALLOWED_ORIGINS: undefined }, /ALLOWED_ORIGINS/],
    [{ ALLOWED_ORIGINS: 'donate.example.org/path' }, /not an origin/],
    [{ COGNITO_USER_POOL_ID: 'nope' }, /COGNITO_USER_POOL_ID/],
    [{ PRINCIPAL_SIGNING_KEY: 'short' }, /at least 32/],
    [{ PRINCIPAL_SIGNING_KEY: undefined }, /PRINCIPAL_SIGNING_KEY/],
    [{ LEX_BOT_ID: undefined }, /LEX_BOT_ID/],
  ])('fails fast on %j', async (change, message) => {
    await expect(loadWebConfig({ ...env, ...change })).rejects.toThrow(message);
    await expect(loadWebConfig({ ...env, ...change })).rejects.toBeInstanceOf(ConfigError);
  });

  it('reads the signing key from Secrets Manager when given its ARN', async () => {
    // Prepare: the SDK boundary, faked.
    const fake = fakeSecretsManager(() => ({ SecretString: KEY }));
    const resolver = createSecretResolver(fake.fetch);
    const arn = 'arn:aws:secretsmanager:eu-west-2:123456789012:secret:principal-key';
    // Act
    const config = await loadWebConfig(
      { ...env, PRINCIPAL_SIGNING_KEY: undefined, PRINCIPAL_SIGNING_KEY_SECRET_ARN: arn },
      resolver,
    );
    // Assess
    expect(config.principalSigningKey).toBe(KEY);
    expect(fake.calls).toEqual([arn]);
  });
});

describe('Slack config', () => {
  const env = {
    ...BASE,
    SLACK_SIGNING_SECRET: 'signing-secret',
    SLACK_BOT_TOKEN: 'xoxb-1-2-3',
    SLACK_WORK_TOPIC_ARN: 'arn:aws:sns:eu-west-2:123456789012:slack-work',
    COGNITO_USER_POOL_ID: 'eu-west-2_AbC123',
  };

  it('loads', async () => {
    expect(await loadSlackConfig(env)).toMatchObject({
      workTopicArn: env.SLACK_WORK_TOPIC_ARN,
      botToken: 'xoxb-1-2-3',
      userPoolId: 'eu-west-2_AbC123',
    });
  });

  it.each([
    [{ SLACK_WORK_TOPIC_ARN: undefined }, /SLACK_WORK_TOPIC_ARN/],
    [{ COGNITO_USER_POOL_ID: undefined }, /COGNITO_USER_POOL_ID/],
    [{ COGNITO_USER_POOL_ID: 'pool' }, /COGNITO_USER_POOL_ID/],
    [{ SLACK_SIGNING_SECRET: undefined }, /SLACK_SIGNING_SECRET/],
    [{ SLACK_BOT_TOKEN: 'xoxp-user-token' }, /bot token/],
  ])('fails fast on %j', async (change, message) => {
    await expect(loadSlackConfig({ ...env, ...change })).rejects.toThrow(message);
  });
});

describe('SMS config', () => {
  const env = { ...BASE, PHONE_HASH_KEY: KEY, SMS_ORIGINATION_NUMBER: '+18005550100' };

  it('loads', async () => {
    expect(await loadSmsConfig(env)).toMatchObject({ originationNumber: '+18005550100', phoneHashKey: KEY });
  });

  it.each([
    [{ PHONE_HASH_KEY: undefined }, /PHONE_HASH_KEY/],
    [{ SMS_ORIGINATION_NUMBER: '0800 555 0100' }, /SMS_ORIGINATION_NUMBER/],
    [{ TABLE_NAME: undefined }, /TABLE_NAME/],
  ])('fails fast on %j', async (change, message) => {
    await expect(loadSmsConfig({ ...env, ...change })).rejects.toThrow(message);
  });
});
