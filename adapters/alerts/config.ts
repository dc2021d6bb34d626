/**
 * The alerts deployable's configuration (EventBridge Scheduler and stock-change events →
 * ./lambda.ts): read once per container, validated, failing fast with the variable's name. The
 * Slack bot token comes through resolveSecret (the variable, or SLACK_BOT_TOKEN_SECRET_ARN).
 * `parseAlertSettings` is shared with the embedded default, where every variable has a default.
 */
import * as z from 'zod';
import { ConfigError } from '../../fulfillment/errors.js';
import { resolveSecret, type SecretResolver } from '../../fulfillment/secrets.js';
import { type AlertSettings, DEFAULT_ALERT_SETTINGS } from '../../fulfillment/usecases/alerts/rules.js';

const topicArn = z.string().regex(/^arn:aws[\w-]*:sns:[\w-]+:\d{12}:[\w.-]+$/, 'an SNS topic ARN');
const positive = (fallback: number) => z.coerce.number().positive().default(fallback);
const count = (fallback: number) => z.coerce.number().int().min(0).default(fallback);

const settingsSchema = z.object({
  ALERT_WINDOW_HOURS: positive(DEFAULT_ALERT_SETTINGS.windowHours),
  ALERT_QUIET_DAYS: count(DEFAULT_ALERT_SETTINGS.quietDays),
  ALERT_TARGET_DAYS: positive(DEFAULT_ALERT_SETTINGS.targetDays),
  ALERT_EXPECTED_YIELD: z.coerce.number().gt(0).max(1).default(DEFAULT_ALERT_SETTINGS.expectedYield),
  ALERT_MIN_DONORS: count(DEFAULT_ALERT_SETTINGS.minDonors),
  ALERT_MAX_DONORS: z.coerce.number().int().min(1).default(DEFAULT_ALERT_SETTINGS.maxDonors),
  ALERT_REPLY_WINDOW_HOURS: positive(DEFAULT_ALERT_SETTINGS.replyWindowHours),
  /** The origination identity's SMS throughput (messages per second). */
  ALERT_SMS_PER_SECOND: positive(20),
});

const schema = settingsSchema.extend({
  TABLE_NAME: z.string().min(1),
  AWS_REGION: z.string().min(1).optional(),
  /** Set only for `npm run invoke -- alerts` against DynamoDB Local. */
  DYNAMODB_ENDPOINT: z.url().optional(),
  /** The stack's name for it; ALERT_TOPIC_ARN is accepted too. */
  SHORTAGE_ALERTS_TOPIC_ARN: topicArn.optional(),
  ALERT_TOPIC_ARN: topicArn.optional(),
  ELIGIBILITY_POLICY: z.enum(['US', 'UK']).default('US'),
  TIME_ZONE: z.string().default('UTC'),
  SMS_ORIGINATION_NUMBER: z
    .string()
    .regex(/^\+[1-9]\d{6,14}$/, 'E.164 phone number')
    .optional(),
  /** Slack channel ID for staff notices; without it, notices go to the topic only. */
  SLACK_ALERTS_CHANNEL: z.string().min(1).optional(),
  SLACK_API_URL: z.url().optional(),
  /** Stop contacting donors after this long in one invocation (below the function's timeout). */
  ALERT_DELIVERY_BUDGET_SECONDS: positive(240),
});

export interface AlertsConfig {
  tableName: string;
  region?: string;
  dynamoEndpoint?: string;
  topicArn: string;
  policy: 'US' | 'UK';
  timeZone: string;
  originationNumber?: string;
  slack: { channel: string; botToken: string; apiUrl?: string } | null;
  settings: AlertSettings;
  smsPerSecond: number;
  deliveryBudgetMs: number;
}

function problems(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
}

/** The alert rules' numbers from the environment (defaults for anything unset). */
export function parseAlertSettings(env: NodeJS.ProcessEnv): {
  settings: AlertSettings;
  smsPerSecond: number;
} {
  const parsed = settingsSchema.safeParse(env);
  if (!parsed.success) throw new ConfigError(`Invalid alert settings: ${problems(parsed.error)}`);
  const e = parsed.data;
  if (e.ALERT_MIN_DONORS > e.ALERT_MAX_DONORS) {
    throw new ConfigError('Invalid alert settings: ALERT_MIN_DONORS must not exceed ALERT_MAX_DONORS');
  }
  return {
    settings: {
      ...DEFAULT_ALERT_SETTINGS,
      windowHours: e.ALERT_WINDOW_HOURS,
      quietDays: e.ALERT_QUIET_DAYS,
      targetDays: e.ALERT_TARGET_DAYS,
      expectedYield: e.ALERT_EXPECTED_YIELD,
      minDonors: e.ALERT_MIN_DONORS,
      maxDonors: e.ALERT_MAX_DONORS,
      replyWindowHours: e.ALERT_REPLY_WINDOW_HOURS,
    },
    smsPerSecond: e.ALERT_SMS_PER_SECOND,
  };
}

export async function loadAlertsConfig(
  env: NodeJS.ProcessEnv = process.env,
  secret: SecretResolver = resolveSecret,
): Promise<AlertsConfig> {
  const parsed = schema.safeParse(env);
  if (!parsed.success) throw new ConfigError(`Invalid alerts configuration: ${problems(parsed.error)}`);
  const e = parsed.data;
  const topic = e.SHORTAGE_ALERTS_TOPIC_ARN ?? e.ALERT_TOPIC_ARN;
  if (!topic) throw new ConfigError('Invalid alerts configuration: set SHORTAGE_ALERTS_TOPIC_ARN');
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: e.TIME_ZONE });
  } catch {
    throw new ConfigError(`Invalid alerts configuration: TIME_ZONE: unknown zone ${e.TIME_ZONE}`);
  }
  const { settings, smsPerSecond } = parseAlertSettings(env);
  const slack = e.SLACK_ALERTS_CHANNEL
    ? {
        channel: e.SLACK_ALERTS_CHANNEL,
        botToken: await secret(env, 'SLACK_BOT_TOKEN'),
        ...(e.SLACK_API_URL ? { apiUrl: e.SLACK_API_URL } : {}),
      }
    : null;
  if (slack && !slack.botToken.startsWith('xoxb-')) {
    throw new ConfigError('Invalid alerts configuration: SLACK_BOT_TOKEN must be a bot token (xoxb-...)');
  }
  return {
    tableName: e.TABLE_NAME,
    ...(e.AWS_REGION ? { region: e.AWS_REGION } : {}),
    ...(e.DYNAMODB_ENDPOINT ? { dynamoEndpoint: e.DYNAMODB_ENDPOINT } : {}),
    topicArn: topic,
    policy: e.ELIGIBILITY_POLICY,
    timeZone: e.TIME_ZONE,
    ...(e.SMS_ORIGINATION_NUMBER ? { originationNumber: e.SMS_ORIGINATION_NUMBER } : {}),
    slack,
    settings,
    smsPerSecond,
    deliveryBudgetMs: e.ALERT_DELIVERY_BUDGET_SECONDS * 1000,
  };
}
