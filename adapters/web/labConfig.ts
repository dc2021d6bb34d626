/**
 * The lab results deployable's configuration (API Gateway → ./labLambda.ts): read at each
 * invocation (fulfillment/lazyHandler.ts), validated, failing fast with the variable's name. The
 * lab's service credential comes through resolveSecret (LAB_SERVICE_CREDENTIAL, or Secrets Manager
 * via LAB_SERVICE_CREDENTIAL_SECRET_ARN through Parameters' cache), like every other secret.
 */
import * as z from 'zod';
import { parseEnv } from '../../fulfillment/env.js';
import { ConfigError } from '../../fulfillment/errors.js';
import { resolveSecret, type SecretResolver } from '../../fulfillment/secrets.js';
import { cognitoIssuer } from '../identity/verifier.js';

const schema = z.object({
  TABLE_NAME: z.string().min(1),
  AWS_REGION: z.string().min(1).optional(),
  COGNITO_USER_POOL_ID: z.string().regex(/^[\w-]+_[0-9A-Za-z]+$/, 'expected <region>_<id>'),
  COGNITO_CLIENT_ID: z.string().min(1),
  ELIGIBILITY_POLICY: z.enum(['US', 'UK']).default('US'),
  TIME_ZONE: z.string().default('UTC'),
  /** Where released units are announced for shortage detection (as fulfillment does). */
  STOCK_EVENTS_BUS: z.string().min(1).optional(),
  /** Staff channel for a reactive result's lookback list; without it the list is audited only. */
  SLACK_ALERTS_CHANNEL: z.string().min(1).optional(),
  SLACK_API_URL: z.url().optional(),
});

/** A credential shorter than this is a configuration mistake, not a secret. */
export const MIN_LAB_CREDENTIAL_LENGTH = 32;

export interface LabConfig {
  tableName: string;
  region?: string;
  cognito: { userPoolId: string; clientId: string; issuer: string; jwksUri: string };
  policy: 'US' | 'UK';
  timeZone: string;
  stockEventsBus?: string;
  labCredential: string;
  slack?: { channel: string; botToken: string; apiUrl?: string };
}

export async function loadLabConfig(
  env: NodeJS.ProcessEnv = process.env,
  secret: SecretResolver = resolveSecret,
): Promise<LabConfig> {
  const e = parseEnv(schema, env, 'lab results');
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: e.TIME_ZONE });
  } catch {
    throw new ConfigError(`Invalid lab results configuration: TIME_ZONE: unknown zone ${e.TIME_ZONE}`);
  }
  const labCredential = await secret(env, 'LAB_SERVICE_CREDENTIAL');
  if (labCredential.length < MIN_LAB_CREDENTIAL_LENGTH) {
    throw new ConfigError(
      `Invalid lab results configuration: LAB_SERVICE_CREDENTIAL must be at least ${MIN_LAB_CREDENTIAL_LENGTH} characters`,
    );
  }
  const botToken = e.SLACK_ALERTS_CHANNEL ? await secret(env, 'SLACK_BOT_TOKEN') : undefined;
  return {
    tableName: e.TABLE_NAME,
    ...(e.AWS_REGION ? { region: e.AWS_REGION } : {}),
    cognito: {
      userPoolId: e.COGNITO_USER_POOL_ID,
      clientId: e.COGNITO_CLIENT_ID,
      ...cognitoIssuer(e.COGNITO_USER_POOL_ID),
    },
    policy: e.ELIGIBILITY_POLICY,
    timeZone: e.TIME_ZONE,
    ...(e.STOCK_EVENTS_BUS ? { stockEventsBus: e.STOCK_EVENTS_BUS } : {}),
    labCredential,
    ...(e.SLACK_ALERTS_CHANNEL && botToken
      ? {
          slack: {
            channel: e.SLACK_ALERTS_CHANNEL,
            botToken,
            ...(e.SLACK_API_URL ? { apiUrl: e.SLACK_API_URL } : {}),
          },
        }
      : {}),
  };
}
