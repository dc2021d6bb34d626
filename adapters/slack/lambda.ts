/**
 * Slack on AWS, one function with two doors:
 *   1. API Gateway (HTTP API, payload v2) → Bolt's AwsLambdaReceiver: verify the signature, ack, and
 *      publish the turn to SNS (SLACK_WORK_TOPIC_ARN). AwsLambdaReceiver answers Slack only when the
 *      listeners return, so a listener that awaited the bot here would hold the ack past Slack's
 *      3 seconds and earn retries and duplicate replies; publishing takes milliseconds.
 *   2. SNS (the same topic, subscribed to this function) → an asynchronous invocation that runs the
 *      turn and answers through response_url or chat.postMessage.
 * Why SNS and not a self-invoke with InvocationType Event: the SNS client is already a dependency
 * (SMS), and a subscription gives retries and a dead-letter queue without granting this function
 * lambda:InvokeFunction on itself. Either way the work happens after the ack, in another invocation.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { AwsLambdaReceiver, LogLevel } from '@slack/bolt';
import type { AwsEvent, AwsResponse } from '@slack/bolt/dist/receivers/AwsLambdaReceiver.js';
import { WebClient } from '@slack/web-api';
import type { SNSEvent } from 'aws-lambda';
import { LexRuntime } from '../../bots/runtime/lexRuntime.js';
import { policyFor } from '../../fulfillment/domain/policy.js';
import { ConfigError } from '../../fulfillment/errors.js';
import { lazyHandler } from '../../fulfillment/lazyHandler.js';
import { DynamoAlertStore } from '../../fulfillment/store/dynamo/alerts.js';
import { createDocumentClient } from '../../fulfillment/store/dynamo/base.js';
import { DynamoIdentity } from '../../fulfillment/store/dynamo/identity.js';
import { DynamoSlackAnswers } from '../../fulfillment/store/dynamo/slackAnswers.js';
import { CognitoAccountDirectory } from '../identity/accounts.js';
import type { SnsPublisher } from '../sms/sender.js';
import { createSlackApp } from './app.js';
import { loadSlackConfig, type SlackConfig } from './config.js';
import { type ChatPoster, createSlackDelivery } from './delivery.js';
import { runSlackTurnSafely } from './safeTurn.js';
import { isFreshSlackTimestamp } from './signing.js';
import { type SlackTurnDeps, slackTurnSchema } from './turn.js';

const logger = new Logger({ serviceName: 'slack' });

/** Slack repeats an event for up to about an hour and a response_url lives 30 minutes; a day covers both. */
export const EVENT_DEDUPE_TTL_SECONDS = 24 * 60 * 60;

export interface SlackLambdaDeps {
  signingSecret: string;
  botToken: string;
  botUserId?: string;
  slackApiUrl?: string;
  workTopicArn: string;
  publisher: SnsPublisher;
  /** chat.postMessage; a WebClient for the bot token unless given. */
  poster?: ChatPoster;
  /** How response_urls are POSTed to (global fetch unless given). */
  fetch?: typeof fetch;
  /** True the first time a delivery key is seen (see ./app.ts). */
  claimDelivery: (key: string) => Promise<boolean>;
  now?: () => Date;
  turn: Omit<SlackTurnDeps, 'delivery'>;
  logger: Logger;
}

export type SlackLambdaEvent = AwsEvent | SNSEvent;

function isSnsEvent(event: SlackLambdaEvent): event is SNSEvent {
  return Array.isArray((event as SNSEvent).Records);
}

export function createSlackLambda(deps: SlackLambdaDeps) {
  const receiver = new AwsLambdaReceiver({ signingSecret: deps.signingSecret, logLevel: LogLevel.ERROR });
  createSlackApp({
    receiver,
    botToken: deps.botToken,
    ...(deps.botUserId ? { botUserId: deps.botUserId } : {}),
    ...(deps.slackApiUrl ? { slackApiUrl: deps.slackApiUrl } : {}),
    claimDelivery: deps.claimDelivery,
    logger: deps.logger,
    defer: async (turn) => {
      await deps.publisher.send(
        new PublishCommand({ TopicArn: deps.workTopicArn, Message: JSON.stringify(turn) }),
      );
    },
  });
  const http = receiver.toHandler();
  const poster =
    deps.poster ?? new WebClient(deps.botToken, deps.slackApiUrl ? { slackApiUrl: deps.slackApiUrl } : {});
  const delivery = createSlackDelivery({
    client: poster,
    slackHostsOnly: true,
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
  });

  return async (event: SlackLambdaEvent, context: unknown = {}): Promise<AwsResponse | { turns: number }> => {
    if (!isSnsEvent(event)) {
      // Bolt refuses stale stamps; a stamp far in the future is refused here, before Bolt.
      const stamp = Object.entries(event.headers ?? {}).find(
        ([name]) => name.toLowerCase() === 'x-slack-request-timestamp',
      )?.[1];
      if (!isFreshSlackTimestamp(stamp, (deps.now?.() ?? new Date()).getTime())) {
        return { statusCode: 401, body: JSON.stringify({ error: 'stale_or_future_request' }) };
      }
      return http(event, context);
    }
    let turns = 0;
    for (const record of event.Records) {
      let message: unknown;
      try {
        message = JSON.parse(record.Sns.Message);
      } catch {
        message = null;
      }
      const parsed = slackTurnSchema.safeParse(message);
      if (!parsed.success) {
        deps.logger.warn('slack work item invalid', { issues: parsed.error.issues.length });
        continue;
      }
      await runSlackTurnSafely(parsed.data, { ...deps.turn, delivery });
      turns++;
    }
    return { turns };
  };
}

export function slackDepsFromConfig(config: SlackConfig): SlackLambdaDeps {
  const regional = config.region ? { region: config.region } : {};
  const tableOptions = {
    tableName: config.tableName,
    ...regional,
    hashPhone: () => {
      throw new ConfigError('The Slack adapter does not hash phone numbers');
    },
  };
  const doc = createDocumentClient(tableOptions);
  const identity = new DynamoIdentity(tableOptions, doc);
  return {
    signingSecret: config.signingSecret,
    botToken: config.botToken,
    ...(config.botUserId ? { botUserId: config.botUserId } : {}),
    ...(config.slackApiUrl ? { slackApiUrl: config.slackApiUrl } : {}),
    workTopicArn: config.workTopicArn,
    publisher: new SNSClient(regional),
    claimDelivery: (key) => identity.claimOnce(`slack:${key}`, EVENT_DEDUPE_TTL_SECONDS),
    turn: {
      links: identity,
      accounts: new CognitoAccountDirectory(new CognitoIdentityProviderClient(regional), config.userPoolId),
      runtime: new LexRuntime({ ...config.lex, ...regional }),
      signingKey: config.principalSigningKey,
      now: () => new Date(),
      logger,
      answers: new DynamoSlackAnswers(tableOptions, doc),
      // Threshold defaults are the same in both policy presets (2 and 1 days), so US is exact here.
      thresholds: { store: new DynamoAlertStore(tableOptions, doc), policy: policyFor('US') },
    },
    logger,
  };
}

/** The Lambda entry point (fulfillment/lazyHandler.ts: context in the logs, config per invocation). */
export const handler = lazyHandler<SlackConfig, SlackLambdaEvent, AwsResponse | { turns: number }>({
  load: () => loadSlackConfig(),
  build: (config) => createSlackLambda(slackDepsFromConfig(config)),
  loggers: [logger],
});
