/**
 * Use case: units received released from another blood establishment (DOMAIN.md "Receiving").
 * intent / API → use case → domain `receivedUnit` + store.
 * Primary course: every DIN read (any facility) → expired units, a missing group or source refused
 * by the domain → DINs already stored with this component refused one by one (a second receipt of
 * the same units changes nothing) → the rest written available and counted in one transaction →
 * shortage detection hears of it.
 */
import * as z from 'zod';
import { describeDinRejection, parseDin } from '../../domain/dinInput.js';
import { receivedUnit } from '../../domain/unit.js';
import { BLOOD_GROUPS, COMPONENTS } from '../../domain/vocabulary.js';
import type { Actor } from '../../store/port.js';
import type { StoredUnit } from '../../store/unitPort.js';
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

export const receiveUnitsInput = z.object({
  dins: z.array(z.string().trim().min(1)).min(1).max(MAX_UNITS_PER_SAVE),
  group: z.enum(BLOOD_GROUPS),
  component: z.enum(COMPONENTS),
  expiresOn: z.iso.date(),
  source: z.string().trim().min(1).max(120),
  site: z.string().trim().min(1),
});
export type ReceiveUnitsInput = z.input<typeof receiveUnitsInput>;

export type ReceiveRefusal = { din: string; reason: 'bad_din' | 'duplicate'; message: string };

export type ReceiveUnitsResult =
  | { ok: true; received: StoredUnit[]; refused: ReceiveRefusal[] }
  | {
      ok: false;
      reason:
        | 'invalid_input'
        | 'unknown_site'
        | 'expired'
        | 'group_unknown'
        | 'missing_detail'
        | 'nothing_to_receive'
        | 'conflict';
      message: string;
      refused?: ReceiveRefusal[];
    };

export async function receiveUnits(
  deps: UnitDeps,
  input: ReceiveUnitsInput,
  actor: Actor,
): Promise<ReceiveUnitsResult> {
  const parsed = parseInput(receiveUnitsInput, input);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  const on = today(deps);
  const site = await deps.store.site(v.site);
  if (!site) return { ok: false, reason: 'unknown_site', message: `there is no site ${v.site}` };

  const badDins: ReceiveRefusal[] = [];
  const dins: string[] = [];
  for (const text of v.dins) {
    const read = parseDin(text);
    if (!read.ok) badDins.push({ din: text, reason: 'bad_din', message: describeDinRejection(read.reason) });
    else if (!dins.includes(read.din)) dins.push(read.din);
  }
  // Received units carry the component as their code: one pack per DIN and component.
  const code = v.component;
  const made: StoredUnit[] = [];
  for (const din of dins) {
    const unit = receivedUnit(
      { din, code, component: v.component, group: v.group, expiresOn: v.expiresOn, site: site.id },
      v.source,
      on,
    );
    if (!unit.ok) return { ok: false, reason: unit.code, message: unit.message, refused: badDins };
    made.push({ ...unit.unit, collectedOn: on, donorId: null, source: v.source, version: 1 });
  }

  const outcome = await withRetry(async () => {
    const existing = await Promise.all(made.map((u) => deps.store.unit(u.din, u.code)));
    const fresh = made.filter((_, i) => !existing[i]);
    const duplicates: ReceiveRefusal[] = made
      .filter((_, i) => existing[i])
      .map((u) => ({ din: u.din, reason: 'duplicate', message: `${u.din} is already in the records` }));
    if (fresh.length === 0) return { received: [] as StoredUnit[], duplicates };
    const saved = await deps.store.receiveUnits(fresh, actor);
    // `duplicate` here means another receipt won a DIN between the read and the write: read again.
    if (!saved.ok) return 'conflict';
    return { received: saved.units, duplicates };
  });
  if (outcome === 'conflict') return conflictRefusal();
  const refused = [...badDins, ...outcome.duplicates];
  if (outcome.received.length === 0) {
    return {
      ok: false,
      reason: 'nothing_to_receive',
      message: 'none of these units could be received',
      refused,
    };
  }
  await stockChanged(deps, 'receipt', stockLines(outcome.received));
  return { ok: true, received: outcome.received, refused };
}
