import { describe, expect, it } from 'vitest';
import {
  apply,
  collectedUnit,
  isAllocatable,
  type NewUnit,
  receivedUnit,
  replay,
  type Unit,
  type UnitEvent,
  type UnitRefusalCode,
} from '../../../fulfillment/domain/unit.js';
import { UNIT_STATUSES, type UnitStatus } from '../../../fulfillment/domain/unitVocabulary.js';

const RED_CELLS: NewUnit = {
  din: 'W123426000081',
  code: 'red_cells',
  component: 'red_cells',
  group: 'O+',
  expiresOn: '2026-02-12',
  site: 'central',
};
const IN_DATE = '2026-01-10';
const PAST_EXPIRY = '2026-02-13';

function ok(unit: Unit, event: UnitEvent, on = IN_DATE): Unit {
  const result = apply(unit, event, on);
  if (!result.ok) throw new Error(`setup refused: ${result.refusal.message}`);
  return result.unit;
}

/** A unit brought to `status` through the machine itself, on 2026-01-02. */
function unitIn(status: UnitStatus, on = '2026-01-02'): Unit {
  const q = collectedUnit(RED_CELLS, '2026-01-01');
  if (status === 'quarantined') return q;
  const available = ok(q, { type: 'release', group: 'O+' }, on);
  if (status === 'available') return available;
  if (status === 'expired') return ok(available, { type: 'expire' }, PAST_EXPIRY);
  if (status === 'discarded') return ok(available, { type: 'discard', reason: 'damaged' }, on);
  const allocated = ok(available, { type: 'issue', consignee: "St Mary's Hospital" }, on);
  if (status === 'allocated') return allocated;
  return ok(allocated, { type: 'return' }, on);
}

const EVENTS: Record<UnitEvent['type'], UnitEvent> = {
  release: { type: 'release', group: 'O+' },
  issue: { type: 'issue', consignee: "St Mary's Hospital" },
  return: { type: 'return' },
  restock: { type: 'restock' },
  discard: { type: 'discard', reason: 'failed_inspection' },
  expire: { type: 'expire' },
  recall: { type: 'recall', hold: { kind: 'recall', ref: 'R-1' } },
  lift_hold: { type: 'lift_hold', ref: 'R-1' },
  transfer: { type: 'transfer', toSite: 'northside' },
};

// DOMAIN.md "The life of a unit", in date: the only transitions; every other pair is refused.
const IN_DATE_TRANSITIONS: Partial<Record<UnitStatus, Partial<Record<UnitEvent['type'], UnitStatus>>>> = {
  quarantined: { release: 'available', discard: 'discarded', recall: 'quarantined' },
  available: { issue: 'allocated', discard: 'discarded', recall: 'quarantined', transfer: 'available' },
  allocated: { return: 'returned', discard: 'discarded' },
  returned: { restock: 'available', discard: 'discarded', recall: 'quarantined' },
};
// Past expiry: only these; notably an expired unit is never released, issued or put back into stock.
const PAST_EXPIRY_TRANSITIONS: Partial<Record<UnitStatus, Partial<Record<UnitEvent['type'], UnitStatus>>>> = {
  quarantined: { discard: 'discarded', recall: 'quarantined' },
  available: { expire: 'expired' },
  allocated: { return: 'returned' },
  returned: { discard: 'discarded', recall: 'quarantined' },
};

const matrix = (table: typeof IN_DATE_TRANSITIONS) =>
  UNIT_STATUSES.flatMap((status) =>
    (Object.keys(EVENTS) as Array<UnitEvent['type']>).map(
      (type) => [status, type, table[status]?.[type] ?? null] as const,
    ),
  );

describe('apply: the transition table', () => {
  it.each(matrix(IN_DATE_TRANSITIONS))('in date, %s --%s--> %s', (status, type, expected) => {
    // Prepare
    const unit = unitIn(status);
    // Act
    const result = apply(unit, EVENTS[type], IN_DATE);
    // Assess
    expect(result.ok ? result.unit.status : null).toBe(expected);
  });

  it.each(matrix(PAST_EXPIRY_TRANSITIONS))('past expiry, %s --%s--> %s', (status, type, expected) => {
    // Prepare
    const unit = unitIn(status);
    // Act
    const result = apply(unit, EVENTS[type], PAST_EXPIRY);
    // Assess
    expect(result.ok ? result.unit.status : null).toBe(expected);
  });
});

describe('apply: refusals say why', () => {
  it.each<[UnitStatus, UnitEvent, string, UnitRefusalCode, string]>([
    ['quarantined', EVENTS.release, PAST_EXPIRY, 'expired', 'expired units cannot be released'],
    ['quarantined', EVENTS.issue, IN_DATE, 'not_available', 'only available units can be issued'],
    ['available', EVENTS.issue, PAST_EXPIRY, 'expired', 'expired units cannot be issued'],
    ['expired', EVENTS.issue, PAST_EXPIRY, 'final', 'expired units cannot change'],
    ['discarded', EVENTS.release, IN_DATE, 'final', 'discarded units cannot change'],
    ['available', EVENTS.release, IN_DATE, 'not_quarantined', 'only quarantined units can be released'],
    ['available', EVENTS.return, IN_DATE, 'not_allocated', 'only issued units can be returned'],
    ['available', EVENTS.restock, IN_DATE, 'not_returned', 'only returned units can go back into stock'],
    ['returned', EVENTS.restock, PAST_EXPIRY, 'expired', 'expired units cannot go back into stock'],
    ['available', EVENTS.expire, IN_DATE, 'not_expired', 'the unit is in date until 2026-02-12'],
    [
      'available',
      EVENTS.discard,
      PAST_EXPIRY,
      'expired',
      'an available unit past its expiry is marked expired',
    ],
    [
      'allocated',
      EVENTS.recall,
      IN_DATE,
      'issued_cannot_be_recalled',
      'issued units are traced through their hospital',
    ],
    ['available', { type: 'discard', reason: 'other' }, IN_DATE, 'note_required', 'needs a note'],
    ['available', { type: 'discard', reason: 'other', note: '  ' }, IN_DATE, 'note_required', 'needs a note'],
    ['available', { type: 'transfer', toSite: 'central' }, IN_DATE, 'same_site', 'already at central'],
    ['available', { type: 'issue', consignee: ' ' }, IN_DATE, 'missing_detail', 'hospital or request'],
    [
      'quarantined',
      { type: 'release', group: 'A+' },
      IN_DATE,
      'group_discrepancy',
      'tested A+ but labelled O+',
    ],
    ['quarantined', EVENTS.lift_hold, IN_DATE, 'no_such_hold', 'no hold R-1'],
    ['available', EVENTS.issue, '2026-01-01', 'out_of_order', 'the last was on 2026-01-02'],
  ])('%s + %o on %s → %s', (status, event, on, code, message) => {
    // Prepare
    const unit = unitIn(status);
    // Act
    const result = apply(unit, event, on);
    // Assess
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.refusal).toMatchObject({ code, event: event.type, status });
    expect(result.refusal.message).toContain(message);
  });

  it('never changes the unit it is given', () => {
    // Prepare
    const unit = unitIn('available');
    const before = structuredClone(unit);
    // Act
    apply(unit, EVENTS.issue, IN_DATE);
    apply(unit, EVENTS.discard, IN_DATE);
    // Assess
    expect(unit).toEqual(before);
  });
});

describe('holds (recall and lookback)', () => {
  it('a recalled unit stays in quarantine until every hold is lifted, then can be released', () => {
    // Prepare
    const recalled = ok(unitIn('available'), EVENTS.recall);
    const twice = ok(recalled, { type: 'recall', hold: { kind: 'lookback', ref: 'G123417654321' } });
    // Act
    const whileHeld = apply(twice, EVENTS.release, IN_DATE);
    const oneLifted = ok(twice, EVENTS.lift_hold);
    const stillHeld = apply(oneLifted, EVENTS.release, IN_DATE);
    const released = apply(
      ok(oneLifted, { type: 'lift_hold', ref: 'G123417654321' }),
      EVENTS.release,
      IN_DATE,
    );
    // Assess
    expect(twice).toMatchObject({ status: 'quarantined', holds: [{ ref: 'R-1' }, { ref: 'G123417654321' }] });
    expect(whileHeld).toMatchObject({ ok: false, refusal: { code: 'on_hold' } });
    expect(stillHeld).toMatchObject({ ok: false, refusal: { code: 'on_hold' } });
    expect(released).toMatchObject({ ok: true, unit: { status: 'available', holds: [] } });
  });

  it('the same hold is not put on twice', () => {
    // Prepare
    const recalled = ok(unitIn('quarantined'), EVENTS.recall);
    // Act
    const again = apply(recalled, EVENTS.recall, IN_DATE);
    // Assess
    expect(again).toMatchObject({ ok: false, refusal: { code: 'already_held' } });
  });
});

describe('first-time donor: the group comes from the test', () => {
  it('a unit collected without a group takes the tested group on release and only then is allocatable', () => {
    // Prepare
    const unit = collectedUnit({ ...RED_CELLS, group: null }, '2026-01-01');
    // Act
    const released = ok(unit, { type: 'release', group: 'B-' });
    // Assess
    expect(isAllocatable(unit, IN_DATE)).toBe(false);
    expect(released).toMatchObject({ status: 'available', group: 'B-' });
    expect(isAllocatable(released, IN_DATE)).toBe(true);
  });
});

describe('isAllocatable', () => {
  it.each([
    ['quarantined', IN_DATE, false],
    ['available', IN_DATE, true],
    ['available', '2026-02-12', true], // usable on its expiry day
    ['available', PAST_EXPIRY, false],
    ['allocated', IN_DATE, false],
    ['returned', IN_DATE, false],
    ['discarded', IN_DATE, false],
    ['expired', PAST_EXPIRY, false],
  ] as const)('%s on %s → %s', (status, on, expected) => {
    // Act
    const allocatable = isAllocatable(unitIn(status), on);
    // Assess
    expect(allocatable).toBe(expected);
  });
});

describe('issue and return keep the distribution record', () => {
  it('records the consignee and day, and keeps them after the unit comes back', () => {
    // Act
    const returned = unitIn('returned');
    // Assess
    expect(returned).toMatchObject({
      consignee: "St Mary's Hospital",
      issuedOn: '2026-01-02',
      status: 'returned',
    });
    expect(returned.history.map((h) => [h.from, h.to])).toEqual([
      [null, 'quarantined'],
      ['quarantined', 'available'],
      ['available', 'allocated'],
      ['allocated', 'returned'],
    ]);
  });

  it('a discard keeps its reason and note', () => {
    // Act
    const discarded = ok(unitIn('returned'), {
      type: 'discard',
      reason: 'other',
      note: ' dropped in transit ',
    });
    // Assess
    expect(discarded).toMatchObject({
      status: 'discarded',
      discardReason: 'other',
      discardNote: 'dropped in transit',
    });
  });
});

describe('receivedUnit', () => {
  it.each([
    [RED_CELLS, 'NHSBT Filton', '2026-01-05', { ok: true, unit: { status: 'available', site: 'central' } }],
    [RED_CELLS, 'NHSBT Filton', PAST_EXPIRY, { ok: false, code: 'expired' }],
    [{ ...RED_CELLS, group: null }, 'NHSBT Filton', '2026-01-05', { ok: false, code: 'group_unknown' }],
    [RED_CELLS, ' ', '2026-01-05', { ok: false, code: 'missing_detail' }],
  ])('%o from %j on %s → %o', (unit, source, on, expected) => {
    // Act
    const received = receivedUnit(unit, source, on);
    // Assess
    expect(received).toMatchObject(expected);
  });
});

describe('replay', () => {
  it.each(UNIT_STATUSES)('a %s unit replays from its history to itself', (status) => {
    // Prepare
    const unit = unitIn(status);
    // Act
    const replayed = replay(unit.history);
    // Assess
    expect(replayed).toEqual({ ok: true, unit });
  });

  it.each([
    ['an empty history', []],
    ['a history that does not start with creation', unitIn('available').history.slice(1)],
    [
      'an entry that says a different status',
      unitIn('allocated').history.map((h, i) => (i === 2 ? { ...h, to: 'available' as const } : h)),
    ],
    [
      'an issue of an expired unit',
      [
        ...unitIn('available').history,
        { on: PAST_EXPIRY, event: EVENTS.issue, from: 'available', to: 'allocated' },
      ],
    ],
    ['a second creation', [...unitIn('available').history, unitIn('available').history[0]!]],
  ] as const)('refuses %s', (_what, history) => {
    // Act
    const replayed = replay(history);
    // Assess
    expect(replayed.ok).toBe(false);
  });
});
