/**
 * The unit and stock API through the embedded default's HTTP server (issue 14): a donation recorded
 * → quarantined in `GET /api/units/{din}` and not counted in `GET /api/stock`; the lab's CSV with
 * every screen negative → released and counted; a CSV with a bad row → that row reported by line
 * and its DIN untouched while the others apply; bad input changes nothing; the expiry job on demand.
 * Test principals by header ("Bearer test:<role>:<userId>", test/support/embedded.ts).
 */
import { Logger } from '@aws-lambda-powertools/logger';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmbeddedApp } from '../../adapters/local/app.js';
import { createUnitsApi } from '../../adapters/web/units.js';
import { labApplier, traceView } from '../../adapters/web/unitsWiring.js';
import { formatDin, makeDin } from '../../fulfillment/domain/din.js';
import { policyFor } from '../../fulfillment/domain/policy.js';
import type { Actor } from '../../fulfillment/store/port.js';
import { recordDonation } from '../../fulfillment/usecases/units/recordDonation.js';
import { startTestApp } from '../support/embedded.js';

const STAFF = 'Bearer test:staff:staff-1';
const DONOR = 'Bearer test:donor:sub-1:donor-1';
const ACTOR: Actor = { userId: 'staff-1', role: 'staff', channel: 'local' };
const NOW = new Date('2026-11-24T10:00:00Z');
const PANEL = ['hiv', 'hbv', 'hcv', 'htlv', 'syphilis', 'wnv', 'chagas'];

let app: EmbeddedApp;
let phoneSeq = 0;
let dinSeq = 800;

interface StockItem {
  site: string;
  bloodGroup: string;
  component: string;
  available: number;
  daysOfSupply: number;
  level: string;
}
interface Trace {
  din: string;
  components: Array<{ component: string; status: string; site?: string; history: Array<{ status: string }> }>;
}

async function call(
  method: string,
  path: string,
  init: { auth?: string; type?: string; body?: string } = {},
) {
  const res = await fetch(`${app.url}${path}`, {
    method,
    headers: {
      ...(init.auth ? { authorization: init.auth } : {}),
      ...(init.type ? { 'content-type': init.type } : {}),
    },
    ...(init.body !== undefined ? { body: init.body } : {}),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function available(site: string, group: string, component: string): Promise<number> {
  const stock = await call('GET', '/api/stock', { auth: STAFF });
  const items = stock.body.items as StockItem[];
  return items.find((i) => i.site === site && i.bloodGroup === group && i.component === component)!.available;
}

/** A new O+ donor's whole-blood donation at central, quarantined; returns its DIN. */
async function donation(): Promise<string> {
  const registered = await app.store.registerDonor(
    {
      firstName: 'Lab',
      lastName: 'Donor',
      dateOfBirth: '1990-01-01',
      phoneE164: `+1555777${String(phoneSeq++).padStart(4, '0')}`,
      bloodGroup: 'O+',
      homeSite: 'central',
    },
    ACTOR,
  );
  if (!registered.ok) throw new Error('registration failed');
  const din = makeDin('W1234', 26, dinSeq++);
  const recorded = await recordDonation(
    { store: app.store, policy: policyFor('US'), clock: { now: () => NOW, timeZone: 'UTC' } },
    { donorId: registered.donor.donorId, din, site: 'central' },
    ACTOR,
  );
  if (!recorded.ok) throw new Error(`donation not recorded: ${recorded.reason}`);
  return din;
}

const csv = (rows: string[][]) => ['din,marker,result,group', ...rows.map((r) => r.join(','))].join('\n');
/** Every screen of the panel negative and the ABO/RhD group: what releases a donation. */
const negatives = (din: string) => [
  ...PANEL.map((m) => [formatDin(din), m, 'negative', '']),
  [formatDin(din), '', '', 'O POS'],
];

async function statuses(din: string): Promise<string[]> {
  const out = await call('GET', `/api/units/${encodeURIComponent(din)}`, { auth: STAFF });
  return (out.body as unknown as Trace).components.map((c) => `${c.component}:${c.status}`).sort();
}

beforeAll(async () => {
  app = await startTestApp({ now: () => NOW });
}, 180_000);
afterAll(() => app?.stop());

describe('GET /api/stock', () => {
  it('gives staff one row per site, group and component', async () => {
    // Act
    const out = await call('GET', '/api/stock', { auth: STAFF });
    // Assess
    expect(out.status).toBe(200);
    const items = out.body.items as StockItem[];
    const sites = [...new Set(items.map((i) => i.site))];
    expect(items).toHaveLength(sites.length * 8 * 5);
    expect(items[0]).toEqual({
      site: expect.any(String),
      bloodGroup: expect.any(String),
      component: expect.any(String),
      available: expect.any(Number),
      daysOfSupply: expect.any(Number),
      level: expect.stringMatching(/^(green|amber|red)$/),
    });
    expect(items.reduce((n, i) => n + i.available, 0)).toBeGreaterThan(0);
  });

  it.each([
    ['no token', undefined, 401],
    ['a donor', DONOR, 403],
    ['anonymous', 'Bearer test:anonymous:x', 401],
  ])('refuses %s', async (_who, auth, status) => {
    const out = await call('GET', '/api/stock', auth ? { auth } : {});
    expect(out.status).toBe(status);
  });

  it('refuses query parameters it does not know', async () => {
    const out = await call('GET', '/api/stock?site=central', { auth: STAFF });
    expect(out.status).toBe(400);
  });
});

describe('GET /api/units/{din}', () => {
  it.each([
    ['not a DIN', 'hello', 400],
    ['a wrong check character', `${makeDin('W1234', 26, 999)}Z`, 400],
    ['an unknown DIN', makeDin('W1234', 26, 999_998), 404],
  ])('%s is refused', async (_what, din, status) => {
    const out = await call('GET', `/api/units/${encodeURIComponent(din)}`, { auth: STAFF });
    expect(out.status).toBe(status);
  });

  it('shows a recorded donation quarantined, printed or scanned, and refuses a donor', async () => {
    // Prepare
    const din = await donation();
    // Act
    const printed = await call('GET', `/api/units/${encodeURIComponent(formatDin(din))}`, { auth: STAFF });
    const scanned = await call('GET', `/api/units/${encodeURIComponent(`=${din}00`)}`, { auth: STAFF });
    const donor = await call('GET', `/api/units/${din}`, { auth: DONOR });
    // Assess
    expect(printed.status).toBe(200);
    const trace = printed.body as unknown as Trace;
    expect(trace.din).toBe(din);
    expect(trace.components.length).toBeGreaterThan(0);
    expect(trace.components.every((c) => c.status === 'quarantined' && c.site === 'central')).toBe(true);
    expect(trace.components[0]!.history).toEqual([{ status: 'quarantined', at: '2026-11-24' }]);
    expect(scanned.body).toEqual(printed.body);
    expect(donor.status).toBe(403);
  });
});

describe('POST /api/lab-results', () => {
  it('releases a donation whose screens are all negative, and stock counts it', async () => {
    // Prepare
    const din = await donation();
    const before = await available('central', 'O+', 'red_cells');
    // Act
    const out = await call('POST', '/api/lab-results', {
      auth: STAFF,
      type: 'text/csv',
      body: csv(negatives(din)),
    });
    // Assess
    expect(out.status).toBe(200);
    expect(out.body).toMatchObject({ applied: PANEL.length + 1, rejected: 0 });
    expect(await statuses(din)).toEqual(expect.arrayContaining(['red_cells:available']));
    expect(await available('central', 'O+', 'red_cells')).toBe(before + 1);
  });

  it('reports a bad row by its line and applies nothing of that DIN, while the other DIN goes in', async () => {
    // Prepare
    const good = await donation();
    const spoilt = await donation();
    const rows = [...negatives(good), ...negatives(spoilt)];
    rows[PANEL.length + 1 + 2] = [formatDin(spoilt), 'hcv', 'maybe', ''];
    // Act
    const out = await call('POST', '/api/lab-results', { auth: STAFF, type: 'text/csv', body: csv(rows) });
    // Assess
    expect(out.status).toBe(422);
    const report = out.body.rows as Array<{ line: number; din: string; status: string; message: string }>;
    const badLine = PANEL.length + 1 + 2 + 2; // the header is line 1
    expect(report.find((r) => r.line === badLine)).toMatchObject({ din: spoilt, status: 'rejected' });
    expect(report.filter((r) => r.din === spoilt).every((r) => r.status !== 'applied')).toBe(true);
    expect(report.filter((r) => r.din === good).every((r) => r.status === 'applied')).toBe(true);
    expect((await statuses(spoilt)).every((s) => s.endsWith(':quarantined'))).toBe(true);
    expect(await statuses(good)).toEqual(expect.arrayContaining(['red_cells:available']));
  });

  it('takes JSON rows, the ABO/RhD group among them', async () => {
    // Prepare
    const din = await donation();
    const results = [
      ...PANEL.map((marker) => ({ din, marker, result: 'negative' })),
      { din: formatDin(din), group: 'O+' },
    ];
    // Act
    const out = await call('POST', '/api/lab-results', {
      auth: STAFF,
      type: 'application/json',
      body: JSON.stringify({ results }),
    });
    // Assess
    expect(out.status).toBe(200);
    expect(out.body).toMatchObject({ applied: results.length, rejected: 0 });
  });

  it.each([
    ['no token', {}, 401],
    ['a donor', { auth: DONOR }, 403],
    ['a wrong lab key', { lab: 'not-the-lab-key' }, 401],
    ['plain text', { auth: STAFF, type: 'text/plain' }, 415],
    ['a CSV with the wrong header', { auth: STAFF, type: 'text/csv', body: 'din,colour\nW,red' }, 400],
    ['JSON that is not JSON', { auth: STAFF, type: 'application/json', body: '{"results":' }, 400],
    ['JSON without rows', { auth: STAFF, type: 'application/json', body: '{"results":[]}' }, 400],
    ['a body over the limit', { auth: STAFF, type: 'text/csv', big: true }, 413],
  ] as const)('refuses %s and changes nothing', async (_what, init, status) => {
    // Prepare
    const din = await donation();
    const body =
      'big' in init
        ? `${csv(negatives(din))}\n${'x'.repeat(300 * 1024)}`
        : 'body' in init
          ? init.body
          : csv(negatives(din));
    // Act
    const res = await fetch(`${app.url}/api/lab-results`, {
      method: 'POST',
      headers: {
        'content-type': 'type' in init ? init.type : 'text/csv',
        ...('auth' in init ? { authorization: init.auth } : {}),
        ...('lab' in init ? { 'x-lab-key': init.lab } : {}),
      },
      body,
    });
    // Assess
    expect(res.status).toBe(status);
    expect(await res.json()).toHaveProperty('error');
    expect((await statuses(din)).every((s) => s.endsWith(':quarantined'))).toBe(true);
  });
});

describe('the lab system with its service credential', () => {
  it('applies results sent with x-lab-key and refuses a wrong key, on the handler the lab Lambda runs', async () => {
    // Prepare: the same API the lab results function builds, with a credential configured.
    const key = 'lab-credential-for-tests-0123456789abcdef';
    const units = { store: app.store, policy: policyFor('US'), clock: { now: () => NOW, timeZone: 'UTC' } };
    const api = createUnitsApi({
      identify: async () => ({ userId: 'anonymous', role: 'anonymous', channel: 'web' }),
      store: app.store,
      policy: units.policy,
      thresholds: async () => ({}),
      timeZone: 'UTC',
      now: () => NOW,
      logger: new Logger({ logLevel: 'ERROR' }),
      trace: traceView(units),
      applyLabRows: labApplier(units),
      labCredential: async () => key,
    });
    const din = await donation();
    const request = (lab: string) => ({
      method: 'POST',
      path: '/api/lab-results',
      headers: { 'content-type': 'text/csv', 'x-lab-key': lab },
      body: csv(negatives(din)),
    });
    // Act
    const wrong = await api.handle(request(`${key}x`));
    const untouched = await statuses(din);
    const right = await api.handle(request(key));
    // Assess
    expect(wrong.status).toBe(401);
    expect(untouched.every((x) => x.endsWith(':quarantined'))).toBe(true);
    expect(right.status).toBe(200);
    expect(await statuses(din)).toEqual(expect.arrayContaining(['red_cells:available']));
  });
});

describe('POST /api/dev/run/{job}', () => {
  it('runs the expiry job at the time asked and answers with what it sent', async () => {
    // Act
    const out = await call('POST', '/api/dev/run/expiry', {
      auth: STAFF,
      type: 'application/json',
      body: JSON.stringify({ now: '2026-11-25T07:00:00Z' }),
    });
    // Assess
    expect(out.status).toBe(200);
    expect(out.body).toMatchObject({ job: 'expiry', at: '2026-11-25T07:00:00.000Z' });
    const ran = out.body.ran as Array<{ task: string }>;
    expect(ran.map((r) => r.task)).toEqual(['expirySweep', 'expiringSoon']);
    expect(Array.isArray(out.body.sent)).toBe(true);
  });

  it.each([
    ['an unknown job', '/api/dev/run/nothing', STAFF, 404],
    ['a donor', '/api/dev/run/expiry', DONOR, 403],
    ['no token', '/api/dev/run/expiry', undefined, 401],
  ])('refuses %s', async (_what, path, auth, status) => {
    const out = await call('POST', path, auth ? { auth } : {});
    expect(out.status).toBe(status);
  });
});

describe('fuzzed requests as staff', () => {
  const cell = fc.oneof(
    fc.string({ maxLength: 20 }),
    fc.constantFrom('hiv', 'HBsAg', 'negative', 'reactive', 'O+', '=W123426000800', '', '"', ','),
  );
  const csvBody = fc
    .tuple(
      fc.constantFrom('din,marker,result', 'din,group', 'din,marker,result,group', 'din', ''),
      fc.array(fc.array(cell, { maxLength: 5 }), { maxLength: 8 }),
    )
    .map(([header, rows]) => [header, ...rows.map((r) => r.join(','))].join('\n'));
  const jsonBody = fc.oneof(
    fc.json({ maxDepth: 3 }),
    fc
      .array(fc.dictionary(fc.constantFrom('din', 'marker', 'result', 'group', 'x'), cell), { maxLength: 6 })
      .map((results) => JSON.stringify({ results })),
  );

  it('POST /api/lab-results always answers JSON below 500 and never touches a DIN it was not sent', async () => {
    // Prepare: a quarantined donation whose DIN the generated bodies never name.
    const din = await donation();
    // Act / Assess
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('text/csv', 'application/json', 'text/plain', ''),
        fc.oneof(csvBody, jsonBody),
        async (type, body) => {
          const res = await fetch(`${app.url}/api/lab-results`, {
            method: 'POST',
            headers: { authorization: STAFF, ...(type ? { 'content-type': type } : {}) },
            body,
            signal: AbortSignal.timeout(10_000),
          });
          expect(res.status).toBeGreaterThanOrEqual(200);
          expect(res.status).toBeLessThan(500);
          const text = await res.text();
          expect(() => JSON.parse(text)).not.toThrow();
        },
      ),
      { numRuns: 40 },
    );
    expect((await statuses(din)).every((x) => x.endsWith(':quarantined'))).toBe(true);
  }, 120_000);

  it('GET /api/units/{din} answers 200, 400 or 404 in JSON for any path text', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 40 }), async (text) => {
        const res = await fetch(`${app.url}/api/units/${encodeURIComponent(text)}`, {
          headers: { authorization: STAFF },
          signal: AbortSignal.timeout(10_000),
        });
        expect([200, 400, 404]).toContain(res.status);
        expect(await res.json()).toBeTypeOf('object');
      }),
      { numRuns: 40 },
    );
  }, 120_000);
});
