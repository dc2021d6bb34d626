/**
 * Documents and reports on AWS, one function with two doors:
 *   `handler`        API Gateway HTTP API (payload v2) → the same handlers the local server runs
 *                    (./http.ts): uploads, listings, download links, latest report, audit exports.
 *   `reportHandler`  EventBridge Scheduler `{ "source": "bloodbank.scheduler", "task": "stockReport" }`
 *                    → today's stock report into S3, announced in the staff Slack channel.
 * Only translation and wiring live here. Note the 6 MB Lambda payload limit: uploads are capped at
 * 4 MiB of file so their base64 body always fits (fulfillment/usecases/documents.ts).
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { S3Client } from '@aws-sdk/client-s3';
import { webApi } from '@slack/bolt';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { todayIn } from '../../fulfillment/clock.js';
import { S3DocumentStore } from '../../fulfillment/documents/s3.js';
import { policyFor } from '../../fulfillment/domain/policy.js';
import { ConfigError } from '../../fulfillment/errors.js';
import { DynamoStore } from '../../fulfillment/store/dynamo/index.js';
import { publishDailyStockReport, type StaffPoster } from '../../fulfillment/usecases/reportGenerate.js';
import { createIdTokenVerifier } from '../identity/verifier.js';
import { createWebIdentify } from '../identity/webIdentity.js';
import { toHttpRequest } from '../shared/http.js';
import { type DocumentsConfig, loadDocumentsConfig } from './config.js';
import { createDocumentsApi } from './http.js';

const logger = new Logger({ serviceName: 'documents' });

function wire(config: DocumentsConfig) {
  const store = new DynamoStore({
    tableName: config.tableName,
    ...(config.region ? { region: config.region } : {}),
    // Documents never look a phone number up; a call to hash one would be a bug.
    hashPhone: () => {
      throw new ConfigError('The documents function does not hash phone numbers');
    },
  });
  const documents = new S3DocumentStore({
    client: new S3Client({ ...(config.region ? { region: config.region } : {}) }),
    bucket: config.bucket,
    ...(config.kmsKeyId ? { kmsKeyId: config.kmsKeyId } : {}),
  });
  return { store, documents };
}

let api: Promise<ReturnType<typeof createDocumentsApi>> | undefined;

export async function handler(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> {
  if (!api) {
    api = loadDocumentsConfig().then((config) => {
      const { store, documents } = wire(config);
      const identify = createWebIdentify({
        verifier: createIdTokenVerifier({
          issuer: config.cognito.issuer,
          audience: config.cognito.clientId,
          jwksUri: config.cognito.jwksUri,
        }),
        donorIdBySub: (sub) => store.donorIdBySub(sub),
      });
      return createDocumentsApi({
        identify,
        documents,
        store,
        policy: policyFor(config.policy),
        timeZone: config.timeZone,
        now: () => new Date(),
        logger,
      });
    });
    // A failed start (bad config, secret unreadable) fails this invocation; the next one retries.
    api.catch(() => {
      api = undefined;
    });
  }
  try {
    const response = await (await api).handle(toHttpRequest(event));
    return { statusCode: response.status, headers: response.headers, body: response.body };
  } catch (error) {
    // Names only: messages from lower layers can carry request content.
    logger.error('documents request failed', { error: error instanceof Error ? error.name : 'unknown' });
    return {
      statusCode: 500,
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ error: 'internal', message: 'Something went wrong on our side.' }),
    };
  }
}

export interface ScheduledReportEvent {
  source: 'bloodbank.scheduler';
  task: 'stockReport';
}

export async function reportHandler(
  event: ScheduledReportEvent,
): Promise<{ date: string; levels: Record<string, number> }> {
  if (event?.source !== 'bloodbank.scheduler' || event.task !== 'stockReport') {
    throw new ConfigError(
      'reportHandler takes the scheduler event {"source":"bloodbank.scheduler","task":"stockReport"}',
    );
  }
  const config = await loadDocumentsConfig();
  const { store, documents } = wire(config);
  const slack = config.slack;
  const post: StaffPoster = slack
    ? async (text) => {
        const client = new webApi.WebClient(
          slack.botToken,
          slack.apiUrl ? { slackApiUrl: slack.apiUrl } : {},
        );
        await client.chat.postMessage({ channel: slack.channel, text });
      }
    : async () => logger.info('stock report not posted: SLACK_STAFF_CHANNEL is unset');
  const now = new Date();
  const record = await publishDailyStockReport(
    {
      store,
      documents,
      policy: policyFor(config.policy),
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
}
