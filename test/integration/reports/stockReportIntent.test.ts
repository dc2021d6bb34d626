/**
 * The StockReport intent handler (not yet registered: the bot contract has no such intent), called
 * the way fulfillment's one door calls every handler: a validated Lex event and an IntentContext.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../../adapters/local/seed.js';
import type { Access } from '../../../fulfillment/auth/authorize.js';
import type { Principal } from '../../../fulfillment/auth/principal.js';
import { FolderDocumentStore } from '../../../fulfillment/documents/folder.js';
import { policyFor } from '../../../fulfillment/domain/policy.js';
import type { FulfillmentDeps, IntentContext } from '../../../fulfillment/intents/context.js';
import { stockReport } from '../../../fulfillment/intents/stockReport.js';
import { lexEventSchema } from '../../../fulfillment/lex/event.js';
import type { DynamoStore } from '../../../fulfillment/store/dynamo/index.js';
import { NO_REPORT_YET } from '../../../fulfillment/usecases/reportAnswer.js';
import { generateStockReport } from '../../../fulfillment/usecases/reportGenerate.js';
import { lexEvent, TEST_SIGNING_KEY } from '../../support/lexEvents.js';
import { createTestStore } from '../../support/store.js';

const NOW = new Date('2026-11-24T10:00:00Z');
let store: DynamoStore;
let deps: FulfillmentDeps;

function ctx(principal: Principal, access: Access, overrides: Partial<FulfillmentDeps> = {}): IntentContext {
  const event = lexEventSchema.parse(lexEvent({ intent: 'StockReport', principal, now: NOW }));
  return {
    deps: { ...deps, ...overrides },
    event,
    intent: event.sessionState.intent,
    principal,
    access,
    actor: { userId: principal.userId, role: principal.role, channel: principal.channel },
    now: NOW,
    today: '2026-11-24',
  };
}

const text = (r: Awaited<ReturnType<typeof stockReport>>) =>
  r.messages?.map((m) => ('content' in m ? m.content : '')).join('\n') ?? '';
const staff: Principal = { userId: 'staff-1', role: 'staff', channel: 'web' };

beforeAll(async () => {
  store = await createTestStore({ now: () => NOW });
  const policy = policyFor('US');
  await seedDemo(store, { today: '2026-11-24', policy });
  deps = {
    store,
    policy,
    timeZone: 'UTC',
    defaultSite: 'central',
    principalSigningKey: TEST_SIGNING_KEY,
    now: () => NOW,
    documents: folderStore(),
    // As in the embedded default; on AWS fulfillment has no generator (see the test below).
    generateStockReport,
  };
});

function folderStore() {
  return new FolderDocumentStore({
    root: mkdtempSync(join(tmpdir(), 'bloodbank-intent-')),
    linkKey: 'k',
    baseUrl: () => 'http://127.0.0.1:3000',
    now: () => NOW,
  });
}
afterAll(() => store.destroy());

describe('StockReport intent', () => {
  it('only reads reports where it cannot make one (fulfillment on AWS): before the first, it says when', async () => {
    // Act
    const out = await stockReport(
      ctx(staff, 'full', { documents: folderStore(), generateStockReport: undefined }),
    );
    // Assess
    expect(out.sessionState.intent?.state).toBe('Failed');
    expect(text(out)).toBe(NO_REPORT_YET);
  });

  it('gives staff the summary and 15-minute links, making the first report when there is none', async () => {
    // Act
    const out = await stockReport(ctx(staff, 'full'));
    // Assess
    expect(out.sessionState.dialogAction.type).toBe('Close');
    expect(out.sessionState.intent?.state).toBe('Fulfilled');
    expect(text(out)).toMatch(
      /^Stock report for 2026-11-24: AMBER: O- red cells 1\.9 d \(13 units\).*\nChart: http:\/\/127\.0\.0\.1:3000\/files\?t=.*\nCSV: .*\nThese links work for 15 minutes\.$/s,
    );
  });

  it('says so when the latest report is from an earlier day', async () => {
    const later = { ...ctx(staff, 'full'), today: '2026-11-26' };
    expect(text(await stockReport(later))).toContain('(the latest report, from 2026-11-24)');
  });

  it.each<[string, Principal, Access]>([
    ['a donor', { userId: 'd', role: 'donor', channel: 'web', donorId: 'x' }, 'refused'],
    ['an anonymous visitor', { userId: 'anonymous', role: 'anonymous', channel: 'web' }, 'refused'],
  ])('refuses %s', async (_, who, access) => {
    const out = await stockReport(ctx(who, access));
    expect(out.sessionState.intent?.state).toBe('Failed');
    expect(text(out)).toBe('Stock reports are for blood service staff.');
  });

  it('refuses a donor even if the access table were wrong (the use case checks again)', async () => {
    const out = await stockReport(ctx({ userId: 'd', role: 'donor', channel: 'web' }, 'full'));
    expect(text(out)).toBe('Stock reports are for blood service staff.');
  });

  it('says reports are not set up when no document store is configured', async () => {
    const out = await stockReport(ctx(staff, 'full', { documents: undefined }));
    expect(text(out)).toBe('Stock reports are not set up here yet.');
  });
});
