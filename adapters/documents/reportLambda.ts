/**
 * The report function on AWS: the one function that carries the chart renderer (Vega-Lite), with
 * two doors:
 *   - EventBridge Scheduler `{ "source": "bloodbank.scheduler", "task": "stockReport" }` → today's
 *     stock report into S3, announced in the staff Slack channel;
 *   - API Gateway HTTP API (payload v2) `POST /api/reports/stock` → make today's report now and
 *     answer with it (./http.ts createReportApi), for a signed-in staff member.
 * Keeping both here keeps the renderer out of the documents API's bundle (./lambda.ts).
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { WebClient } from '@slack/web-api';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { todayIn } from '../../fulfillment/clock.js';
import { policyFor } from '../../fulfillment/domain/policy.js';
import { ConfigError } from '../../fulfillment/errors.js';
import { lazyHandler } from '../../fulfillment/lazyHandler.js';
import {
  generateStockReport,
  publishDailyStockReport,
  type StaffPoster,
} from '../../fulfillment/usecases/stockReport/generate.js';
import { toHttpRequest } from '../shared/http.js';
import { type DocumentsConfig, loadDocumentsConfig } from './config.js';
import { createReportApi } from './http.js';
import { INTERNAL_ERROR, wireDocuments } from './wiring.js';

const logger = new Logger({ serviceName: 'documentsReport' });

export interface ScheduledReportEvent {
  source: 'bloodbank.scheduler';
  task: 'stockReport';
}

export type ReportEvent = ScheduledReportEvent | APIGatewayProxyEventV2;
export type ReportResult =
  | { date: string; levels: Record<string, number> }
  | APIGatewayProxyStructuredResultV2;

function isHttpEvent(event: ReportEvent): event is APIGatewayProxyEventV2 {
  return typeof (event as APIGatewayProxyEventV2)?.requestContext?.http?.method === 'string';
}

function createReportHandler(config: DocumentsConfig) {
  const { store, documents, identify } = wireDocuments(config);
  const policy = policyFor(config.policy);
  const slack = config.slack;
  const client = slack
    ? new WebClient(slack.botToken, slack.apiUrl ? { slackApiUrl: slack.apiUrl } : {})
    : undefined;
  const post: StaffPoster =
    slack && client
      ? async (text) => {
          await client.chat.postMessage({ channel: slack.channel, text });
        }
      : async () => logger.info('stock report not posted: SLACK_STAFF_CHANNEL is unset');
  const api = createReportApi({
    identify,
    documents,
    store,
    policy,
    timeZone: config.timeZone,
    now: () => new Date(),
    logger,
    generate: generateStockReport,
  });

  return async (event: ReportEvent): Promise<ReportResult> => {
    if (isHttpEvent(event)) {
      try {
        const response = await api.handle(toHttpRequest(event));
        return { statusCode: response.status, headers: response.headers, body: response.body };
      } catch (error) {
        // Names only: messages from lower layers can carry request content.
        logger.error('report request failed', { error: error instanceof Error ? error.name : 'unknown' });
        return INTERNAL_ERROR;
      }
    }
    if (event?.source !== 'bloodbank.scheduler' || event.task !== 'stockReport') {
      throw new ConfigError(
        'The report function takes POST /api/reports/stock or the scheduler event {"source":"bloodbank.scheduler","task":"stockReport"}',
      );
    }
    const now = new Date();
    const record = await publishDailyStockReport(
      {
        store,
        documents,
        policy,
        now: () => now,
        post,
        ...(config.staffPageUrl ? { staffPageUrl: config.staffPageUrl } : {}),
      },
      { today: todayIn(config.timeZone, now) },
    );
    const levels: Record<string, number> = {};
    for (const row of record.rows) levels[row.level] = (levels[row.level] ?? 0) + 1;
    logger.info('stock report published', { date: record.date, ...levels });
    return { date: record.date, levels };
  };
}

/** The Lambda entry point (fulfillment/lazyHandler.ts: context in the logs, config per invocation). */
export const handler = lazyHandler<DocumentsConfig, ReportEvent, ReportResult>({
  load: () => loadDocumentsConfig(),
  build: createReportHandler,
  loggers: [logger],
});
