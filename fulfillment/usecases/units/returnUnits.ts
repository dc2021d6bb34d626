/**
 * Use case: a unit comes back from a hospital (DOMAIN.md "Returns"). intent → use case → domain
 * `assessReturn` + `return` / `restock` / `discard` events + store.
 * Primary course: find the issued component of the DIN → the domain judges it (unopened, in date,
 * out of controlled storage no longer than the policy allows, or a validated transport box) → back
 * into stock, or discarded `returned_out_of_storage`, in one transaction with its audit entry →
 * shortage detection hears of a restock. A second return of the same unit finds it no longer issued
 * and changes nothing.
 */
import * as z from 'zod';
import { describeDinRejection, parseDin } from '../../domain/dinInput.js';
import { assessReturn, type ReturnDecision } from '../../domain/returns.js';
import { apply } from '../../domain/unit.js';
import { UNIT_STATUS_LABEL } from '../../domain/unitVocabulary.js';
import type { Actor } from '../../store/port.js';
import type { StoredUnit } from '../../store/unitPort.js';
import {
  conflictRefusal,
  parseInput,
  stockChanged,
  stockLines,
  today,
  type UnitDeps,
  withRetry,
} from './deps.js';

export const returnUnitsInput = z.object({
  din: z.string().trim().min(1),
  code: z.string().trim().min(1).optional(),
  hospital: z.string().trim().min(1).max(120).optional(),
  minutesOut: z.number().min(0).max(100_000).optional(),
  /** Sealed unless staff say it was opened: a spiked or opened pack is what they report. */
  unopened: z.boolean().default(true),
  transportBox: z.object({ validated: z.boolean(), record: z.string().trim().max(120) }).optional(),
});
export type ReturnUnitsInput = z.input<typeof returnUnitsInput>;

export type ReturnUnitsResult =
  | {
      ok: true;
      outcome: 'restocked' | 'discarded';
      unit: StoredUnit;
      decision: ReturnDecision;
      consignee: string | null;
    }
  | {
      ok: false;
      reason: 'invalid_input' | 'bad_din' | 'not_found' | 'not_issued' | 'ambiguous' | 'refused' | 'conflict';
      message: string;
    };

export async function returnUnits(
  deps: UnitDeps,
  input: ReturnUnitsInput,
  actor: Actor,
): Promise<ReturnUnitsResult> {
  const parsed = parseInput(returnUnitsInput, input);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  const read = parseDin(v.din);
  if (!read.ok) return { ok: false, reason: 'bad_din', message: describeDinRejection(read.reason) };
  const on = today(deps);

  const result = await withRetry<ReturnUnitsResult>(async () => {
    const all = (await deps.store.unitsOfDonation(read.din)).filter(
      (u) => v.code === undefined || u.code === v.code,
    );
    if (all.length === 0)
      return { ok: false, reason: 'not_found', message: `no unit ${read.din}${v.code ? ` ${v.code}` : ''}` };
    const issued = all.filter((u) => u.status === 'allocated');
    if (issued.length === 0) {
      const states = [...new Set(all.map((u) => UNIT_STATUS_LABEL[u.status]))].join(', ');
      return {
        ok: false,
        reason: 'not_issued',
        message: `${read.din} is not issued (it is ${states}); nothing changed`,
      };
    }
    if (issued.length > 1) {
      return {
        ok: false,
        reason: 'ambiguous',
        message: `${read.din} has ${issued.length} issued components (${issued.map((u) => u.code).join(', ')}): say which`,
      };
    }
    const unit = issued[0] as StoredUnit;
    const decision = assessReturn(
      {
        component: unit.component,
        expiresOn: unit.expiresOn,
        on,
        unopened: v.unopened,
        ...(v.minutesOut !== undefined ? { minutesOut: v.minutesOut } : {}),
        ...(v.transportBox ? { transportBox: v.transportBox } : {}),
      },
      deps.policy,
    );
    const back = apply(unit, { type: 'return' }, on);
    const next = back.ok
      ? apply(
          back.unit,
          decision.accept ? { type: 'restock' } : { type: 'discard', reason: decision.discardReason },
          on,
        )
      : back;
    if (!next.ok) return { ok: false, reason: 'refused', message: next.refusal.message };
    const saved = await deps.store.saveChanges(
      [{ before: unit, after: next.unit }],
      {
        action: decision.accept ? 'unit.returned_to_stock' : 'unit.returned_discarded',
        entityType: 'unit',
        entityId: `${unit.din}#${unit.code}`,
        details: {
          consignee: unit.consignee,
          hospital: v.hospital ?? null,
          minutesOut: v.minutesOut ?? null,
          unopened: v.unopened,
          ...(decision.accept ? { basis: decision.basis } : { problems: decision.problems }),
        },
      },
      actor,
    );
    if (!saved.ok) return 'conflict';
    return {
      ok: true,
      outcome: decision.accept ? 'restocked' : 'discarded',
      unit: saved.units[0] ?? { ...unit, ...next.unit },
      decision,
      consignee: unit.consignee,
    };
  });
  if (result === 'conflict') return conflictRefusal();
  if (result.ok && result.outcome === 'restocked')
    await stockChanged(deps, 'return', stockLines([result.unit]));
  return result;
}
