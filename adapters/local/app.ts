/**
 * The embedded default, composed: DynamoDB Local (persisted under DATA_DIR), the table and demo
 * seed, fulfillment, the local Lex runtime over bots/, and the local server with its routes. Used by
 * `npm start` and by the end-to-end tests, so both run exactly the same wiring.
 */
import { randomUUID } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Logger } from '@aws-lambda-powertools/logger';
import { loadBot } from '../../bots/definition/index.js';
import { createNlu } from '../../bots/nlu/index.js';
import { LocalLexRuntime } from '../../bots/runtime/local.js';
import type { BotRuntime } from '../../bots/runtime/port.js';
import { anonymous } from '../../fulfillment/auth/principal.js';
import { todayIn } from '../../fulfillment/clock.js';
import { policyFor } from '../../fulfillment/domain/policy.js';
import { createFulfillment } from '../../fulfillment/handler.js';
import type { FulfillmentDeps } from '../../fulfillment/intents/context.js';
import { createPhoneHasher } from '../../fulfillment/privacy.js';
import { DynamoStore } from '../../fulfillment/store/dynamo/index.js';
import { handleChat, type Identify, json } from '../web/chat.js';
import type { LocalConfig } from './config.js';
import { type DynamoLocal, LOCAL_CREDENTIALS, startDynamoLocal } from './dynamoLocal.js';
import { type SeedResult, seedDemo } from './seed.js';
import { LocalServer } from './server.js';

export interface EmbeddedApp {
  url: string;
  config: LocalConfig;
  port: number;
  store: DynamoStore;
  runtime: BotRuntime;
  fulfil: (event: unknown) => Promise<unknown>;
  seed: SeedResult;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** Use this DynamoDB endpoint instead of starting one (tests share one engine). */
  dynamoEndpoint?: string;
  now?: () => Date;
  /** Who is speaking, from the Authorization header; anonymous when absent. */
  identify?: Identify;
  quiet?: boolean;
}

const PUBLIC_DIR = join(import.meta.dirname, 'public');

export async function startEmbedded(
  config: LocalConfig,
  options: EmbeddedOptions = {},
): Promise<EmbeddedApp> {
  const now = options.now ?? (() => new Date());
  const logger = new Logger({ serviceName: 'bloodbank-local', logLevel: options.quiet ? 'ERROR' : 'INFO' });
  const engine: DynamoLocal | undefined = options.dynamoEndpoint
    ? undefined
    : await startDynamoLocal({ dbPath: join(config.dataDir, 'dynamodb') });
  const endpoint = options.dynamoEndpoint ?? engine!.endpoint;
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
  if (engine)
    await writeFile(join(config.dataDir, 'runtime.json'), JSON.stringify({ dynamoEndpoint: endpoint }));
  const policy = policyFor(config.policy);
  const seed = await seedDemo(store, { today: todayIn(config.timeZone, now()), policy });

  const deps: FulfillmentDeps = {
    store,
    policy,
    timeZone: config.timeZone,
    defaultSite: 'central',
    principalSigningKey: config.principalSigningKey,
    now,
  };
  const fulfil = createFulfillment(
    deps,
    new Logger({ serviceName: 'fulfillment', logLevel: options.quiet ? 'ERROR' : 'INFO' }),
  );
  const bot = loadBot();
  const nlu = await createNlu(bot);
  const runtime = new LocalLexRuntime(bot, nlu, fulfil, { now, timeZone: config.timeZone });

  const identify: Identify = options.identify ?? (async () => anonymous('web'));
  const server = new LocalServer()
    .route('GET', '/healthz', async () => json(200, { ok: true }))
    .route('*', '/api/chat', (request) =>
      handleChat(request, {
        runtime,
        identify,
        signingKey: config.principalSigningKey,
        now,
        newSessionId: () => randomUUID().replace(/-/g, ''),
      }),
    )
    .route('GET', '/', async () => ({
      status: 200,
      headers: {
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy': "default-src 'self'; style-src 'self' 'unsafe-inline'; script-src 'self'",
      },
      body: await readFile(join(PUBLIC_DIR, 'index.html'), 'utf8'),
    }))
    .route('GET', '/chat.js', async () => ({
      status: 200,
      headers: { 'content-type': 'text/javascript; charset=utf-8' },
      body: await readFile(join(PUBLIC_DIR, 'chat.js'), 'utf8'),
    }));

  const port = await server.listen(config.port, config.host);
  logger.info('embedded default ready', { port, seeded: seed.seeded, units: seed.units });
  return {
    url: `http://${config.host}:${port}`,
    config,
    port,
    store,
    runtime,
    fulfil,
    seed,
    async stop() {
      await server.close();
      store.destroy();
      await engine?.stop();
    },
  };
}
