import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../../fulfillment/domain/dates.js';
import { isExpired } from '../../../fulfillment/domain/shelfLife.js';
import {
  apply,
  collectedUnit,
  isAllocatable,
  type NewUnit,
  receivedUnit,
  replay,
  type Unit,
  type UnitEvent,
} from '../../../fulfillment/domain/unit.js';
import {
  DISCARD_REASONS,
  FINAL_STATUSES,
  type UnitStatus,
} from '../../../fulfillment/domain/unitVocabulary.js';
import { BLOOD_GROUPS, COMPONENTS } from '../../../fulfillment/domain/vocabulary.js';

// Every (from, to) pair DOMAIN.md allows, including the status-keeping ones (transfer, hold changes).
const ALLOWED = new Set([
  'quarantined→available',
  'available→allocated',
  'allocated→returned',
  'returned→available',
  'quarantined→discarded',
  'available→discarded',
  'allocated→discarded',
  'returned→discarded',
  'available→expired',
  'quarantined→quarantined',
  'available→quarantined',
  'returned→quarantined',
  'available→available',
]);

const START = '2026-01-01';
const SITES = ['central', 'northside', 'southside'] as const;
const REFS = ['R-1', 'R-2', 'G123417654321'] as const;

const eventArb: fc.Arbitrary<UnitEvent> = fc.oneof(
  fc.constantFrom(...BLOOD_GROUPS).map((group) => ({ type: 'release' as const, group })),
  fc
    .constantFrom("St Mary's Hospital", 'General', '')
    .map((consignee) => ({ type: 'issue' as const, consignee })),
  fc.constant({ type: 'return' as const }),
  fc.constant({ type: 'restock' as const }),
  fc
    .tuple(
      fc.constantFrom(...DISCARD_REASONS),
      fc.option(fc.constantFrom('bag split', ''), { nil: undefined }),
    )
    .map(([reason, note]) => ({ type: 'discard' as const, reason, ...(note === undefined ? {} : { note }) })),
  fc.constant({ type: 'expire' as const }),
  fc
    .tuple(fc.constantFrom('recall' as const, 'lookback' as const), fc.constantFrom(...REFS))
    .map(([kind, ref]) => ({ type: 'recall' as const, hold: { kind, ref } })),
  fc.constantFrom(...REFS).map((ref) => ({ type: 'lift_hold' as const, ref })),
  fc.constantFrom(...SITES).map((toSite) => ({ type: 'transfer' as const, toSite })),
);

// Steps of 0–10 days, and now and then a step backwards, which the machine must refuse.
const stepArb = fc.record({
  event: eventArb,
  days: fc.oneof(fc.integer({ min: 0, max: 10 }), fc.constant(-1)),
});

const newUnitArb: fc.Arbitrary<NewUnit> = fc.record({
  din: fc.constantFrom('W123426000081', 'G123417654321'),
  code: fc.constant('unit'),
  component: fc.constantFrom(...COMPONENTS),
  group: fc.option(fc.constantFrom(...BLOOD_GROUPS), { nil: null }),
  expiresOn: fc.integer({ min: 0, max: 60 }).map((d) => addDays(START, d)),
  site: fc.constantFrom(...SITES),
});

const originArb = fc.constantFrom('collect' as const, 'receive' as const);

function start(origin: 'collect' | 'receive', unit: NewUnit): Unit | null {
  if (origin === 'collect') return collectedUnit(unit, START);
  const received = receivedUnit(unit, 'another establishment', START);
  return received.ok ? received.unit : null;
}

/** Runs the steps, calling `check(before, event, on, result)` after each one. */
function run(
  origin: 'collect' | 'receive',
  newUnit: NewUnit,
  steps: Array<{ event: UnitEvent; days: number }>,
  check: (before: Unit, event: UnitEvent, on: string, after: Unit | null) => void,
): Unit | null {
  let unit = start(origin, newUnit);
  if (unit === null) return null;
  let on = START;
  for (const { event, days } of steps) {
    on = addDays(on, days);
    const result = apply(unit, event, on);
    check(unit, event, on, result.ok ? result.unit : null);
    if (result.ok) unit = result.unit;
  }
  return unit;
}

const runs = fc.tuple(originArb, newUnitArb, fc.array(stepArb, { maxLength: 40 }));
const PARAMS = { numRuns: 1_000 };

describe('unit state machine properties (random event sequences)', () => {
  it('never takes a transition DOMAIN.md does not list', () => {
    fc.assert(
      fc.property(runs, ([origin, newUnit, steps]) => {
        run(origin, newUnit, steps, (before, _event, _on, after) => {
          if (after) expect(ALLOWED).toContain(`${before.status}→${after.status}`);
        });
      }),
      PARAMS,
    );
  });

  it('never allocates an expired, quarantined, held or ungrouped unit', () => {
    fc.assert(
      fc.property(runs, ([origin, newUnit, steps]) => {
        run(origin, newUnit, steps, (before, _event, on, after) => {
          if (after?.status !== 'allocated' || before.status === 'allocated') return;
          expect(before.status).toBe('available');
          expect(isExpired(before.expiresOn, on)).toBe(false);
          expect(before.holds).toEqual([]);
          expect(before.group).not.toBeNull();
          expect(isAllocatable(before, on)).toBe(true);
        });
      }),
      PARAMS,
    );
  });

  it('every unit replays from its history to exactly itself', () => {
    fc.assert(
      fc.property(runs, ([origin, newUnit, steps]) => {
        const unit = run(origin, newUnit, steps, () => {});
        if (unit === null) return;
        expect(replay(unit.history)).toEqual({ ok: true, unit });
        expect(unit.history.at(-1)?.to).toBe(unit.status);
      }),
      PARAMS,
    );
  });

  it('keeps its invariants after every step', () => {
    fc.assert(
      fc.property(runs, ([origin, newUnit, steps]) => {
        run(origin, newUnit, steps, (before, _event, on, after) => {
          // Final statuses are final; a refused event changes nothing (the unit is a value).
          if (FINAL_STATUSES.includes(before.status)) expect(after).toBeNull();
          if (!after) return;
          const status: UnitStatus = after.status;
          if (after.holds.length > 0) expect(['quarantined', 'discarded']).toContain(status);
          if (status === 'available') expect(isExpired(after.expiresOn, on)).toBe(false);
          if (status === 'expired') expect(isExpired(after.expiresOn, on)).toBe(true);
          if (status === 'allocated') expect(after.consignee).not.toBe('');
          if (status === 'discarded') {
            expect(after.discardReason).not.toBeNull();
            if (after.discardReason === 'other') expect(after.discardNote).not.toBeNull();
          }
          expect(after.history).toHaveLength(before.history.length + 1);
          expect(after.history.slice(0, -1)).toEqual(before.history);
        });
      }),
      PARAMS,
    );
  });

  it('the generated sequences reach every status, so the properties above are not vacuous', () => {
    // Prepare
    const reached = new Set<UnitStatus>();
    // Act
    for (const [origin, newUnit, steps] of fc.sample(runs, { numRuns: 1_000, seed: 14 })) {
      run(origin, newUnit, steps, (_before, _event, _on, after) => {
        if (after) reached.add(after.status);
      });
    }
    // Assess
    expect([...reached].sort()).toEqual([
      'allocated',
      'available',
      'discarded',
      'expired',
      'quarantined',
      'returned',
    ]);
  });
});
