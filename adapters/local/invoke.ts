/**
 * `npm run --silent invoke -- <function>`: one Lambda event on stdin, its response on stdout, run
 * against the embedded stores (the DynamoDB Local of a running `npm start`, or one started here on
 * the same DATA_DIR). Logs go to stderr so stdout stays machine-readable.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayProxyEventV2, SNSEvent } from 'aws-lambda';
import { policyFor } from '../../fulfillment/domain/policy.js';
import { createFulfillment } from '../../fulfillment/handler.js';
import { createPhoneHasher } from '../../fulfillment/privacy.js';
import { DynamoAlertStore } from '../../fulfillment/store/dynamo/alerts.js';
import { DynamoStore } from '../../fulfillment/store/dynamo/index.js';
import { createAlertsHandler } from '../alerts/lambda.js';
import { createLocalAlerts } from '../alerts/local.js';
import { alertContexts } from '../alerts/smsContext.js';
import type { HttpRequest } from '../shared/http.js';
import { createSmsHandler } from '../sms/lambda.js';
import { OutboxSmsSender } from '../sms/sender.js';
import { createWebHandler } from '../web/lambda.js';
import { type EmbeddedApp, startEmbedded } from './app.js';
import { loadLocalConfig } from './config.js';
import { type DynamoLocal, LOCAL_CREDENTIALS, startDynamoLocal } from './dynamoLocal.js';
import { Outbox } from './outbox.js';

// Node 20 is the Lambda runtime this project targets; the SDK's notice about it is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

type Invoker = (event: unknown, store: DynamoStore, endpoint: string) => Promise<unknown>;

/**
 * The channel Lambdas need the whole embedded default behind them (bot runtime, local Cognito for
 * tokens, outbox for replies): start it quietly on a free port over the same DynamoDB, run the
 * Lambda's own handler, report what it sent.
 */
async function withEmbedded<T>(endpoint: string, run: (app: EmbeddedApp) => Promise<T>): Promise<T> {
  const app = await startEmbedded({ ...config, port: 0 }, { dynamoEndpoint: endpoint, quiet: true });
  try {
    return await run(app);
  } finally {
    await app.stop();
  }
}

const config = loadLocalConfig();

const FUNCTIONS: Record<string, Invoker> = {
  // An API Gateway HTTP API (v2) event → the web Lambda's event mapping → the chat API.
  web: (event, _store, endpoint) =>
    withEmbedded(endpoint, async (app) => {
      const api = async (request: HttpRequest) => {
        const res = await fetch(`${app.url}${request.path ?? '/api/chat'}`, {
          method: request.method,
          headers: Object.fromEntries(
            Object.entries(request.headers).filter(([, v]) => v !== undefined),
          ) as Record<string, string>,
          ...(request.body !== undefined && request.method !== 'GET' ? { body: request.body } : {}),
        });
        return {
          status: res.status,
          headers: { 'content-type': res.headers.get('content-type') ?? '' },
          body: await res.text(),
        };
      };
      return createWebHandler(api)(event as APIGatewayProxyEventV2);
    }),
  // An SNS event carrying End User Messaging inbound SMS → the SMS Lambda's handler → replies.
  sms: (event, _store, endpoint) =>
    withEmbedded(endpoint, async (app) => {
      const logger = new Logger({ serviceName: 'sms', logLevel: 'ERROR' });
      const result = await createSmsHandler({
        identity: app.identityStore,
        donorIdByPhone: (phone) => app.store.donorIdByPhone(phone),
        hashPhone: createPhoneHasher(config.phoneHashKey),
        runtime: app.runtime,
        signingKey: config.principalSigningKey,
        now: () => new Date(),
        sender: new OutboxSmsSender(app.outbox),
        logger,
        activeContexts: alertContexts(
          new DynamoAlertStore(app.store.options, app.store.client),
          () => new Date(),
        ),
      })(event as SNSEvent);
      return { ...result, sent: app.outbox.list() };
    }),
  fulfillment: (event, store) =>
    createFulfillment(
      {
        store,
        policy: policyFor(config.policy),
        timeZone: config.timeZone,
        defaultSite: 'central',
        principalSigningKey: config.principalSigningKey,
        now: () => new Date(),
      },
      new Logger({ serviceName: 'fulfillment', logLevel: 'ERROR' }),
    )(event),
  // The alerts Lambda's handler on local ports; messages it would send are counted, not printed.
  alerts: async (event, store) => {
    const outbox = new Outbox();
    const alerts = createLocalAlerts({
      store,
      policy: policyFor(config.policy),
      timeZone: config.timeZone,
      now: () => new Date(),
      logger: new Logger({ serviceName: 'alerts', logLevel: 'ERROR' }),
      record: (entry) => outbox.add(entry),
    });
    try {
      const response = await createAlertsHandler(alerts.deps, () => undefined)(event);
      return { ...response, messages: outbox.list().length };
    } finally {
      await alerts.stop();
    }
  },
};

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** The endpoint `npm start` recorded, when that server still answers. */
async function runningEndpoint(): Promise<string | null> {
  const file = join(config.dataDir, 'runtime.json');
  if (!existsSync(file)) return null;
  const { dynamoEndpoint } = JSON.parse(readFileSync(file, 'utf8')) as { dynamoEndpoint?: string };
  if (!dynamoEndpoint) return null;
  try {
    await fetch(dynamoEndpoint, { signal: AbortSignal.timeout(1000) });
    return dynamoEndpoint;
  } catch {
    return null;
  }
}

const name = process.argv[2];
const invoker = name ? FUNCTIONS[name] : undefined;
if (!invoker) {
  process.stderr.write(
    `usage: npm run --silent invoke -- <${Object.keys(FUNCTIONS).join('|')}>  (event JSON on stdin)\n`,
  );
  process.exit(2);
}
let event: unknown;
try {
  event = JSON.parse(await readStdin());
} catch {
  process.stderr.write('invoke: stdin is not one JSON event\n');
  process.exit(2);
}
const running = await runningEndpoint();
const engine: DynamoLocal | undefined = running
  ? undefined
  : await startDynamoLocal({ dbPath: join(config.dataDir, 'dynamodb') });
const endpoint = running ?? engine!.endpoint;
const store = new DynamoStore({
  tableName: config.tableName,
  endpoint,
  region: 'local',
  credentials: LOCAL_CREDENTIALS,
  hashPhone: createPhoneHasher(config.phoneHashKey),
});
try {
  await store.ensureTable();
  process.stdout.write(`${JSON.stringify(await invoker(event, store, endpoint))}\n`);
} finally {
  store.destroy();
  await engine?.stop();
}
