/**
 * The SMS deployable's configuration (SNS-delivered inbound SMS → ./lambda.ts): read once per
 * container, validated, failing fast. Secrets (the principal signing key and the phone-hash pepper)
 * come through resolveSecret: the variable itself, or Secrets Manager via <NAME>_SECRET_ARN.
 */
import * as z from 'zod';
import { parseEnv } from '../../fulfillment/env.js';
import { ConfigError } from '../../fulfillment/errors.js';
import { resolveSecret, type SecretResolver } from '../../fulfillment/secrets.js';

const schema = z.object({
  TABLE_NAME: z.string().min(1),
  AWS_REGION: z.string().min(1).optional(),
  LEX_BOT_ID: z.string().min(1),
  LEX_BOT_ALIAS_ID: z.string().min(1),
  LEX_LOCALE_ID: z.string().min(1).default('en_US'),
  /** Used when an inbound message does not say which number it was sent to. */
  SMS_ORIGINATION_NUMBER: z
    .string()
    .regex(/^\+[1-9]\d{6,14}$/, 'E.164 phone number')
    .optional(),
});

export interface SmsConfig {
  tableName: string;
  region?: string;
  lex: { botId: string; botAliasId: string; localeId: string };
  originationNumber?: string;
  principalSigningKey: string;
  phoneHashKey: string;
}

export async function loadSmsConfig(
  env: NodeJS.ProcessEnv = process.env,
  secret: SecretResolver = resolveSecret,
): Promise<SmsConfig> {
  const e = parseEnv(schema, env, 'SMS');
  const [principalSigningKey, phoneHashKey] = await Promise.all([
    secret(env, 'PRINCIPAL_SIGNING_KEY'),
    secret(env, 'PHONE_HASH_KEY'),
  ]);
  for (const [name, value] of [
    ['PRINCIPAL_SIGNING_KEY', principalSigningKey],
    ['PHONE_HASH_KEY', phoneHashKey],
  ] as const) {
    if (value.length < 32)
      throw new ConfigError(`Invalid SMS configuration: ${name} must be at least 32 characters`);
  }
  return {
    tableName: e.TABLE_NAME,
    ...(e.AWS_REGION ? { region: e.AWS_REGION } : {}),
    lex: { botId: e.LEX_BOT_ID, botAliasId: e.LEX_BOT_ALIAS_ID, localeId: e.LEX_LOCALE_ID },
    ...(e.SMS_ORIGINATION_NUMBER ? { originationNumber: e.SMS_ORIGINATION_NUMBER } : {}),
    principalSigningKey,
    phoneHashKey,
  };
}
