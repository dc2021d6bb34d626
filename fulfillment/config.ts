/**
 * The fulfillment deployable's configuration: read from the environment once, validated, and failing
 * fast at cold start with a message that names the variable.
 */
import * as z from 'zod';
import { parseEnv } from './env.js';
import { ConfigError } from './errors.js';

const schema = z.object({
  TABLE_NAME: z.string().min(1),
  /** Set only in the embedded default (DynamoDB Local). */
  DYNAMODB_ENDPOINT: z.url().optional(),
  /** HMAC key shared with the adapters; on AWS injected from Secrets Manager. */
  PRINCIPAL_SIGNING_KEY: z.string().min(32, 'PRINCIPAL_SIGNING_KEY must be at least 32 characters'),
  /** Pepper for phone-number lookup keys. */
  PHONE_HASH_KEY: z.string().min(32, 'PHONE_HASH_KEY must be at least 32 characters'),
  ELIGIBILITY_POLICY: z.enum(['US', 'UK']).default('US'),
  /** The service's time zone: "today", "tomorrow" and opening hours are in it. */
  TIME_ZONE: z.string().default('UTC'),
  DEFAULT_SITE: z.string().min(1).default('central'),
  AWS_REGION: z.string().optional(),
  /** The documents bucket, for the stock report links (StockReport); reports are off without it. */
  DOCUMENTS_BUCKET: z.string().min(3).optional(),
  DOCUMENTS_KMS_KEY_ID: z.string().min(1).optional(),
  /** EventBridge bus for StockChanged events (the alerts function listens); none locally. */
  STOCK_EVENTS_BUS: z.string().min(1).optional(),
  /** The number verification codes are texted from (E.164); SNS picks one when unset. */
  SMS_ORIGINATION_NUMBER: z
    .string()
    .regex(/^\+[1-9]\d{6,14}$/)
    .optional(),
});

export type FulfillmentConfig = {
  tableName: string;
  dynamoEndpoint?: string;
  principalSigningKey: string;
  phoneHashKey: string;
  policy: 'US' | 'UK';
  timeZone: string;
  defaultSite: string;
  region?: string;
  documents?: { bucket: string; kmsKeyId?: string };
  stockEventsBus?: string;
  smsOriginationNumber?: string;
};

export function loadFulfillmentConfig(env: NodeJS.ProcessEnv = process.env): FulfillmentConfig {
  const e = parseEnv(schema, env, 'fulfillment');
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: e.TIME_ZONE });
  } catch {
    throw new ConfigError(`Invalid fulfillment configuration: TIME_ZONE: unknown zone ${e.TIME_ZONE}`);
  }
  return {
    tableName: e.TABLE_NAME,
    ...(e.DYNAMODB_ENDPOINT ? { dynamoEndpoint: e.DYNAMODB_ENDPOINT } : {}),
    principalSigningKey: e.PRINCIPAL_SIGNING_KEY,
    phoneHashKey: e.PHONE_HASH_KEY,
    policy: e.ELIGIBILITY_POLICY,
    timeZone: e.TIME_ZONE,
    defaultSite: e.DEFAULT_SITE,
    ...(e.AWS_REGION ? { region: e.AWS_REGION } : {}),
    ...(e.STOCK_EVENTS_BUS ? { stockEventsBus: e.STOCK_EVENTS_BUS } : {}),
    ...(e.SMS_ORIGINATION_NUMBER ? { smsOriginationNumber: e.SMS_ORIGINATION_NUMBER } : {}),
    ...(e.DOCUMENTS_BUCKET
      ? {
          documents: {
            bucket: e.DOCUMENTS_BUCKET,
            ...(e.DOCUMENTS_KMS_KEY_ID ? { kmsKeyId: e.DOCUMENTS_KMS_KEY_ID } : {}),
          },
        }
      : {}),
  };
}
