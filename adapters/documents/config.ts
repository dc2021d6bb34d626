/**
 * The documents deployables' configuration (the API, ./lambda.ts, and the report function,
 * ./reportLambda.ts): read at each invocation (fulfillment/lazyHandler.ts), validated, failing fast
 * with the variable's name. The Slack bot token, needed only to post the daily report, comes through resolveSecret.
 */
import * as z from 'zod';
import { parseEnv } from '../../fulfillment/env.js';
import { ConfigError } from '../../fulfillment/errors.js';
import { resolveSecret, type SecretResolver } from '../../fulfillment/secrets.js';
import { cognitoIssuer } from '../identity/verifier.js';

const schema = z.object({
  TABLE_NAME: z.string().min(1),
  AWS_REGION: z.string().min(1).optional(),
  /** The versioned, SSE-KMS documents bucket (infra Storage.documents). */
  DOCUMENTS_BUCKET: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'an S3 bucket name'),
  /** The data key's ARN: every object is written with it explicitly. */
  DOCUMENTS_KMS_KEY_ID: z.string().min(1).optional(),
  COGNITO_USER_POOL_ID: z.string().regex(/^[\w-]+_[0-9A-Za-z]+$/, 'expected <region>_<id>'),
  COGNITO_CLIENT_ID: z.string().min(1),
  ELIGIBILITY_POLICY: z.enum(['US', 'UK']).default('US'),
  TIME_ZONE: z.string().default('UTC'),
  /** Staff channel for the daily report (C…); the report is still written when unset. */
  SLACK_STAFF_CHANNEL: z
    .string()
    .regex(/^[CG][A-Z0-9]{2,}$/, 'a Slack channel id')
    .optional(),
  SLACK_API_URL: z.url().optional(),
  /** Where staff view reports (behind sign-in); linked from the Slack post. */
  STAFF_PAGE_URL: z.url().optional(),
});

export interface DocumentsConfig {
  tableName: string;
  region?: string;
  bucket: string;
  kmsKeyId?: string;
  cognito: { userPoolId: string; clientId: string; issuer: string; jwksUri: string };
  policy: 'US' | 'UK';
  timeZone: string;
  slack?: { channel: string; botToken: string; apiUrl?: string };
  staffPageUrl?: string;
}

export async function loadDocumentsConfig(
  env: NodeJS.ProcessEnv = process.env,
  secret: SecretResolver = resolveSecret,
): Promise<DocumentsConfig> {
  const e = parseEnv(schema, env, 'documents');
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: e.TIME_ZONE });
  } catch {
    throw new ConfigError(`Invalid documents configuration: TIME_ZONE: unknown zone ${e.TIME_ZONE}`);
  }
  const botToken = e.SLACK_STAFF_CHANNEL ? await secret(env, 'SLACK_BOT_TOKEN') : undefined;
  return {
    tableName: e.TABLE_NAME,
    ...(e.AWS_REGION ? { region: e.AWS_REGION } : {}),
    bucket: e.DOCUMENTS_BUCKET,
    ...(e.DOCUMENTS_KMS_KEY_ID ? { kmsKeyId: e.DOCUMENTS_KMS_KEY_ID } : {}),
    cognito: {
      userPoolId: e.COGNITO_USER_POOL_ID,
      clientId: e.COGNITO_CLIENT_ID,
      ...cognitoIssuer(e.COGNITO_USER_POOL_ID),
    },
    policy: e.ELIGIBILITY_POLICY,
    timeZone: e.TIME_ZONE,
    ...(e.SLACK_STAFF_CHANNEL && botToken
      ? {
          slack: {
            channel: e.SLACK_STAFF_CHANNEL,
            botToken,
            ...(e.SLACK_API_URL ? { apiUrl: e.SLACK_API_URL } : {}),
          },
        }
      : {}),
    ...(e.STAFF_PAGE_URL ? { staffPageUrl: e.STAFF_PAGE_URL } : {}),
  };
}
