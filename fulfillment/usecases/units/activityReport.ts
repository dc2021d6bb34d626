/**
 * Use cases: the reports' data (issue 14 "Reports"): issues per hospital, discards by reason and
 * component, collections per site and day, and wastage (discards ÷ (issues + discards) per
 * component, by reason, from the domain `wastage`). Read from the per-day activity counters the
 * store keeps in the same transactions as the changes: one Query per period, never a Scan.
 */
import * as z from 'zod';
import { daysBetween } from '../../domain/dates.js';
import type { DiscardReason } from '../../domain/unitVocabulary.js';
import type { Component } from '../../domain/vocabulary.js';
import { type WastageCounts, type WastageRow, wastage } from '../../domain/wastage.js';
import type { ActivityCount } from '../../store/unitPort.js';
import { parseInput, type UnitDeps } from './deps.js';

/** Longest period one report reads (a year of days). */
export const MAX_REPORT_DAYS = 366;

const period = z
  .object({ from: z.iso.date(), to: z.iso.date() })
  .refine((p) => p.from <= p.to, { message: 'the period ends before it starts' })
  .refine((p) => daysBetween(p.from, p.to) < MAX_REPORT_DAYS, {
    message: `at most ${MAX_REPORT_DAYS} days at a time`,
  });

export const activityReportInput = z.intersection(
  z.object({ activity: z.enum(['issues', 'discards', 'collections']) }),
  period,
);
export type ActivityReportInput = z.input<typeof activityReportInput>;

export type ActivityRow =
  | { activity: 'collections'; day: string; site: string; count: number }
  | { activity: 'discards'; day: string; reason: DiscardReason; component: Component; count: number }
  | { activity: 'issues'; day: string; hospital: string; component: Component; count: number };

export type ActivityReportResult =
  | {
      ok: true;
      activity: ActivityReportInput['activity'];
      from: string;
      to: string;
      /** Per day, in day order. */
      rows: ActivityRow[];
      /** The period's total per key (site, reason + component, or hospital), largest first. */
      totals: Array<{ key: string; count: number }>;
      total: number;
    }
  | { ok: false; reason: 'invalid_input'; message: string };

function keyOf(row: ActivityCount): string {
  switch (row.activity) {
    case 'collections':
      return row.site;
    case 'discards':
      return `${row.reason} ${row.component}`;
    case 'issues':
      return row.hospital;
  }
}

export async function activityReport(
  deps: Pick<UnitDeps, 'store'>,
  input: ActivityReportInput,
): Promise<ActivityReportResult> {
  const parsed = parseInput(activityReportInput, input);
  if (!parsed.ok) return parsed;
  const { activity, from, to } = parsed.value;
  const rows = (await deps.store.activityCounts(from, to))
    .filter((r) => r.activity === activity)
    .sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  const totals = new Map<string, number>();
  for (const r of rows) totals.set(keyOf(r), (totals.get(keyOf(r)) ?? 0) + r.count);
  return {
    ok: true,
    activity,
    from,
    to,
    rows,
    totals: [...totals]
      .map(([key, count]) => ({ key, count }))
      .sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : 1)),
    total: rows.reduce((n, r) => n + r.count, 0),
  };
}

export const wastageReportInput = period;
export type WastageReportInput = z.input<typeof wastageReportInput>;

export type WastageReportResult =
  | { ok: true; from: string; to: string; rows: WastageRow[]; counts: WastageCounts }
  | { ok: false; reason: 'invalid_input'; message: string };

/** The activity counters of a period as the domain's wastage input (issues and discards per component). */
export function wastageCounts(rows: readonly ActivityCount[]): WastageCounts {
  const counts: WastageCounts = { issues: {}, discards: {} };
  for (const r of rows) {
    if (r.activity === 'issues') counts.issues[r.component] = (counts.issues[r.component] ?? 0) + r.count;
    if (r.activity === 'discards') {
      const byReason = counts.discards[r.component] ?? {};
      byReason[r.reason] = (byReason[r.reason] ?? 0) + r.count;
      counts.discards[r.component] = byReason;
    }
  }
  return counts;
}

export async function wastageReport(
  deps: Pick<UnitDeps, 'store'>,
  input: WastageReportInput,
): Promise<WastageReportResult> {
  const parsed = parseInput(wastageReportInput, input);
  if (!parsed.ok) return parsed;
  const { from, to } = parsed.value;
  const counts = wastageCounts(await deps.store.activityCounts(from, to));
  return { ok: true, from, to, rows: wastage(counts), counts };
}
