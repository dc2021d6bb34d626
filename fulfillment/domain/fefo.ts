/**
 * Allocation planning: which units to issue for a request (DOMAIN.md "An expired unit is never
 * allocatable. Issue is FEFO"). Pure: the store re-checks and reserves the plan in a transaction.
 */
import { type CompatibilityFlag, donorChoices, type Recipient } from './compatibility.js';
import { assertCalendarDate } from './dates.js';
import { InvalidArgumentError } from './errors.js';
import { isExpired } from './shelfLife.js';
import type { BloodGroup, Component } from './vocabulary.js';

export interface CandidateUnit {
  din: string;
  /** The component code within the donation; two codes of one DIN (a double red cell) are two units. */
  code?: string;
  group: BloodGroup;
  component: Component;
  expiresOn: string;
  site: string;
}

export type PlannedUnit = CandidateUnit & { flags: CompatibilityFlag[] };

/**
 * Choose `count` units: by donorChoices rank first ("Prefer ABO-identical, then compatible", so an
 * identical unit wins even over a compatible one expiring sooner), then earliest expiry (FEFO; sorting
 * by unit number is a known bug), then DIN for a stable order. Never an expired unit, another
 * component, or the same DIN twice. `shortBy` is how many units could not be found.
 */
export function planAllocation(input: {
  recipient: Recipient;
  component: Component;
  count: number;
  today: string;
  candidates: CandidateUnit[];
  allowRhPositive?: boolean;
}): { units: PlannedUnit[]; shortBy: number } {
  const { recipient, component, count, today, candidates } = input;
  if (!Number.isInteger(count) || count < 0)
    throw new InvalidArgumentError(`count must be a whole number ≥ 0: ${count}`);
  assertCalendarDate(today);
  const choices = new Map(
    donorChoices(recipient, component, { allowRhPositive: input.allowRhPositive ?? false }).map((c) => [
      c.group,
      c,
    ]),
  );
  const seen = new Set<string>();
  const eligible: Array<{ unit: CandidateUnit; rank: number; flags: CompatibilityFlag[] }> = [];
  for (const unit of candidates) {
    const choice = choices.get(unit.group);
    if (unit.component !== component || choice === undefined) continue;
    const id = `${unit.din}#${unit.code ?? ''}`;
    if (isExpired(unit.expiresOn, today) || seen.has(id)) continue;
    seen.add(id);
    eligible.push({ unit, rank: choice.rank, flags: choice.flags });
  }
  eligible.sort(
    (a, b) =>
      a.rank - b.rank || compare(a.unit.expiresOn, b.unit.expiresOn) || compare(a.unit.din, b.unit.din),
  );
  const units = eligible.slice(0, count).map(({ unit, flags }) => ({ ...unit, flags: [...flags] }));
  return { units, shortBy: count - units.length };
}

/** Code-unit order, independent of locale. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
