/**
 * Use cases: what expires soon (ExpiringUnits, the morning Slack message) and the daily expiry
 * sweep (DOMAIN.md: `available` past expiry → `expired`). Both read the store's expiry index
 * (available units by expiry date), never a Scan.
 * Sweep's primary course: available units whose last day is before today → the domain's `expire`
 * event, 20 per transaction with the counters and audit → a batch that lost a race is re-read and
 * re-applied (a unit issued or discarded meanwhile is simply left) → shortage detection hears of it.
 * Running it twice changes nothing the second time: expired units are no longer in the index.
 */
import * as z from 'zod';
import { todayIn } from '../../clock.js';
import { addDays } from '../../domain/dates.js';
import { isExpired } from '../../domain/shelfLife.js';
import { apply } from '../../domain/unit.js';
import { COMPONENTS } from '../../domain/vocabulary.js';
import type { Actor } from '../../store/port.js';
import type { StoredUnit, UnitChange } from '../../store/unitPort.js';
import {
  chunks,
  MAX_UNITS_PER_SAVE,
  parseInput,
  stockChanged,
  stockLines,
  today,
  type UnitDeps,
  withRetry,
} from './deps.js';

export const expiringUnitsInput = z.object({
  days: z.number().int().min(0).max(60).default(2),
  component: z.enum(COMPONENTS).optional(),
  site: z.string().trim().min(1).optional(),
});
export type ExpiringUnitsInput = z.input<typeof expiringUnitsInput>;

export type ExpiringUnitsResult =
  | {
      ok: true;
      /** Units whose last day is on or before this date. */
      through: string;
      units: StoredUnit[];
      bySite: Array<{ site: string; units: StoredUnit[] }>;
    }
  | { ok: false; reason: 'invalid_input'; message: string };

/** Available units whose last usable day falls within `days` days from today (today included). */
export async function expiringUnits(
  deps: Pick<UnitDeps, 'store' | 'clock'>,
  input: ExpiringUnitsInput = {},
): Promise<ExpiringUnitsResult> {
  const parsed = parseInput(expiringUnitsInput, input);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  const on = today(deps);
  const through = addDays(on, v.days);
  // Units already past expiry but not yet swept are not usable: they are the sweep's, not a warning.
  const units = (await deps.store.expiringUnits(through, v.site)).filter(
    (u) => (v.component === undefined || u.component === v.component) && !isExpired(u.expiresOn, on),
  );
  const sites = [...new Set(units.map((u) => u.site))].sort();
  return {
    ok: true,
    through,
    units,
    bySite: sites.map((site) => ({ site, units: units.filter((u) => u.site === site) })),
  };
}

export const expirySweepInput = z.object({
  now: z.union([z.date(), z.iso.datetime({ offset: true })]).optional(),
});
export type ExpirySweepInput = z.input<typeof expirySweepInput>;

export type ExpirySweepResult =
  | { ok: true; day: string; expired: Array<{ din: string; code: string; site: string }>; left: number }
  | { ok: false; reason: 'invalid_input'; message: string };

export async function expirySweep(
  deps: UnitDeps,
  input: ExpirySweepInput,
  actor: Actor,
): Promise<ExpirySweepResult> {
  const parsed = parseInput(expirySweepInput, input);
  if (!parsed.ok) return parsed;
  const now = parsed.value.now === undefined ? deps.clock.now() : new Date(parsed.value.now);
  const day = todayIn(deps.clock.timeZone, now);
  const due = await deps.store.expiringUnits(addDays(day, -1));
  const expired: StoredUnit[] = [];
  let left = 0;
  for (const batch of chunks(due, MAX_UNITS_PER_SAVE)) {
    let units = batch;
    const done = await withRetry(async () => {
      const changes: UnitChange[] = [];
      for (const unit of units) {
        const next = apply(unit, { type: 'expire' }, day);
        if (next.ok) changes.push({ before: unit, after: next.unit });
      }
      if (changes.length === 0) return [] as StoredUnit[];
      const saved = await deps.store.saveChanges(
        changes,
        {
          action: 'units.expired',
          entityType: 'sweep',
          entityId: day,
          details: { units: changes.map((c) => `${c.before.din}#${c.before.code}`) },
        },
        actor,
      );
      if (saved.ok) return changes.map((c) => c.before);
      // Someone changed one of them: read the batch again and expire what is still available.
      units = (await Promise.all(batch.map((u) => deps.store.unit(u.din, u.code)))).filter(
        (u): u is StoredUnit => u !== null && u.status === 'available',
      );
      return 'conflict' as const;
    });
    if (done === 'conflict') left += units.length;
    else expired.push(...done);
  }
  await stockChanged(deps, 'expiry', stockLines(expired));
  return { ok: true, day, expired: expired.map((u) => ({ din: u.din, code: u.code, site: u.site })), left };
}
