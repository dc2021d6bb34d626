/**
 * What every unit use case receives, and the plumbing they share: today's date in the service's time
 * zone, zod validation into a refusal value, the bounded re-read-and-re-apply loop for the store's
 * optimistic `conflict`, and telling shortage detection which stock lines moved.
 * Layer: use case (fulfillment/usecases/units) → domain + store port.
 */
import type * as z from 'zod';
import { todayIn } from '../../clock.js';
import type { Policy } from '../../domain/policy.js';
import type { BloodGroup, Component } from '../../domain/vocabulary.js';
import type { Store } from '../../store/port.js';
import type { StoredUnit, UnitStore } from '../../store/unitPort.js';

export { MAX_UNITS_PER_SAVE } from '../../store/unitPort.js';

import type { StockChange, StockChangeListener } from '../alerts/port.js';
import type { UnitNotifier } from './notice.js';

export interface UnitClock {
  now: () => Date;
  /** IANA zone: "today" is the service's calendar day, not UTC's. */
  timeZone: string;
}

export interface UnitDeps {
  store: Store & UnitStore;
  policy: Policy;
  clock: UnitClock;
  /** Staff notices (lookback lists) to Slack; absent → nobody is told (the audit still is). */
  notify?: UnitNotifier;
  /** Shortage detection, told after every change of available stock; never throws. */
  onStockChange?: StockChangeListener;
}

export function today(deps: Pick<UnitDeps, 'clock'>): string {
  return todayIn(deps.clock.timeZone, deps.clock.now());
}

/** Refusal for input that fails its schema: the first problem, in words, with where it is. */
export type InvalidInput = { ok: false; reason: 'invalid_input'; message: string };

export function parseInput<S extends z.ZodType>(
  schema: S,
  input: unknown,
): { ok: true; value: z.output<S> } | InvalidInput {
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  return { ok: false, reason: 'invalid_input', message: `${where}${issue?.message ?? 'invalid input'}` };
}

/** Attempts of one read-plan-save cycle before a `conflict` is reported instead of retried. */
export const MAX_SAVE_ATTEMPTS = 5;

/**
 * Runs `attempt` (read fresh state, plan, save) until it does not lose an optimistic-concurrency
 * race, at most MAX_SAVE_ATTEMPTS times. `attempt` returns `'conflict'` to be re-run, or its result.
 */
export async function withRetry<T>(attempt: () => Promise<T | 'conflict'>): Promise<T | 'conflict'> {
  for (let i = 1; ; i++) {
    const result = await attempt();
    if (result !== 'conflict' || i >= MAX_SAVE_ATTEMPTS) return result;
    // A short random pause so two writers on the same units do not collide in lockstep again.
    await new Promise((r) => setTimeout(r, Math.random() * 10 * i));
  }
}

export function conflictRefusal(): { ok: false; reason: 'conflict'; message: string } {
  return {
    ok: false,
    reason: 'conflict',
    message: 'the units kept changing while this was being saved; nothing was changed, please try again',
  };
}

type Line = { site: string; group: BloodGroup; component: Component };

/** The stock lines (site, group, component) of units counted as available before or after a change. */
export function stockLines(units: ReadonlyArray<Pick<StoredUnit, 'site' | 'group' | 'component'>>): Line[] {
  const lines = new Map<string, Line>();
  for (const u of units) {
    if (u.group === null) continue;
    lines.set(`${u.site}#${u.group}#${u.component}`, {
      site: u.site,
      group: u.group,
      component: u.component,
    });
  }
  return [...lines.values()];
}

/** Tells shortage detection; a failure there never fails the change that is already committed. */
export async function stockChanged(
  deps: Pick<UnitDeps, 'onStockChange'>,
  reason: StockChange['reason'],
  lines: Line[],
): Promise<void> {
  if (lines.length === 0 || !deps.onStockChange) return;
  try {
    await deps.onStockChange({ reason, lines });
  } catch {
    // The listener contract says it never throws; this guards a committed change all the same.
  }
}

/** Groups `items` into runs of at most `size` (saveChanges takes up to 20 units per call). */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
