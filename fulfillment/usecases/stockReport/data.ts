/**
 * Use case: the daily stock report. adapter (schedule, Slack, chat, staff page) → use case → domain.
 * This module is the report's data and its read side (rows, CSV, summary, the latest report for
 * staff); generating one renders a chart and lives in ./generate.ts, so functions that only
 * read reports (fulfillment) do not carry the charting library.
 */
import * as z from 'zod';
import type { Principal } from '../../auth/principal.js';
import { mayAccess, PREFIX } from '../../documents/access.js';
import { csvLine } from '../../documents/csv.js';
import type { DocumentStore } from '../../documents/port.js';
import type { Policy } from '../../domain/policy.js';
import { type GroupThresholds, type Thresholds, thresholdsFor } from '../../domain/supply.js';
import { COMPONENT_LABEL, COMPONENTS } from '../../domain/vocabulary.js';
import type { InventoryStore } from '../../store/port.js';
import { type StockRow, stockPicture } from '../stockPicture.js';

export const STOCK_REPORT_PREFIX = `${PREFIX.reports}stock/`;
export const LATEST_KEY = `${STOCK_REPORT_PREFIX}latest.json`;
/** Links in chat and Slack answers are for looking now, not for forwarding. */
export const REPORT_LINK_SECONDS = 15 * 60;

export interface StockReportRow extends StockRow {
  thresholds: Thresholds;
}

const fileRef = z.object({ key: z.string(), versionId: z.string() });
const rowSchema = z.object({
  group: z.string(),
  component: z.string(),
  available: z.number(),
  averageDailyIssues: z.number(),
  daysOfSupply: z.number(),
  level: z.enum(['green', 'amber', 'red']),
});
export const reportRecordSchema = z.object({
  date: z.string(),
  generatedAt: z.string(),
  chart: fileRef,
  csv: fileRef,
  rows: z.array(rowSchema),
});
export type StockReportRecord = z.infer<typeof reportRecordSchema>;

export interface ReportDeps {
  store: InventoryStore;
  documents: DocumentStore;
  policy: Policy;
  now: () => Date;
}

export function reportKeys(date: string) {
  const dir = `${STOCK_REPORT_PREFIX}${date}/`;
  return { chart: `${dir}stock-report.svg`, csv: `${dir}stock-report.csv`, summary: `${dir}summary.json` };
}

/** Every group × component, in vocabulary order, each with the thresholds its level was judged by. */
export async function stockReportRows(input: {
  store: InventoryStore;
  policy: Policy;
  today: string;
  thresholds?: GroupThresholds;
}): Promise<StockReportRow[]> {
  const rows: StockReportRow[] = [];
  for (const component of COMPONENTS) {
    const picture = await stockPicture({
      store: input.store,
      policy: input.policy,
      today: input.today,
      component,
      ...(input.thresholds ? { thresholds: input.thresholds } : {}),
    });
    for (const row of picture) {
      rows.push({ ...row, thresholds: thresholdsFor(row.group, input.thresholds ?? {}, input.policy) });
    }
  }
  return rows;
}

const CSV_HEADER = [
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
];

const round2 = (n: number) => Math.round(n * 100) / 100;

export function stockReportCsv(date: string, rows: readonly StockReportRow[]): string {
  let out = csvLine(CSV_HEADER);
  for (const r of rows) {
    const sites = Object.entries(r.bySite)
      .map(([site, n]) => `${site}:${n}`)
      .join(';');
    out += csvLine([
      date,
      r.group,
      r.component,
      r.available,
      sites,
      round2(r.averageDailyIssues),
      round2(r.daysOfSupply),
      r.level,
      r.thresholds.amberBelowDays,
      r.thresholds.redBelowDays,
    ]);
  }
  return out;
}

/** "RED: O- red cells 1.3 d (9 units) · AMBER: …", the line Slack and chat lead with. */
export function stockReportSummary(record: Pick<StockReportRecord, 'date' | 'rows'>): string {
  const describe = (level: 'red' | 'amber') =>
    record.rows
      .filter((r) => r.level === level)
      .map(
        (r) =>
          `${r.group} ${COMPONENT_LABEL[r.component as keyof typeof COMPONENT_LABEL] ?? r.component} ${r.daysOfSupply.toFixed(1)} d (${r.available} units)`,
      );
  const red = describe('red');
  const amber = describe('amber');
  const parts = [
    red.length ? `RED: ${red.join(', ')}` : null,
    amber.length ? `AMBER: ${amber.join(', ')}` : null,
  ].filter(Boolean);
  return `Stock report for ${record.date}: ${parts.length ? parts.join(' · ') : 'every group and component is green'}.`;
}

export interface ReportView extends StockReportRecord {
  summary: string;
  chartUrl: string;
  csvUrl: string;
}

export type LatestReportOutcome =
  | { ok: true; report: ReportView }
  | { ok: false; reason: 'forbidden' | 'none' };

/** The newest report with short-lived links to its files, for staff only. */
export async function latestStockReport(
  deps: Pick<ReportDeps, 'documents'>,
  principal: Principal,
  options: { linkSeconds?: number } = {},
): Promise<LatestReportOutcome> {
  if (!mayAccess(principal, LATEST_KEY, 'read')) return { ok: false, reason: 'forbidden' };
  const latest = await deps.documents.get(LATEST_KEY);
  if (!latest) return { ok: false, reason: 'none' };
  const record = reportRecordSchema.parse(JSON.parse(Buffer.from(latest.body).toString('utf8')));
  const expiresInSeconds = options.linkSeconds ?? REPORT_LINK_SECONDS;
  const [chartUrl, csvUrl] = await Promise.all([
    deps.documents.link(record.chart.key, { expiresInSeconds, versionId: record.chart.versionId }),
    deps.documents.link(record.csv.key, {
      expiresInSeconds,
      versionId: record.csv.versionId,
      downloadName: `stock-report-${record.date}.csv`,
    }),
  ]);
  return { ok: true, report: { ...record, summary: stockReportSummary(record), chartUrl, csvUrl } };
}
