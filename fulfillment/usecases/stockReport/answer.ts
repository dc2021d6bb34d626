/**
 * Use case: "show me the stock report" / `/blood report`. adapter or intent → use case.
 * Primary course: staff only → the latest report with 15-minute links → when there has never been
 * one (a fresh install), make today's first so the question always has an answer → one plain-text
 * answer that chat, Slack and the staff page can all show.
 */
import type { Principal } from '../../auth/principal.js';
import { mayAccess } from '../../documents/access.js';
import {
  LATEST_KEY,
  latestStockReport,
  REPORT_LINK_SECONDS,
  type ReportDeps,
  type ReportView,
} from './data.js';

export type ReportAnswer = { ok: true; text: string; report: ReportView } | { ok: false; text: string };

export const NOT_STAFF = 'Stock reports are for blood service staff.';

/** Makes today's report when there has never been one; absent where reports are only read. */
export type GenerateReport = (deps: ReportDeps, input: { today: string }) => Promise<unknown>;

export const NO_REPORT_YET =
  'No stock report has been made yet: the first one is made at 06:00. Ask "how many O negative red cells do we have" for live figures.';

export async function stockReportAnswer(
  deps: ReportDeps,
  principal: Principal,
  today: string,
  generate?: GenerateReport,
): Promise<ReportAnswer> {
  if (!mayAccess(principal, LATEST_KEY, 'read')) return { ok: false, text: NOT_STAFF };
  let out = await latestStockReport(deps, principal);
  if (!out.ok && out.reason === 'none') {
    if (!generate) return { ok: false, text: NO_REPORT_YET };
    await generate(deps, { today });
    out = await latestStockReport(deps, principal);
  }
  if (!out.ok) return { ok: false, text: NOT_STAFF };
  const report = out.report;
  const older = report.date === today ? '' : ` (the latest report, from ${report.date})`;
  return {
    ok: true,
    report,
    text: [
      `${report.summary}${older}`,
      `Chart: ${report.chartUrl}`,
      `CSV: ${report.csvUrl}`,
      `These links work for ${REPORT_LINK_SECONDS / 60} minutes.`,
    ].join('\n'),
  };
}
