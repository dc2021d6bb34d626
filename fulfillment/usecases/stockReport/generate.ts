/**
 * Use case: generating the daily stock report. adapter (schedule, Slack, staff page) → use case.
 * Primary course: take the stock picture of every component (the same numbers CheckStock gives, from
 * stockPicture, never recomputed here) → render the chart (SVG) and the CSV → write both and a
 * summary under `reports/stock/<date>/` → point `reports/stock/latest.json` at them → post a short
 * summary to the staff channel.
 */
import type { GroupThresholds } from '../../domain/supply.js';
import { renderStockChartSvg } from './chart.js';
import {
  LATEST_KEY,
  type ReportDeps,
  reportKeys,
  type StockReportRecord,
  stockReportCsv,
  stockReportRows,
  stockReportSummary,
} from './data.js';

export async function generateStockReport(
  deps: ReportDeps,
  input: { today: string; thresholds?: GroupThresholds },
): Promise<StockReportRecord> {
  const rows = await stockReportRows({ store: deps.store, policy: deps.policy, ...input });
  const keys = reportKeys(input.today);
  const generatedAt = deps.now().toISOString();
  const metadata = { 'report-date': input.today, generator: 'stock-report' };
  const chart = await deps.documents.put({
    key: keys.chart,
    body: await renderStockChartSvg(input.today, rows),
    contentType: 'image/svg+xml',
    metadata,
  });
  const csv = await deps.documents.put({
    key: keys.csv,
    body: stockReportCsv(input.today, rows),
    contentType: 'text/csv; charset=utf-8',
    metadata,
  });
  const record: StockReportRecord = {
    date: input.today,
    generatedAt,
    chart: { key: chart.key, versionId: chart.versionId },
    csv: { key: csv.key, versionId: csv.versionId },
    rows: rows.map(({ group, component, available, averageDailyIssues, daysOfSupply, level }) => ({
      group,
      component,
      available,
      averageDailyIssues,
      daysOfSupply,
      level,
    })),
  };
  const body = JSON.stringify(record);
  await deps.documents.put({ key: keys.summary, body, contentType: 'application/json', metadata });
  // Written last: readers follow the pointer only once every file it names exists.
  await deps.documents.put({ key: LATEST_KEY, body, contentType: 'application/json', metadata });
  return record;
}

/** Where a finished report is announced: the staff Slack channel, or the local outbox. */
export type StaffPoster = (text: string) => Promise<void>;

/**
 * The daily job: generate today's report and tell staff. The post carries the summary and where to
 * look (the staff page, behind sign-in), not a bearer link that anyone in the channel could forward.
 */
export async function publishDailyStockReport(
  deps: ReportDeps & { post: StaffPoster; staffPageUrl?: string },
  input: { today: string; thresholds?: GroupThresholds },
): Promise<StockReportRecord> {
  const record = await generateStockReport(deps, input);
  const where = deps.staffPageUrl ? ` Chart and CSV: ${deps.staffPageUrl}` : '';
  await deps.post(`${stockReportSummary(record)}${where}`);
  return record;
}
