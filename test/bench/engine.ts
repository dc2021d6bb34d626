/**
 * A bench's own table on the run's DynamoDB Local: the store fulfillment uses (whose client the
 * capacity meter instruments) and a second, unmetered client for fixtures and item sizes.
 *
 * The demo seed writes each unit and day of issues in its own transaction, which takes many seconds
 * on a busy machine; it runs once per run, into a template table, and each bench table starts as a
 * copy of it (a Scan and BatchWrite: fine for a fixture, never done on a request path).
 */
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { LOCAL_CREDENTIALS } from '../../adapters/local/dynamoLocal.js';
import { seedDemo } from '../../adapters/local/seed.js';
import { policyFor } from '../../fulfillment/domain/policy.js';
import { createPhoneHasher, type PhoneHasher } from '../../fulfillment/privacy.js';
import { createDocumentClient } from '../../fulfillment/store/dynamo/base.js';
import { DynamoStore } from '../../fulfillment/store/dynamo/index.js';
import { batchPut } from './bulk.js';
import { BENCH_NOW, BENCH_TODAY } from './scenarios.js';
import { progress } from './stats.js';

export interface BenchStore {
  table: string;
  store: DynamoStore;
  sizer: DynamoDBDocumentClient;
  hashPhone: PhoneHasher;
  close(): Promise<void>;
}

/** The phone pepper every bench table shares, so the template's phone lookups stay valid in copies. */
export const BENCH_PHONE_PEPPER = 'bench-pepper-bench-pepper-bench-pepper!';
const TEMPLATE = 'bench-demo-template';
const templates = new Map<string, Promise<void>>();

function storeOptions(endpoint: string, table: string) {
  return {
    tableName: table,
    endpoint,
    region: 'local',
    credentials: LOCAL_CREDENTIALS,
    hashPhone: createPhoneHasher(BENCH_PHONE_PEPPER),
    now: () => BENCH_NOW,
  };
}

function demoTemplate(endpoint: string): Promise<void> {
  let ready = templates.get(endpoint);
  if (!ready) {
    ready = (async () => {
      const started = performance.now();
      const store = new DynamoStore(storeOptions(endpoint, TEMPLATE));
      await store.ensureTable();
      await seedDemo(store, { today: BENCH_TODAY, policy: policyFor('US') });
      store.destroy();
      progress(`demo seed (template table) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    })();
    templates.set(endpoint, ready);
  }
  return ready;
}

/** Copies every item of the demo template into `table` (created beforehand). */
async function copyDemo(endpoint: string, table: string, doc: DynamoDBDocumentClient): Promise<void> {
  await demoTemplate(endpoint);
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await doc.send(new ScanCommand({ TableName: TEMPLATE, ExclusiveStartKey }));
    await batchPut(doc, table, page.Items ?? []);
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
}

/** Creates `table` holding the demo seed, for a bench that brings its own store (the chat server). */
export async function prepareDemoTable(endpoint: string, table: string): Promise<void> {
  const bench = await openBenchStore(endpoint, table);
  bench.store.destroy();
  bench.sizer.destroy();
}

/** A new table holding the demo seed (the clock is BENCH_NOW, so its stock is in date). */
export async function openBenchStore(endpoint: string, table: string): Promise<BenchStore> {
  const options = storeOptions(endpoint, table);
  const store = new DynamoStore(options);
  await store.ensureTable();
  const sizer = createDocumentClient(options);
  await copyDemo(endpoint, table, sizer);
  return {
    table,
    store,
    sizer,
    hashPhone: options.hashPhone,
    async close() {
      // The engine is shared by the whole run: give back the memory a 100,000-item table holds.
      await sizer.send(new DeleteTableCommand({ TableName: table })).catch(() => undefined);
      store.destroy();
      sizer.destroy();
    },
  };
}
