/**
 * Use case: move available units between the service's own sites (DOMAIN.md "Transfers").
 * intent → use case → domain `transfer` event + store. Never issues anything: the units stay
 * `available`, only their site changes, and the counters leave one site and join the other in the
 * same transaction.
 * Primary course: the DINs given (every available component of each at the source site, or the
 * component given), or else a FEFO pick of `units` of a group and component at the source site →
 * fewer than asked, or any DIN that cannot move, refuses the whole transfer and changes nothing →
 * one transaction → shortage detection hears of both sites. A conflict re-picks (bounded).
 */
import * as z from 'zod';
import { describeDinRejection, parseDin } from '../../domain/dinInput.js';
import { apply } from '../../domain/unit.js';
import { UNIT_STATUS_LABEL } from '../../domain/unitVocabulary.js';
import { BLOOD_GROUPS, COMPONENT_LABEL, COMPONENTS } from '../../domain/vocabulary.js';
import type { Actor } from '../../store/port.js';
import type { StoredUnit, UnitChange } from '../../store/unitPort.js';
import {
  conflictRefusal,
  MAX_UNITS_PER_SAVE,
  parseInput,
  stockChanged,
  stockLines,
  today,
  type UnitDeps,
  withRetry,
} from './deps.js';

export const transferUnitsInput = z
  .object({
    units: z.number().int().min(1).max(MAX_UNITS_PER_SAVE).optional(),
    group: z.enum(BLOOD_GROUPS).optional(),
    component: z.enum(COMPONENTS).optional(),
    dins: z.array(z.string().trim().min(1)).min(1).max(MAX_UNITS_PER_SAVE).optional(),
    fromSite: z.string().trim().min(1),
    toSite: z.string().trim().min(1),
  })
  .refine((v) => v.dins !== undefined || (v.units !== undefined && v.group !== undefined), {
    message: 'say which units: their DINs, or how many of which blood group',
  });
export type TransferUnitsInput = z.input<typeof transferUnitsInput>;

export type TransferUnitsResult =
  | { ok: true; moved: StoredUnit[]; fromSite: string; toSite: string }
  | {
      ok: false;
      reason:
        | 'invalid_input'
        | 'unknown_site'
        | 'same_site'
        | 'bad_din'
        | 'not_enough'
        | 'not_movable'
        | 'conflict';
      message: string;
      /** not_enough: how many could have moved. */
      available?: number;
      /** not_movable / bad_din: each DIN that cannot move, with why. */
      refused?: Array<{ din: string; message: string }>;
    };

type Picked = { units: StoredUnit[] } | Exclude<TransferUnitsResult, { ok: true }>;

async function pickByDin(
  deps: UnitDeps,
  dins: string[],
  component: string | undefined,
  from: string,
): Promise<Picked> {
  const all = await Promise.all(dins.map((din) => deps.store.unitsOfDonation(din)));
  const units: StoredUnit[] = [];
  const refused: Array<{ din: string; message: string }> = [];
  dins.forEach((din, i) => {
    const mine = (all[i] ?? []).filter((u) => component === undefined || u.component === component);
    const movable = mine.filter((u) => u.status === 'available' && u.site === from);
    if (movable.length > 0) units.push(...movable);
    else if (mine.length === 0) refused.push({ din, message: 'no such unit' });
    else {
      const u = mine[0] as StoredUnit;
      refused.push({
        din,
        message: u.site !== from ? `it is at ${u.site}, not ${from}` : `it is ${UNIT_STATUS_LABEL[u.status]}`,
      });
    }
  });
  if (refused.length > 0) {
    return {
      ok: false,
      reason: 'not_movable',
      message: 'some units cannot be moved; nothing was moved',
      refused,
    };
  }
  if (units.length > MAX_UNITS_PER_SAVE) {
    return {
      ok: false,
      reason: 'invalid_input',
      message: `at most ${MAX_UNITS_PER_SAVE} units in one transfer`,
    };
  }
  return { units };
}

async function pickFefo(
  deps: UnitDeps,
  v: {
    units: number;
    group: NonNullable<TransferUnitsInput['group']>;
    component: NonNullable<TransferUnitsInput['component']>;
  },
  from: string,
  on: string,
): Promise<Picked> {
  // The FEFO index holds only available units, first-expiring first, from today on.
  // A few more than asked: a unit read here may be taken before it is read again below.
  const records = await deps.store.availableUnits(from, v.group, v.component, v.units + 2, on);
  const units = (await Promise.all(records.map((r) => deps.store.unit(r.din, r.code)))).filter(
    (u): u is StoredUnit => u !== null && u.status === 'available' && u.holds.length === 0,
  );
  if (units.length < v.units) {
    return {
      ok: false,
      reason: 'not_enough',
      available: units.length,
      message: `only ${units.length} ${v.group} ${COMPONENT_LABEL[v.component]} available at ${from}; nothing was moved`,
    };
  }
  return { units: units.slice(0, v.units) };
}

export async function transferUnits(
  deps: UnitDeps,
  input: TransferUnitsInput,
  actor: Actor,
): Promise<TransferUnitsResult> {
  const parsed = parseInput(transferUnitsInput, input);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  if (v.fromSite === v.toSite)
    return { ok: false, reason: 'same_site', message: 'the units are already there' };
  const [from, to] = await Promise.all([deps.store.site(v.fromSite), deps.store.site(v.toSite)]);
  if (!from || !to)
    return { ok: false, reason: 'unknown_site', message: `there is no site ${from ? v.toSite : v.fromSite}` };
  const on = today(deps);

  let dins: string[] | null = null;
  if (v.dins) {
    dins = [];
    const bad: Array<{ din: string; message: string }> = [];
    for (const text of v.dins) {
      const read = parseDin(text);
      if (!read.ok) bad.push({ din: text, message: describeDinRejection(read.reason) });
      else if (!dins.includes(read.din)) dins.push(read.din);
    }
    if (bad.length > 0)
      return { ok: false, reason: 'bad_din', message: 'some DINs could not be read', refused: bad };
  }

  const result = await withRetry<TransferUnitsResult>(async () => {
    const picked = dins
      ? await pickByDin(deps, dins, v.component, from.id)
      : await pickFefo(
          deps,
          {
            units: v.units as number,
            group: v.group as NonNullable<typeof v.group>,
            component: v.component ?? 'red_cells',
          },
          from.id,
          on,
        );
    if (!('units' in picked)) return picked;
    const changes: UnitChange[] = [];
    for (const unit of picked.units) {
      const next = apply(unit, { type: 'transfer', toSite: to.id }, on);
      if (!next.ok) {
        return {
          ok: false,
          reason: 'not_movable',
          message: `${unit.din} cannot be moved: ${next.refusal.message}; nothing was moved`,
          refused: [{ din: unit.din, message: next.refusal.message }],
        };
      }
      changes.push({ before: unit, after: next.unit });
    }
    const saved = await deps.store.saveChanges(
      changes,
      {
        action: 'units.transferred',
        entityType: 'site',
        entityId: from.id,
        details: { toSite: to.id, units: changes.map((c) => `${c.before.din}#${c.before.code}`) },
      },
      actor,
    );
    if (!saved.ok) return 'conflict';
    return { ok: true, moved: saved.units, fromSite: from.id, toSite: to.id };
  });
  if (result === 'conflict') return conflictRefusal();
  if (result.ok) {
    await stockChanged(
      deps,
      'transfer',
      stockLines([...result.moved, ...result.moved.map((u) => ({ ...u, site: from.id }))]),
    );
  }
  return result;
}
