/**
 * The Slack deployable's configuration (API Gateway → ./lambda.ts, and the same function invoked by
 * SNS for the deferred work): read once per container, validated, failing fast. The Slack secrets
 * and the principal signing key come through resolveSecret (the variable, or <NAME>_SECRET_ARN).
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
  /** The topic this function publishes acknowledged turns to, and is subscribed to. */
  SLACK_WORK_TOPIC_ARN: z.string().regex(/^arn:aws[\w-]*:sns:[\w-]+:\d{12}:[\w-]+$/, 'an SNS topic ARN'),
  SLACK_BOT_USER_ID: z.string().min(1).optional(),
  SLACK_API_URL: z.url().optional(),
  /** The user pool `/blood link` checks accounts and their groups in. */
  COGNITO_USER_POOL_ID: z.string().regex(/^[\w-]+_[0-9A-Za-z]+$/, 'expected <region>_<id>'),
});

export interface SlackConfig {
  tableName: string;
  region?: string;
  lex: { botId: string; botAliasId: string; localeId: string };
  workTopicArn: string;
  botUserId?: string;
  slackApiUrl?: string;
  userPoolId: string;
  signingSecret: string;
  botToken: string;
  principalSigningKey: string;
}

export async function loadSlackConfig(
  env: NodeJS.ProcessEnv = process.env,
  secret: SecretResolver = resolveSecret,
): Promise<SlackConfig> {
  const e = parseEnv(schema, env, 'Slack');
  const [signingSecret, botToken, principalSigningKey] = await Promise.all([
    secret(env, 'SLACK_SIGNING_SECRET'),
    secret(env, 'SLACK_BOT_TOKEN'),
    secret(env, 'PRINCIPAL_SIGNING_KEY'),
  ]);
  if (principalSigningKey.length < 32) {
    throw new ConfigError(
      'Invalid Slack configuration: PRINCIPAL_SIGNING_KEY must be at least 32 characters',
    );
  }
  if (!botToken.startsWith('xoxb-')) {
    throw new ConfigError('Invalid Slack configuration: SLACK_BOT_TOKEN must be a bot token (xoxb-...)');
  }
  return {
    tableName: e.TABLE_NAME,
    ...(e.AWS_REGION ? { region: e.AWS_REGION } : {}),
    lex: { botId: e.LEX_BOT_ID, botAliasId: e.LEX_BOT_ALIAS_ID, localeId: e.LEX_LOCALE_ID },
    workTopicArn: e.SLACK_WORK_TOPIC_ARN,
    ...(e.SLACK_BOT_USER_ID ? { botUserId: e.SLACK_BOT_USER_ID } : {}),
    ...(e.SLACK_API_URL ? { slackApiUrl: e.SLACK_API_URL } : {}),
    userPoolId: e.COGNITO_USER_POOL_ID,
    signingSecret,
    botToken,
    principalSigningKey,
  };
}
