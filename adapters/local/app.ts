/**
 * The embedded default, composed: DynamoDB Local (persisted under DATA_DIR), the table and demo
 * seed, fulfillment, the local Lex runtime over bots/, and the local server with its routes. Used by
 * `npm start` and by the end-to-end tests, so both run exactly the same wiring.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Logger } from '@aws-lambda-powertools/logger';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { loadBot } from '../../bots/definition/index.js';
import { createNlu, phoneCountryOfPolicy } from '../../bots/nlu/index.js';
import { LocalLexRuntime } from '../../bots/runtime/local.js';
import type { BotRuntime } from '../../bots/runtime/port.js';
import { todayIn } from '../../fulfillment/clock.js';
import { policyFor } from '../../fulfillment/domain/policy.js';
import { createFulfillment } from '../../fulfillment/handler.js';
import type { FulfillmentDeps } from '../../fulfillment/intents/context.js';
import { createPhoneHasher } from '../../fulfillment/privacy.js';
import { DynamoIdentity } from '../../fulfillment/store/dynamo/identity.js';
import { DynamoStore } from '../../fulfillment/store/dynamo/index.js';
import { DynamoPhoneCodes } from '../../fulfillment/store/dynamo/phoneCodes.js';
import { createPhoneVerification, phoneCodeKey } from '../../fulfillment/usecases/phoneVerification.js';
import { generateStockReport } from '../../fulfillment/usecases/stockReport/generate.js';
import { createLocalAlerts, type LocalAlerts } from '../alerts/local.js';
import { OutboxStaffNotifier } from '../alerts/slack.js';
import { createLocalDocuments } from '../documents/local.js';
import type { CognitoClient } from '../identity/localCognito.js';
import { type HttpResponse, type Identify, json } from '../shared/http.js';
import type { LocalSlack } from '../slack/local.js';
import { OutboxSmsSender, respectingOptOut } from '../sms/sender.js';
import { type LocalIdentity, mountChannels, startLocalIdentity } from './channels.js';
import type { LocalConfig } from './config.js';
import { type DynamoLocal, LOCAL_CREDENTIALS, startDynamoLocal } from './dynamoLocal.js';
import { clearLeftovers, EngineLockFile, Supervisor } from './engines.js';
import type { Outbox } from './outbox.js';
import { DEMO_DONOR_USERNAME, linkDemoDonor, type SeedResult, seedDemo } from './seed.js';
import { LocalServer } from './server.js';
import { mountUnits } from './units.js';
import { mountWidget } from './widgetHost.js';

export interface EmbeddedApp {
  url: string;
  config: LocalConfig;
  port: number;
  store: DynamoStore;
  runtime: BotRuntime;
  fulfil: (event: unknown) => Promise<unknown>;
  seed: SeedResult;
  /** Account links, SMS opt-outs, dedupe markers. */
  identityStore: DynamoIdentity;
  /** Messages the system sent (GET /api/dev/outbox). */
  outbox: Outbox;
  /** Present when SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN are set; idle() waits for in-flight turns. */
  slack: LocalSlack | null;
  /** Shortage alerts: run a scheduled task (`run`), wait for background detection (`idle`). */
  alerts: LocalAlerts;
  /** The local Cognito (absent when tests inject `identify`): endpoint, pool and app client for the widget. */
  cognito: {
    endpoint: string;
    userPoolId: string;
    clientId: string;
    subs: Record<string, string>;
    /** The server's own client, the only one the engine lets call admin actions (tests, tools in process). */
    admin: CognitoClient;
  } | null;
  stop(): Promise<void>;
}

/** How long a health check waits for an engine before calling it down. */
const HEALTH_TIMEOUT_MS = 2000;

/**
 * `GET /healthz`: 200 `{"ok":true}` only when DynamoDB answers for the table (DescribeTable) and the
 * local Cognito answers; otherwise 503 naming what is down, so a supervisor or a person can tell.
 */
async function health(store: DynamoStore, cognitoEndpoint: string | null): Promise<HttpResponse> {
  const checks: Array<[string, () => Promise<unknown>]> = [
    [
      'dynamodb',
      () =>
        store.client.send(new DescribeTableCommand({ TableName: store.options.tableName }), {
          abortSignal: AbortSignal.timeout(HEALTH_TIMEOUT_MS),
        }),
    ],
  ];
  if (cognitoEndpoint) {
    checks.push([
      'cognito',
      async () => {
        const response = await fetch(`${cognitoEndpoint}/health`, {
          signal: AbortSignal.timeout(HEALTH_TIMEOUT_MS),
        });
        if (!response.ok) throw new Error(`cognito answered ${response.status}`);
      },
    ]);
  }
  const results = await Promise.all(
    checks.map(async ([name, check]) => {
      try {
        await check();
        return null;
      } catch {
        return name;
      }
    }),
  );
  const down = results.filter((name): name is string => name !== null);
  return down.length === 0 ? json(200, { ok: true }) : json(503, { ok: false, down });
}

export interface EmbeddedOptions {
  /** Use this DynamoDB endpoint instead of starting one (tests share one engine). */
  dynamoEndpoint?: string;
  now?: () => Date;
  /**
   * Who is speaking, from the Authorization header. When given, the local Cognito is not started
   * (and /api/dev/login is absent); otherwise ID tokens are verified against it.
   */
  identify?: Identify;
  quiet?: boolean;
}

export async function startEmbedded(
  config: LocalConfig,
  options: EmbeddedOptions = {},
): Promise<EmbeddedApp> {
  const now = options.now ?? (() => new Date());
  const logger = new Logger({ serviceName: 'bloodbank-local', logLevel: options.quiet ? 'ERROR' : 'INFO' });
  // One server per DATA_DIR: stop what a killed run left, then record what this one starts. A caller
  // that brings its own DynamoDB (tests, `npm run invoke` beside `npm start`) owns no lock.
  const lock = options.dynamoEndpoint ? null : new EngineLockFile(config.dataDir);
  if (lock) await clearLeftovers(config.dataDir, logger);
  let dynamo: Supervisor<DynamoLocal> | undefined;
  if (!options.dynamoEndpoint) {
    const dbPath = join(config.dataDir, 'dynamodb');
    const first = await startDynamoLocal({ dbPath });
    const record = (e: DynamoLocal) =>
      lock!.record('dynamodb', { pid: e.pid, watchdogPid: e.watchdogPid, port: e.port });
    record(first);
    // Restarted on the same port, so the store's client reaches it again without being rebuilt.
    dynamo = new Supervisor('dynamodb', first, () => startDynamoLocal({ dbPath, port: first.port }), {
      logger,
      onStart: record,
    });
  }
  const endpoint = options.dynamoEndpoint ?? dynamo!.current.endpoint;
  const store = new DynamoStore({
    tableName: config.tableName,
    endpoint,
    region: 'local',
    credentials: LOCAL_CREDENTIALS,
    hashPhone: createPhoneHasher(config.phoneHashKey),
    now,
  });
  await store.ensureTable();
  // Lets `npm run invoke` reach this engine instead of starting a second one on the same files.
  if (dynamo)
    await writeFile(join(config.dataDir, 'runtime.json'), JSON.stringify({ dynamoEndpoint: endpoint }));
  const policy = policyFor(config.policy);
  const identity: LocalIdentity | null = options.identify
    ? null
    : await startLocalIdentity(config, { ...(lock ? { lock } : {}), logger });
  const demoDonorSub = identity?.pool.subs[DEMO_DONOR_USERNAME];
  const seed = await seedDemo(store, {
    today: todayIn(config.timeZone, now()),
    policy,
    ...(demoDonorSub ? { demoDonorSub } : {}),
  });

  // Reports and documents (issue 8): folder document store, documents API, staff page, daily report.
  const documents = createLocalDocuments({ config, store, policy, now, logger });
  // Shortage alerts (issue 5): detection after every issue, appeals and staff notices to the outbox.
  const alerts = createLocalAlerts({
    store,
    policy,
    timeZone: config.timeZone,
    now,
    logger,
    record: (entry) => channels.outbox.add(entry),
  });
  // Phone codes for donors registering themselves: texted to the outbox, as every SMS is here.
  const codeAccounts = new DynamoIdentity(store.options, store.client);
  const codeSms = {
    send: (sms: { to: string; text: string }) =>
      respectingOptOut(new OutboxSmsSender(channels.outbox), (p) => codeAccounts.isPhoneOptedOut(p)).send(
        sms,
      ),
  };
  const deps: FulfillmentDeps = {
    store,
    selfRegistration: {
      phones: createPhoneVerification({
        codes: new DynamoPhoneCodes(store.options, store.client),
        limits: codeAccounts,
        sms: codeSms,
        key: phoneCodeKey(config.phoneHashKey),
        now,
      }),
      accounts: codeAccounts,
    },
    policy,
    timeZone: config.timeZone,
    defaultSite: 'central',
    principalSigningKey: config.principalSigningKey,
    now,
    alerts: alerts.store,
    onStockChange: alerts.onStockChange,
    // Lookback lists and other unit notices for staff: the Slack channel's stand-in, the outbox.
    unitNotifier: new OutboxStaffNotifier(
      { add: (entry) => channels.outbox.add(entry) },
      process.env.SLACK_ALERTS_CHANNEL ?? '#blood-stock',
    ),
    documents: documents.documents,
    // One process here: the chat can make the first report itself (on AWS the report function does).
    generateStockReport,
  };
  const fulfil = createFulfillment(
    deps,
    new Logger({ serviceName: 'fulfillment', logLevel: options.quiet ? 'ERROR' : 'INFO' }),
  );
  const bot = loadBot();
  const nlu = await createNlu(bot);
  const runtime = new LocalLexRuntime(bot, nlu, fulfil, {
    now,
    timeZone: config.timeZone,
    phoneCountry: phoneCountryOfPolicy(config.policy),
  });

  const server = new LocalServer().route('GET', '/healthz', () =>
    health(store, identity ? identity.cognito.endpoint : null),
  );
  const channels = mountChannels(server, {
    config,
    store,
    runtime,
    now,
    logger,
    identity,
    ...(options.identify ? { identify: options.identify } : {}),
    stockReport: documents.slackReport,
  });
  documents.mount(server, {
    identify: channels.identify,
    postToStaff: async (text) => {
      channels.outbox.add({ channel: 'slack', to: 'staff', text });
    },
  });
  // The life of a unit (issue 14): stock and unit routes, lab results, scheduled jobs on demand.
  mountUnits(server, {
    store,
    policy,
    timeZone: config.timeZone,
    now,
    logger,
    identify: channels.identify,
    alerts,
    outbox: channels.outbox,
    ...(config.labCredential ? { labCredential: config.labCredential } : {}),
  });
  // A seed that ran before the local Cognito existed (or was reset) gets its demo donor linked now.
  if (demoDonorSub && seed.demoDonorId) {
    await linkDemoDonor(channels.identityStore, seed.demoDonorId, demoDonorSub, logger);
  }
  // The demo page (GET /) embedding the chat widget, the widget's files and its Cognito settings.
  mountWidget(server, {
    cognito: identity
      ? {
          endpoint: identity.cognito.endpoint,
          userPoolId: identity.pool.userPoolId,
          clientId: identity.pool.clientId,
        }
      : null,
  });

  const port = await server.listen(config.port, config.host);
  // The chat page served here is always allowed to call the chat API, whatever port it got.
  channels.allowedOrigins.push(`http://${config.host}:${port}`, `http://localhost:${port}`);
  documents.listening(`http://${config.host}:${port}`);
  logger.info('embedded default ready', { port, seeded: seed.seeded, units: seed.units });
  return {
    url: `http://${config.host}:${port}`,
    config,
    port,
    store,
    runtime,
    fulfil,
    seed,
    identityStore: channels.identityStore,
    outbox: channels.outbox,
    slack: channels.slack,
    alerts,
    cognito: identity
      ? {
          endpoint: identity.cognito.endpoint,
          userPoolId: identity.pool.userPoolId,
          clientId: identity.pool.clientId,
          subs: identity.pool.subs,
          admin: identity.cognito.client,
        }
      : null,
    async stop() {
      await server.close();
      await channels.slack?.idle();
      await alerts.stop();
      documents.stop();
      store.destroy();
      await identity?.supervisor.stop();
      await dynamo?.stop();
      lock?.release();
    },
  };
}
