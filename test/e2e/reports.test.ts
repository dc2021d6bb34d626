/**
 * Reports in the embedded default, end to end: real ID tokens from the local Cognito verified by the
 * identity adapter's code, the report and audit-export routes, the `/files` links, the staff page
 * (its page in Chromium is test/browser/reports.test.ts), and `/blood report` through Bolt's receiver with a
 * local stand-in for Slack.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { STAFF_PAGE_PATH } from '../../adapters/documents/local.js';
import { type EmbeddedApp, startEmbedded } from '../../adapters/local/app.js';
import { signedHeaders, slashCommandBody } from '../../adapters/slack/signing.js';
import { type SlackStub, startSlackStub, testConfig } from '../support/channels.js';

const SECRET = 'test-slack-signing-secret';
const PASSWORD = 'Demo-Password-123!';
let app: EmbeddedApp;
let stub: SlackStub;
const tokens: Record<string, string> = {};

/** The fields of the JSON answers these tests read. */
interface Reply {
  idToken: string;
  rows: unknown[];
  summary: string;
  chartUrl: string;
  csvUrl: string;
  url: string;
}

async function call(method: string, path: string, token?: string, body?: unknown) {
  const res = await fetch(`${app.url}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, body: (await res.json()) as Reply };
}

beforeAll(async () => {
  stub = await startSlackStub();
  app = await startEmbedded(
    testConfig({
      demoPassword: PASSWORD,
      slack: { signingSecret: SECRET, botToken: 'xoxb-test', apiUrl: stub.apiUrl },
    }),
    { dynamoEndpoint: inject('dynamoEndpoint'), quiet: true },
  );
  for (const who of ['staff', 'admin', 'donor']) {
    const out = await call('POST', '/api/dev/login', undefined, {
      username: `${who}@example.org`,
      password: PASSWORD,
    });
    tokens[who] = out.body.idToken;
  }
  await app.identityStore.linkSlackUser(
    { teamId: 'T0TEST', slackUserId: 'U0STAFF', account: 'staff@example.org', role: 'staff' },
    { userId: 'setup', role: 'admin', channel: 'system' },
  );
}, 120_000);
afterAll(async () => {
  await app?.stop();
  await stub?.close();
});

describe('stock report routes (signed-in staff only)', () => {
  it('has no report before the first run, then makes one on demand', async () => {
    expect((await call('GET', '/api/reports/stock/latest', tokens.staff)).status).toBe(404);
    const made = await call('POST', '/api/reports/stock', tokens.staff);
    expect(made.status).toBe(201);
    expect(made.body.rows).toHaveLength(40);
  });

  it('gives staff the latest report, whose links serve the chart and the CSV', async () => {
    // Act
    const out = await call('GET', '/api/reports/stock/latest', tokens.staff);
    const chart = await fetch(out.body.chartUrl);
    const csv = await fetch(out.body.csvUrl);
    // Assess
    expect(out.status).toBe(200);
    expect(out.body.summary).toMatch(/^Stock report for \d{4}-\d{2}-\d{2}: /);
    expect(chart.status).toBe(200);
    expect(chart.headers.get('content-type')).toBe('image/svg+xml');
    expect(chart.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await chart.text()).toContain('<svg');
    expect(csv.headers.get('content-disposition')).toMatch(
      /^attachment; filename="stock-report-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    expect((await csv.text()).split('\r\n')[0]).toMatch(/^date,blood_group,component,units_available/);
  });

  it.each([
    ['a donor', 'donor', 403],
    ['no sign-in', undefined, 401],
    ['a forged token', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln', 401],
  ])('refuses %s', async (_, who, status) => {
    const token = who && who in tokens ? tokens[who] : who;
    expect((await call('GET', '/api/reports/stock/latest', token)).status).toBe(status);
    expect((await call('POST', '/api/reports/stock', token)).status).toBe(status);
  });

  it('refuses a file link that was tampered with', async () => {
    const out = await call('GET', '/api/reports/stock/latest', tokens.staff);
    const forged = `${out.body.chartUrl.slice(0, -3)}AAA`;
    expect((await fetch(forged)).status).toBe(404);
  });
});

describe('audit export route (admins only)', () => {
  it('writes the CSV and answers with a link to it', async () => {
    // Act
    const out = await call('POST', '/api/audit-exports', tokens.admin, {
      from: '2026-01-01',
      to: '2026-12-31',
    });
    // Assess
    expect(out.status).toBe(201);
    expect(out.body.rows).toBeGreaterThan(0);
    const csv = await (await fetch(out.body.url)).text();
    expect(csv.split('\r\n')[0]).toBe(
      'at,audit_id,user_id,role,channel,action,entity_type,entity_id,details',
    );
    expect(csv).toContain(',unit.received,');
  });

  it('refuses staff and bad ranges', async () => {
    expect(
      (await call('POST', '/api/audit-exports', tokens.staff, { from: '2026-01-01', to: '2026-01-02' }))
        .status,
    ).toBe(403);
    expect(
      (await call('POST', '/api/audit-exports', tokens.admin, { from: '2026-02-01', to: '2026-01-02' }))
        .status,
    ).toBe(400);
  });
});

describe('/blood report in Slack', () => {
  it('answers a linked staff member with the latest report, ephemerally', async () => {
    // Prepare
    const body = slashCommandBody({
      text: 'report',
      teamId: 'T0TEST',
      userId: 'U0STAFF',
      channelId: 'C0BLOODBANK',
      responseUrl: stub.responseUrl('report-1'),
    });
    // Act
    const res = await fetch(`${app.url}/slack/events`, {
      method: 'POST',
      headers: signedHeaders(SECRET, body, 'application/x-www-form-urlencoded'),
      body,
    });
    await app.slack!.idle();
    // Assess
    expect(res.status).toBe(200);
    const answer = stub.requests.find((r) => r.path === '/response/report-1');
    expect(answer?.body).toMatchObject({ response_type: 'ephemeral' });
    expect(String(answer?.body.text)).toMatch(
      /^Stock report for .*\nChart: http:\/\/127\.0\.0\.1:\d+\/files\?t=/,
    );
  });
});

describe('staff page', () => {
  it('is served with a strict content security policy', async () => {
    const res = await fetch(`${app.url}${STAFF_PAGE_PATH}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await res.text()).toContain('<script src="/staff/reports.js"></script>');
  });
});
