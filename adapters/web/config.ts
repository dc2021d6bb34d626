/**
 * The web API deployable's configuration (API Gateway HTTP API → ./lambda.ts): read once per
 * container, validated, failing fast with the variable's name. The signing key comes through
 * resolveSecret (the variable itself, or Secrets Manager via PRINCIPAL_SIGNING_KEY_SECRET_ARN).
 */
import * as z from 'zod';
import { parseEnv } from '../../fulfillment/env.js';
import { ConfigError } from '../../fulfillment/errors.js';
import { resolveSecret, type SecretResolver } from '../../fulfillment/secrets.js';
import { cognitoIssuer } from '../identity/verifier.js';

const schema = z.object({
  TABLE_NAME: z.string().min(1),
  AWS_REGION: z.string().min(1).optional(),
  LEX_BOT_ID: z.string().min(1),
  LEX_BOT_ALIAS_ID: z.string().min(1),
  LEX_LOCALE_ID: z.string().min(1).default('en_US'),
  COGNITO_USER_POOL_ID: z.string().regex(/^[\w-]+_[0-9A-Za-z]+$/, 'expected <region>_<id>'),
  /** The widget's app client: only its tokens are accepted (the ID token's audience). */
  COGNITO_CLIENT_ID: z.string().min(1),
  /** Sites that embed the widget, comma-separated (https://donate.example.org,...). */
  ALLOWED_ORIGINS: z.string().min(1),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(20),
  /** GET /api/stock: the policy's defaults and the service's day. */
  ELIGIBILITY_POLICY: z.enum(['US', 'UK']).default('US'),
  TIME_ZONE: z.string().default('UTC'),
});

export interface WebConfig {
  tableName: string;
  region?: string;
  lex: { botId: string; botAliasId: string; localeId: string };
  cognito: { userPoolId: string; clientId: string; issuer: string; jwksUri: string };
  allowedOrigins: string[];
  rateLimitPerMinute: number;
  principalSigningKey: string;
  policy: 'US' | 'UK';
  timeZone: string;
}

export function parseOrigins(value: string): string[] {
  const origins = value
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  for (const origin of origins) {
    if (!/^https?:\/\/[^/\s]+$/.test(origin)) {
      throw new ConfigError(`Invalid web configuration: ALLOWED_ORIGINS: "${origin}" is not an origin`);
    }
  }
  return origins;
}

export async function loadWebConfig(
  env: NodeJS.ProcessEnv = process.env,
  secret: SecretResolver = resolveSecret,
): Promise<WebConfig> {
  const e = parseEnv(schema, env, 'web');
  const principalSigningKey = await secret(env, 'PRINCIPAL_SIGNING_KEY');
  if (principalSigningKey.length < 32) {
    throw new ConfigError('Invalid web configuration: PRINCIPAL_SIGNING_KEY must be at least 32 characters');
  }
  return {
    tableName: e.TABLE_NAME,
    ...(e.AWS_REGION ? { region: e.AWS_REGION } : {}),
    lex: { botId: e.LEX_BOT_ID, botAliasId: e.LEX_BOT_ALIAS_ID, localeId: e.LEX_LOCALE_ID },
    cognito: {
      userPoolId: e.COGNITO_USER_POOL_ID,
      clientId: e.COGNITO_CLIENT_ID,
      ...cognitoIssuer(e.COGNITO_USER_POOL_ID),
    },
    allowedOrigins: parseOrigins(e.ALLOWED_ORIGINS),
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    principalSigningKey,
    policy: e.ELIGIBILITY_POLICY,
    timeZone: e.TIME_ZONE,
  };
}
