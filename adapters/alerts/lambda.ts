/**
 * The alerts function on AWS: EventBridge Scheduler runs the nightly expiry sweep and the stock check
 * every 15 minutes (`{ "source": "bloodbank.scheduler", "task": ... }`, infra/lib/stateless/
 * schedules.ts); stock-change events (the table stream on STOCK items, or an EventBridge
 * `StockChanged` event) run detection at once. Appeals go out as one SNS Publish per donor, paced to
 * the SMS throughput; staff hear about alerts in Slack and on the shortage-alerts topic. After every
 * check, the BloodBank/StockLevelRed metric is written as EMF (Powertools Metrics).
 *
 * A failure is logged and rethrown: the invocation is asynchronous, every step is idempotent
 * (conditional writes), so the platform's retry is safe and better than losing a check.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { SNSClient } from '@aws-sdk/client-sns';
import { WebClient } from '@slack/web-api';
import { policyFor } from '../../fulfillment/domain/policy.js';
import { ConfigError } from '../../fulfillment/errors.js';
import { lazyHandler } from '../../fulfillment/lazyHandler.js';
import { DynamoAlertStore } from '../../fulfillment/store/dynamo/alerts.js';
import { DynamoStore } from '../../fulfillment/store/dynamo/index.js';
import type { AlertDeps } from '../../fulfillment/usecases/alerts/port.js';
import type { StockRow } from '../../fulfillment/usecases/stockPicture.js';
import { SnsSmsSender } from '../sms/sender.js';
import { type AlertsConfig, loadAlertsConfig } from './config.js';
import { SpacingLimiter } from './limiter.js';
import { createStockMetrics, emitStockLevelRed } from './metrics.js';
import { type AlertJobDeps, createAlertRunner, parseAlertEvent, type RunOutcome } from './runner.js';
import { SlackStaffNotifier } from './slack.js';
import { appealSender, TopicNotifier } from './sns.js';

export interface AlertsResponse {
  ok: boolean;
  task: RunOutcome['task'];
  expired?: number;
  expiring?: RunOutcome['expiring'];
  events: Array<{ group: string; kind: string }>;
  contacted: number;
  red: string[];
}

const logger = new Logger({ serviceName: 'alerts' });
const metrics = createStockMetrics();

export function createAlertsHandler(
  deps: AlertJobDeps,
  emit = (rows: Pick<StockRow, 'group' | 'level'>[]) => emitStockLevelRed(metrics, rows),
) {
  const runner = createAlertRunner(deps);
  return async (event: unknown): Promise<AlertsResponse> => {
    const parsed = parseAlertEvent(event);
    try {
      const outcome = await runner.handle(parsed);
      if (outcome.check) emit(outcome.check.rows);
      return {
        ok: parsed.kind !== 'unknown',
        task: outcome.task,
        ...(outcome.expired !== undefined ? { expired: outcome.expired } : {}),
        ...(outcome.expiring ? { expiring: outcome.expiring } : {}),
        events: (outcome.check?.events ?? []).map((e) => ({ group: e.group, kind: e.kind })),
        contacted: outcome.check?.contacted ?? 0,
        red: (outcome.check?.rows ?? []).filter((r) => r.level === 'red').map((r) => r.group),
      };
    } catch (error) {
      deps.logger.error('alerts task failed', {
        event: parsed.kind === 'task' ? parsed.task : parsed.kind,
        error: error instanceof Error ? error.name : 'unknown',
      });
      throw error;
    }
  };
}

export function alertDepsFromConfig(config: AlertsConfig): AlertJobDeps {
  const options = {
    tableName: config.tableName,
    ...(config.region ? { region: config.region } : {}),
    ...(config.dynamoEndpoint
      ? { endpoint: config.dynamoEndpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
      : {}),
    // Opt-outs are checked by the hash stored on each profile; this function never hashes a number.
    hashPhone: () => {
      throw new ConfigError('The alerts function does not hash phone numbers');
    },
  };
  const store = new DynamoStore(options);
  const sns = new SNSClient(config.region ? { region: config.region } : {});
  const notifiers: AlertDeps['notifiers'] = [new TopicNotifier(sns, config.topicArn)];
  let staff: SlackStaffNotifier | null = null;
  if (config.slack) {
    const client = new WebClient(
      config.slack.botToken,
      config.slack.apiUrl ? { slackApiUrl: config.slack.apiUrl } : {},
    );
    staff = new SlackStaffNotifier(client, config.slack.channel);
    notifiers.push(staff);
  }
  const policy = policyFor(config.policy);
  return {
    jobs: {
      units: { store, policy, clock: { now: () => new Date(), timeZone: config.timeZone } },
      staff,
    },
    alerts: new DynamoAlertStore(options, store.client),
    inventory: store,
    policy,
    timeZone: config.timeZone,
    settings: config.settings,
    sender: appealSender(new SnsSmsSender({ client: sns }), config.originationNumber),
    limiter: new SpacingLimiter({ perSecond: config.smsPerSecond }),
    notifiers,
    now: () => new Date(),
    logger,
    deliveryBudgetMs: config.deliveryBudgetMs,
    concurrency: 16,
  };
}

/** The Lambda entry point (fulfillment/lazyHandler.ts: context in the logs, config per invocation). */
export const handler = lazyHandler<AlertsConfig, unknown, AlertsResponse>({
  load: () => loadAlertsConfig(),
  build: (config) => createAlertsHandler(alertDepsFromConfig(config)),
  loggers: [logger],
});
