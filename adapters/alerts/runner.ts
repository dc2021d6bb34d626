/**
 * The one door into the alert use cases for both deployables: which event means which task, and the
 * stock-change listener that fulfillment calls after an issue. The Lambda (./lambda.ts) and the
 * embedded default (./local.ts) differ only in the ports they pass in.
 *
 * Events understood:
 *   { "source": "bloodbank.scheduler", "task": "expirySweep" | "expiringSoon" | "stockCheck" }  Scheduler
 *   { "detail-type": ..., "detail": { "task": ... } }                          EventBridge rule
 *   { "detail-type": "StockChanged", "source": "bloodbank.inventory", ... }    stock change event
 *   { "Records": [{ "eventSource": "aws:dynamodb", dynamodb.Keys.pk = STOCK#<component> }] } table stream
 */
import * as z from 'zod';
import { parseKeys } from '../../fulfillment/store/dynamo/keys.js';
import { type CheckResult, runStockCheck } from '../../fulfillment/usecases/alerts/detect.js';
import type { AlertDeps, StockChangeListener } from '../../fulfillment/usecases/alerts/port.js';
import { runExpiringSoon, runUnitExpirySweep, type UnitJobs } from './unitJobs.js';

/** expirySweep: units past their last day → expired; expiringSoon: the morning 48-hour list to staff. */
export const TASKS = ['expirySweep', 'expiringSoon', 'stockCheck'] as const;
export type AlertTask = (typeof TASKS)[number];

export type AlertEvent = { kind: 'task'; task: AlertTask } | { kind: 'stock_change' } | { kind: 'unknown' };

const scheduled = z.object({ task: z.enum(TASKS) });
const bridged = z.object({ 'detail-type': z.string(), detail: z.object({ task: z.enum(TASKS) }) });
const stockChanged = z.object({ 'detail-type': z.literal('StockChanged') });
const stream = z.object({
  Records: z
    .array(
      z.object({
        eventSource: z.literal('aws:dynamodb'),
        dynamodb: z.object({
          Keys: z.object({ pk: z.object({ S: z.string() }), sk: z.object({ S: z.string() }).optional() }),
        }),
      }),
    )
    .min(1),
});

export function parseAlertEvent(raw: unknown): AlertEvent {
  const task = scheduled.safeParse(raw);
  if (task.success) return { kind: 'task', task: task.data.task };
  const rule = bridged.safeParse(raw);
  if (rule.success) return { kind: 'task', task: rule.data.detail.task };
  if (stockChanged.safeParse(raw).success) return { kind: 'stock_change' };
  const records = stream.safeParse(raw);
  // Only stock counters (pk STOCK#<component>, sk ~AVAIL#…) matter; other items are not stock changes.
  const isCounter = (k: { pk: { S: string }; sk?: { S: string } | undefined }) =>
    parseKeys.isStockCounter(k.pk.S, k.sk?.S ?? '');
  if (records.success && records.data.Records.some((r) => isCounter(r.dynamodb.Keys))) {
    return { kind: 'stock_change' };
  }
  return { kind: 'unknown' };
}

export interface RunOutcome {
  task: AlertTask | 'stockChange' | 'unknown';
  expired?: number;
  /** expiringSoon: units expiring within 48 hours, and whether staff were sent the list. */
  expiring?: { units: number; posted: boolean };
  check: CheckResult | null;
}

/** What the alerts function runs on: the alert ports plus the unit jobs' (adapters/alerts/unitJobs.ts). */
export type AlertJobDeps = AlertDeps & { jobs: UnitJobs };

export interface AlertRunner {
  handle(event: AlertEvent): Promise<RunOutcome>;
  run(task: AlertTask): Promise<RunOutcome>;
  /** For fulfillment: detection after a stock change; logs failures instead of throwing. */
  listener: StockChangeListener;
}

export function createAlertRunner(deps: AlertJobDeps): AlertRunner {
  const run = async (task: AlertTask): Promise<RunOutcome> => {
    if (task === 'expirySweep') {
      const sweep = await runUnitExpirySweep(deps, deps.jobs);
      return { task, expired: sweep.expired, check: sweep.check };
    }
    if (task === 'expiringSoon') {
      const soon = await runExpiringSoon(deps, deps.jobs);
      return { task, expiring: { units: soon.expiring, posted: soon.posted }, check: null };
    }
    return { task, check: await runStockCheck(deps, 'schedule') };
  };
  const handle = async (event: AlertEvent): Promise<RunOutcome> => {
    if (event.kind === 'task') return run(event.task);
    if (event.kind === 'stock_change')
      return { task: 'stockChange', check: await runStockCheck(deps, 'stock_change') };
    deps.logger.warn('alerts: unknown event ignored');
    return { task: 'unknown', check: null };
  };
  const listener: StockChangeListener = async (change) => {
    try {
      await runStockCheck(deps, change.reason === 'expiry' ? 'expiry' : 'stock_change');
    } catch (error) {
      // The stock change itself is committed; the next scheduled check will catch up.
      deps.logger.error('stock check after change failed', {
        reason: change.reason,
        error: error instanceof Error ? error.name : 'unknown',
      });
    }
  };
  return { handle, run, listener };
}
