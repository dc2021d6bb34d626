/**
 * Use case: detect shortages and recoveries. Runs after every stock change (issue, expiry) and on a
 * schedule. adapter → use case → domain + store.
 * Primary course: read thresholds and open alerts → the stock picture (days of supply and level per
 * group, domain rules) → per group, the transition (start / escalate / recover) → apply it with the
 * store's conditional writes (only the winner of a race notifies) → tell staff → contact donors for
 * alerts that started or escalated, and resume any unfinished broadcast → on the schedule, a
 * progress notice for alerts whose counts changed.
 */
import { randomBytes } from 'node:crypto';
import { todayIn } from '../../clock.js';
import { makeAlertId } from '../../domain/alertId.js';
import type { BloodGroup } from '../../domain/vocabulary.js';
import { type StockRow, stockPicture } from '../stockPicture.js';
import { ALERTS_ACTOR, deliverAlert } from './deliver.js';
import { type AlertDeps, type AlertRecord, NO_COUNTS, type StaffNotice } from './port.js';
import { countsSignature, decideTransition, donorCap, unitsNeeded, windowUntil } from './rules.js';

export type CheckTrigger = 'stock_change' | 'schedule' | 'expiry';

export interface CheckEvent {
  group: BloodGroup;
  kind: 'started' | 'escalated' | 'recovered' | 'suppressed' | 'progress';
  alertId?: string;
}

export interface CheckResult {
  rows: StockRow[];
  events: CheckEvent[];
  contacted: number;
}

async function notifyAll(deps: AlertDeps, notice: StaffNotice): Promise<void> {
  await Promise.all(
    deps.notifiers.map((n) =>
      n.notify(notice).catch((error: unknown) => {
        // Staff notices must never stop an appeal; the audit trail has the alert either way.
        deps.logger.error('staff notice failed', {
          kind: notice.kind,
          alertId: notice.alert.alertId,
          error: error instanceof Error ? error.name : 'unknown',
        });
      }),
    ),
  );
}

function sizing(row: StockRow, deps: AlertDeps) {
  const needed = unitsNeeded(row.available, row.averageDailyIssues, deps.settings.targetDays);
  return {
    unitsNeeded: needed,
    cap: donorCap(needed, deps.settings),
    daysOfSupply: Number(row.daysOfSupply.toFixed(2)),
  };
}

export async function runStockCheck(deps: AlertDeps, trigger: CheckTrigger): Promise<CheckResult> {
  const now = deps.now();
  const today = todayIn(deps.timeZone, now);
  const [thresholds, open] = await Promise.all([deps.alerts.thresholds(), deps.alerts.openAlerts()]);
  const rows = await stockPicture({
    store: deps.inventory,
    policy: deps.policy,
    today,
    component: deps.settings.component,
    thresholds,
  });
  const events: CheckEvent[] = [];
  const toDeliver = new Set<string>();
  const until = windowUntil(now, deps.settings.windowHours);

  for (const row of rows) {
    const current = open.get(row.group) ?? null;
    const transition = decideTransition(row.level, current);
    if (transition.kind === 'start') {
      const alert: AlertRecord = {
        alertId: makeAlertId(row.group, now.toISOString(), randomBytes(3).toString('hex')),
        group: row.group,
        component: deps.settings.component,
        level: transition.level,
        status: 'open',
        startedAt: now.toISOString(),
        ...sizing(row, deps),
        delivery: 'pending',
        counts: { ...NO_COUNTS },
      };
      const outcome = await deps.alerts.startAlert(alert, until, ALERTS_ACTOR);
      if (outcome === 'started') {
        events.push({ group: row.group, kind: 'started', alertId: alert.alertId });
        await notifyAll(deps, { kind: 'started', alert, row });
        toDeliver.add(alert.alertId);
      } else if (outcome === 'suppressed') {
        events.push({ group: row.group, kind: 'suppressed' });
      }
    } else if (transition.kind === 'escalate' && current) {
      const update = sizing(row, deps);
      const grown = { ...update, cap: Math.max(current.cap, update.cap) };
      if (await deps.alerts.escalateAlert(current, grown, until, ALERTS_ACTOR)) {
        const alert: AlertRecord = { ...current, ...grown, level: 'red', escalatedAt: now.toISOString() };
        events.push({ group: row.group, kind: 'escalated', alertId: alert.alertId });
        await notifyAll(deps, { kind: 'escalated', alert, row });
        toDeliver.add(alert.alertId);
      }
    } else if (transition.kind === 'recover' && current) {
      const closed = await deps.alerts.closeAlert(current.alertId, ALERTS_ACTOR);
      if (closed) {
        events.push({ group: row.group, kind: 'recovered', alertId: closed.alertId });
        await notifyAll(deps, { kind: 'recovered', alert: closed, row });
      }
    }
  }

  // An interrupted broadcast (time budget, crash) is finished by whichever check comes next.
  for (const alert of open.values()) {
    if (alert.delivery === 'pending' && alert.status === 'open') toDeliver.add(alert.alertId);
  }
  let contacted = 0;
  for (const alertId of toDeliver) contacted += (await deliverAlert(deps, alertId)).contacted;

  // Staff see the counts once a broadcast has gone out, and on each scheduled check after that.
  if (trigger === 'schedule' || contacted > 0) events.push(...(await progressNotices(deps)));
  deps.logger.info('stock check', {
    trigger,
    red: rows.filter((r) => r.level === 'red').map((r) => r.group),
    amber: rows.filter((r) => r.level === 'amber').map((r) => r.group),
    events: events.map((e) => `${e.group}:${e.kind}`),
    contacted,
  });
  return { rows, events, contacted };
}

/** One notice per open alert whose counts moved since staff last saw them (compare-and-set). */
async function progressNotices(deps: AlertDeps): Promise<CheckEvent[]> {
  const events: CheckEvent[] = [];
  for (const alert of (await deps.alerts.openAlerts()).values()) {
    const next = countsSignature(alert.counts);
    if (next === alert.notified || next === countsSignature(NO_COUNTS)) continue;
    if (!(await deps.alerts.markNotified(alert.alertId, alert.notified, next))) continue;
    events.push({ group: alert.group, kind: 'progress', alertId: alert.alertId });
    await notifyAll(deps, { kind: 'progress', alert });
  }
  return events;
}
