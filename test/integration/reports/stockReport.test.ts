/**
 * The daily stock report against the seeded demo stock on DynamoDB Local: its numbers are
 * stockPicture's (the same CheckStock gives), the CSV carries them, the chart is a real SVG (left in
 * test-results/ to look at; its PNG is test/browser/reports.test.ts), the latest pointer and its links work,
 * and only staff may read it.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../../adapters/local/seed.js';
import type { Principal } from '../../../fulfillment/auth/principal.js';
import { FolderDocumentStore } from '../../../fulfillment/documents/folder.js';
import { policyFor } from '../../../fulfillment/domain/policy.js';
import { COMPONENTS } from '../../../fulfillment/domain/vocabulary.js';
import type { DynamoStore } from '../../../fulfillment/store/dynamo/index.js';
import { CHART_DAYS_CAP, LEVEL_COLOURS } from '../../../fulfillment/usecases/reportChart.js';
import {
  generateStockReport,
  publishDailyStockReport,
} from '../../../fulfillment/usecases/reportGenerate.js';
import {
  LATEST_KEY,
  latestStockReport,
  reportKeys,
  type StockReportRecord,
  stockReportSummary,
} from '../../../fulfillment/usecases/reportStock.js';
import { stockPicture } from '../../../fulfillment/usecases/stockPicture.js';
import { createTestStore } from '../../support/store.js';

const TODAY = '2026-11-24';
const NOW = new Date(`${TODAY}T06:00:00Z`);
const policy = policyFor('US');
const staff: Principal = { userId: 'staff-1', role: 'staff', channel: 'web' };
const donor: Principal = { userId: 'donor-1', role: 'donor', channel: 'web', donorId: 'd1' };

let store: DynamoStore;
let documents: FolderDocumentStore;
let record: StockReportRecord;

function parseCsv(text: string): string[][] {
  // The report's fields never contain commas or quotes (by_site uses ';'), so a plain split is exact.
  return text
    .trimEnd()
    .split('\r\n')
    .map((line) => line.split(','));
}

beforeAll(async () => {
  store = await createTestStore({ now: () => NOW });
  await seedDemo(store, { today: TODAY, policy });
  documents = new FolderDocumentStore({
    root: mkdtempSync(join(tmpdir(), 'bloodbank-reports-')),
    linkKey: 'test-link-key',
    baseUrl: () => 'http://127.0.0.1:9',
    now: () => NOW,
  });
  record = await generateStockReport({ store, documents, policy, now: () => NOW }, { today: TODAY });
});
afterAll(() => store.destroy());

describe('stock report numbers', () => {
  it('has every group × component, each exactly as stockPicture computes it', async () => {
    // Assess
    expect(record.rows).toHaveLength(8 * COMPONENTS.length);
    for (const component of COMPONENTS) {
      const picture = await stockPicture({ store, policy, today: TODAY, component });
      for (const row of picture) {
        const reported = record.rows.find((r) => r.group === row.group && r.component === component);
        expect(reported).toEqual({
          group: row.group,
          component,
          available: row.available,
          averageDailyIssues: row.averageDailyIssues,
          daysOfSupply: row.daysOfSupply,
          level: row.level,
        });
      }
    }
  });

  it.each([
    // seed: O− red cells 9 central + 4 northside, 7 issued a day → 1.86 days, amber (< 2, ≥ 1)
    { group: 'O-', component: 'red_cells', available: 13, days: 13 / 7, level: 'amber' },
    // O+ red cells 38 + 15 for 9 a day → 5.9 days, green
    { group: 'O+', component: 'red_cells', available: 53, days: 53 / 9, level: 'green' },
  ])('reports the seeded $group $component as $available units, $level', (expected) => {
    const row = record.rows.find((r) => r.group === expected.group && r.component === expected.component);
    expect(row?.available).toBe(expected.available);
    expect(row?.daysOfSupply).toBeCloseTo(expected.days, 6);
    expect(row?.level).toBe(expected.level);
  });

  it('writes a CSV with the same numbers, one row per group and component', async () => {
    // Act
    const csv = await documents.get(reportKeys(TODAY).csv);
    // Assess
    expect(csv?.info.contentType).toBe('text/csv; charset=utf-8');
    const [header, ...rows] = parseCsv(Buffer.from(csv!.body).toString('utf8'));
    expect(header).toEqual([
      'date',
      'blood_group',
      'component',
      'units_available',
      'units_by_site',
      'average_daily_issues',
      'days_of_supply',
      'level',
      'amber_below_days',
      'red_below_days',
    ]);
    expect(rows).toHaveLength(40);
    expect(rows.find((r) => r[1] === 'O-' && r[2] === 'red_cells')).toEqual([
      TODAY,
      'O-',
      'red_cells',
      '13',
      'central:9;northside:4',
      '7',
      '1.86',
      'amber',
      '2',
      '1',
    ]);
  });

  it('summarises the red and amber rows in one line', () => {
    const summary = stockReportSummary(record);
    expect(summary).toMatch(/^Stock report for 2026-11-24: /);
    expect(summary).toContain('AMBER: ');
    expect(summary).toContain('O- red cells 1.9 d (13 units)');
  });
});

describe('stock report chart', () => {
  it('renders an SVG with the title, every level colour in use and the threshold ticks', async () => {
    // Act
    const chart = await documents.get(reportKeys(TODAY).chart);
    const svg = Buffer.from(chart!.body).toString('utf8');
    mkdirSync('test-results', { recursive: true });
    writeFileSync('test-results/stock-report.svg', svg);
    // Assess
    expect(chart?.info.contentType).toBe('image/svg+xml');
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain(`Blood stock on ${TODAY}`);
    for (const level of new Set(record.rows.map((r) => r.level))) {
      expect(svg.toLowerCase()).toContain(`fill="${LEVEL_COLOURS[level]}"`);
    }
    expect(svg).toContain('red cells');
    expect(svg).toContain('days of supply');
    expect(CHART_DAYS_CAP).toBeGreaterThan(policy.stockLevels.amberBelowDays);
  });
});

describe('latest stock report', () => {
  it('gives staff the newest report with working, short-lived links to its files', async () => {
    // Act
    const out = await latestStockReport({ documents }, staff);
    // Assess
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(out.report.date).toBe(TODAY);
    const token = new URL(out.report.chartUrl).searchParams.get('t')!;
    const granted = documents.resolveLink(token);
    expect(granted).toEqual({ key: record.chart.key, versionId: record.chart.versionId });
    expect(out.report.csvUrl).toMatch(/^http:\/\/127\.0\.0\.1:9\/files\?t=/);
  });

  it.each<[string, Principal]>([
    ['a donor', donor],
    ['an anonymous visitor', { userId: 'anonymous', role: 'anonymous', channel: 'web' }],
  ])('refuses %s', async (_, principal) => {
    expect(await latestStockReport({ documents }, principal)).toEqual({ ok: false, reason: 'forbidden' });
  });

  it('says there is none before the first report', async () => {
    // Prepare
    const empty = new FolderDocumentStore({
      root: mkdtempSync(join(tmpdir(), 'bloodbank-empty-')),
      linkKey: 'k',
      baseUrl: () => 'http://127.0.0.1:9',
    });
    // Act / Assess
    expect(await latestStockReport({ documents: empty }, staff)).toEqual({ ok: false, reason: 'none' });
  });

  it('the daily job keeps each day as its own file and a new run adds a version, not a loss', async () => {
    // Prepare
    const posted: string[] = [];
    // Act
    const again = await publishDailyStockReport(
      {
        store,
        documents,
        policy,
        now: () => NOW,
        post: async (text) => {
          posted.push(text);
        },
        staffPageUrl: 'http://127.0.0.1:3000/staff/reports',
      },
      { today: TODAY },
    );
    // Assess
    expect(posted).toEqual([
      `${stockReportSummary(again)} Chart and CSV: http://127.0.0.1:3000/staff/reports`,
    ]);
    expect((await documents.versions(reportKeys(TODAY).chart)).length).toBe(2);
    expect((await documents.versions(LATEST_KEY))[0]?.isLatest).toBe(true);
    expect((await documents.list('reports/stock/')).map((o) => o.key)).toEqual([
      `reports/stock/${TODAY}/stock-report.csv`,
      `reports/stock/${TODAY}/stock-report.svg`,
      `reports/stock/${TODAY}/summary.json`,
      LATEST_KEY,
    ]);
  });
});
