/**
 * Use case: discard units with a reason (DOMAIN.md "Discard reasons"). intent → use case → domain
 * `discard` / `expire` events + store.
 * Primary course: for each DIN, every component (or the one given) → the domain applies the discard
 * (an available unit past expiry discarded as `expired` is marked expired, its proper way out) →
 * a component the machine refuses refuses its whole DIN, which changes nothing, and the reply says
 * which and why → each DIN in its own transaction with its audit entry, re-read on a conflict →
 * shortage detection hears of units that left available stock. Components already discarded for
 * the same reason are reported as such: a repeated discard changes nothing.
 */
import * as z from 'zod';
import { describeDinRejection, parseDin } from '../../domain/dinInput.js';
import { isExpired } from '../../domain/shelfLife.js';
import { apply, type UnitEvent } from '../../domain/unit.js';
import { DISCARD_REASONS, type DiscardReason } from '../../domain/unitVocabulary.js';
import { COMPONENTS } from '../../domain/vocabulary.js';
import type { Actor } from '../../store/port.js';
import type { StoredUnit, UnitChange } from '../../store/unitPort.js';
import {
  MAX_UNITS_PER_SAVE,
  parseInput,
  stockChanged,
  stockLines,
  today,
  type UnitDeps,
  withRetry,
} from './deps.js';

export const discardUnitsInput = z.object({
  dins: z.array(z.string().trim().min(1)).min(1).max(MAX_UNITS_PER_SAVE),
  reason: z.enum(DISCARD_REASONS),
  note: z.string().trim().max(300).optional(),
  component: z.enum(COMPONENTS).optional(),
});
export type DiscardUnitsInput = z.input<typeof discardUnitsInput>;

export type DiscardOutcome =
  | { din: string; outcome: 'discarded'; units: StoredUnit[]; alreadyDiscarded: string[] }
  | { din: string; outcome: 'already_discarded'; codes: string[] }
  | {
      din: string;
      outcome: 'refused';
      reason: 'bad_din' | 'not_found' | 'not_allowed' | 'conflict';
      message: string;
    };

export type DiscardUnitsResult =
  | { ok: true; reason: DiscardReason; results: DiscardOutcome[]; discarded: number }
  | { ok: false; reason: 'invalid_input'; message: string };

function eventFor(unit: StoredUnit, reason: DiscardReason, note: string | undefined, on: string): UnitEvent {
  if (reason === 'expired' && unit.status === 'available' && isExpired(unit.expiresOn, on))
    return { type: 'expire' };
  return { type: 'discard', reason, ...(note ? { note } : {}) };
}

function alreadyDone(unit: StoredUnit, reason: DiscardReason): boolean {
  return (
    (unit.status === 'discarded' && unit.discardReason === reason) ||
    (unit.status === 'expired' && reason === 'expired')
  );
}

async function discardOne(
  deps: UnitDeps,
  din: string,
  v: { reason: DiscardReason; note?: string | undefined; component?: string | undefined },
  on: string,
  actor: Actor,
): Promise<{ result: DiscardOutcome; before: StoredUnit[] }> {
  const done = await withRetry(async () => {
    const units = (await deps.store.unitsOfDonation(din)).filter(
      (u) => v.component === undefined || u.component === v.component,
    );
    if (units.length === 0) {
      return {
        result: { din, outcome: 'refused', reason: 'not_found', message: `no unit ${din}` } as DiscardOutcome,
        before: [],
      };
    }
    const already = units.filter((u) => alreadyDone(u, v.reason));
    const todo = units.filter((u) => !alreadyDone(u, v.reason));
    if (todo.length === 0) {
      return {
        result: { din, outcome: 'already_discarded', codes: already.map((u) => u.code) } as DiscardOutcome,
        before: [],
      };
    }
    const changes: UnitChange[] = [];
    const refusals: string[] = [];
    for (const unit of todo) {
      const next = apply(unit, eventFor(unit, v.reason, v.note, on), on);
      if (next.ok) changes.push({ before: unit, after: next.unit });
      else refusals.push(`${unit.code}: ${next.refusal.message}`);
    }
    if (refusals.length > 0) {
      return {
        result: {
          din,
          outcome: 'refused',
          reason: 'not_allowed',
          message: `${din} not discarded (${refusals.join('; ')}); nothing of it changed`,
        } as DiscardOutcome,
        before: [],
      };
    }
    const saved = await deps.store.saveChanges(
      changes,
      {
        action: 'units.discarded',
        entityType: 'unit',
        entityId: din,
        details: {
          reason: v.reason,
          codes: changes.map((c) => c.before.code),
          ...(v.note ? { note: v.note } : {}),
        },
      },
      actor,
    );
    if (!saved.ok) return 'conflict' as const;
    return {
      result: {
        din,
        outcome: 'discarded',
        units: saved.units,
        alreadyDiscarded: already.map((u) => u.code),
      } as DiscardOutcome,
      before: changes.map((c) => c.before),
    };
  });
  if (done === 'conflict') {
    return {
      result: {
        din,
        outcome: 'refused',
        reason: 'conflict',
        message: `${din} kept changing; nothing of it changed, try again`,
      },
      before: [],
    };
  }
  return done;
}

export async function discardUnits(
  deps: UnitDeps,
  input: DiscardUnitsInput,
  actor: Actor,
): Promise<DiscardUnitsResult> {
  const parsed = parseInput(discardUnitsInput, input);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  if (v.reason === 'other' && !v.note) {
    return {
      ok: false,
      reason: 'invalid_input',
      message: 'a discard for another reason needs a note saying what it was',
    };
  }
  const on = today(deps);
  const results: DiscardOutcome[] = [];
  const left: StoredUnit[] = [];
  const seen = new Set<string>();
  for (const text of v.dins) {
    const read = parseDin(text);
    if (!read.ok) {
      results.push({
        din: text,
        outcome: 'refused',
        reason: 'bad_din',
        message: describeDinRejection(read.reason),
      });
      continue;
    }
    if (seen.has(read.din)) continue;
    seen.add(read.din);
    const one = await discardOne(deps, read.din, v, on, actor);
    results.push(one.result);
    left.push(...one.before.filter((u) => u.status === 'available'));
  }
  await stockChanged(deps, 'discard', stockLines(left));
  const discarded = results.reduce((n, r) => n + (r.outcome === 'discarded' ? r.units.length : 0), 0);
  return { ok: true, reason: v.reason, results, discarded };
}
