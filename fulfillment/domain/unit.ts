/**
 * The life of one unit (DOMAIN.md "The life of a unit"): a status and the events that move it, with
 * only the transitions DOMAIN.md lists. `apply` is the single door: it returns the next unit or a
 * refusal value; nothing else changes a unit's status, so the store can replay a history and get the
 * same answer.
 *
 *   quarantined --release--> available --issue--> allocated --return--> returned --restock--> available
 *   quarantined | available | allocated (in date) | returned --discard--> discarded
 *   available (past expiry) --expire--> expired
 *   quarantined | available | returned --recall--> quarantined (with a hold)
 *
 * `transfer` (site to site) and `lift_hold` change no status. Clinical safety: only `issue` reaches
 * `allocated`, and it starts only from an in-date, available unit with no hold.
 */
import { assertCalendarDate } from './dates.js';
import { isExpired } from './shelfLife.js';
import { type DiscardReason, discardNeedsNote, FINAL_STATUSES, type UnitStatus } from './unitVocabulary.js';
import type { BloodGroup, Component } from './vocabulary.js';

/** Why a unit is held in quarantine beyond its test results: a recall or a lookback, with its reference. */
export interface Hold {
  kind: 'recall' | 'lookback';
  ref: string;
}

export type UnitEvent =
  /** `group` is the group the tests confirmed; for a first-time donor's unit it sets the group. */
  | { type: 'release'; group: BloodGroup }
  | { type: 'issue'; consignee: string }
  | { type: 'return' }
  | { type: 'restock' }
  | { type: 'discard'; reason: DiscardReason; note?: string }
  | { type: 'expire' }
  | { type: 'recall'; hold: Hold }
  | { type: 'lift_hold'; ref: string }
  | { type: 'transfer'; toSite: string };

export type UnitEventType = UnitEvent['type'];

/** How a unit came to exist: collected here (quarantined) or received released from another establishment. */
export type UnitOrigin =
  | { type: 'collect'; unit: NewUnit }
  | { type: 'receive'; source: string; unit: NewUnit };

export interface HistoryEntry {
  on: string;
  event: UnitOrigin | UnitEvent;
  from: UnitStatus | null;
  to: UnitStatus;
}

export interface Unit {
  din: string;
  /** The component code within the donation: `red_cells`, or `red_cells_1` / `red_cells_2` for a split. */
  code: string;
  component: Component;
  /** Unknown until tested for a first-time donor. */
  group: BloodGroup | null;
  expiresOn: string;
  site: string;
  status: UnitStatus;
  holds: readonly Hold[];
  /** Set while `allocated` and kept after a return, for the distribution record (21 CFR 606.165). */
  consignee: string | null;
  issuedOn: string | null;
  discardReason: DiscardReason | null;
  discardNote: string | null;
  history: readonly HistoryEntry[];
}

export type UnitRefusalCode =
  | 'final'
  | 'out_of_order'
  | 'not_quarantined'
  | 'on_hold'
  | 'group_unknown'
  | 'group_discrepancy'
  | 'expired'
  | 'not_available'
  | 'not_allocated'
  | 'not_returned'
  | 'not_expired'
  | 'note_required'
  | 'issued_cannot_be_recalled'
  | 'already_held'
  | 'no_such_hold'
  | 'same_site'
  | 'missing_detail';

export interface UnitRefusal {
  code: UnitRefusalCode;
  event: UnitEventType;
  status: UnitStatus;
  message: string;
}

export type ApplyResult = { ok: true; unit: Unit } | { ok: false; refusal: UnitRefusal };

export interface NewUnit {
  din: string;
  code: string;
  component: Component;
  group: BloodGroup | null;
  expiresOn: string;
  site: string;
}

/** A component just made from a collection: quarantined until its donation is released. */
export function collectedUnit(unit: NewUnit, on: string): Unit {
  return create(unit, on, { type: 'collect', unit: { ...unit } }, 'quarantined');
}

/**
 * A unit received from another blood establishment, already tested and released there. Refused when
 * expired or without a group (DOMAIN.md "Receiving").
 */
export function receivedUnit(
  unit: NewUnit,
  source: string,
  on: string,
):
  | { ok: true; unit: Unit }
  | { ok: false; code: 'expired' | 'group_unknown' | 'missing_detail'; message: string } {
  if (isExpired(unit.expiresOn, on))
    return { ok: false, code: 'expired', message: 'expired units cannot be received' };
  if (unit.group === null) {
    return { ok: false, code: 'group_unknown', message: 'a received unit needs its blood group' };
  }
  if (source.trim() === '')
    return { ok: false, code: 'missing_detail', message: 'say where the units came from' };
  return { ok: true, unit: create(unit, on, { type: 'receive', source, unit: { ...unit } }, 'available') };
}

function create(unit: NewUnit, on: string, origin: UnitOrigin, status: UnitStatus): Unit {
  assertCalendarDate(on);
  assertCalendarDate(unit.expiresOn);
  return {
    ...unit,
    status,
    holds: [],
    consignee: null,
    issuedOn: null,
    discardReason: null,
    discardNote: null,
    history: [{ on, event: origin, from: null, to: status }],
  };
}

/** Whether an issue would be allowed now: the single rule every allocation path must respect. */
export function isAllocatable(unit: Unit, on: string): boolean {
  return (
    unit.status === 'available' &&
    unit.holds.length === 0 &&
    unit.group !== null &&
    !isExpired(unit.expiresOn, on)
  );
}

/** The next unit after `event` on day `on`, or why not. Never mutates `unit`. */
export function apply(unit: Unit, event: UnitEvent, on: string): ApplyResult {
  assertCalendarDate(on);
  const refuse = (code: UnitRefusalCode, message: string): ApplyResult => ({
    ok: false,
    refusal: { code, event: event.type, status: unit.status, message },
  });
  if (FINAL_STATUSES.includes(unit.status)) return refuse('final', `${unit.status} units cannot change`);
  const last = unit.history[unit.history.length - 1];
  if (last && on < last.on)
    return refuse('out_of_order', `events are recorded in order: the last was on ${last.on}`);
  const expired = isExpired(unit.expiresOn, on);
  const next = (to: UnitStatus, changes: Partial<Unit> = {}): ApplyResult => ({
    ok: true,
    unit: {
      ...unit,
      ...changes,
      status: to,
      history: [...unit.history, { on, event, from: unit.status, to }],
    },
  });

  switch (event.type) {
    case 'release':
      if (unit.status !== 'quarantined')
        return refuse('not_quarantined', 'only quarantined units can be released');
      if (unit.holds.length > 0)
        return refuse('on_hold', 'a unit on hold cannot be released until the hold is lifted');
      if (expired) return refuse('expired', 'expired units cannot be released');
      if (unit.group !== null && unit.group !== event.group) {
        return refuse(
          'group_discrepancy',
          `tested ${event.group} but labelled ${unit.group}: keep in quarantine`,
        );
      }
      return next('available', { group: event.group });
    case 'issue':
      if (unit.status !== 'available') return refuse('not_available', 'only available units can be issued');
      if (expired) return refuse('expired', 'expired units cannot be issued');
      if (unit.holds.length > 0 || unit.group === null) {
        return refuse('on_hold', 'a unit on hold or without a blood group cannot be issued');
      }
      if (event.consignee.trim() === '')
        return refuse('missing_detail', 'an issue needs the hospital or request');
      return next('allocated', { consignee: event.consignee, issuedOn: on });
    case 'return':
      if (unit.status !== 'allocated') return refuse('not_allocated', 'only issued units can be returned');
      return next('returned');
    case 'restock':
      if (unit.status !== 'returned')
        return refuse('not_returned', 'only returned units can go back into stock');
      if (expired) return refuse('expired', 'expired units cannot go back into stock');
      return next('available');
    case 'discard':
      if (discardNeedsNote(event.reason) && (event.note ?? '').trim() === '') {
        return refuse('note_required', 'a discard for another reason needs a note saying what it was');
      }
      // DOMAIN.md: "any in-date unit → discarded". A quarantined unit has no other way out once it is
      // past expiry (it can be neither released nor expired), and a returned one may always be discarded.
      if ((unit.status === 'available' || unit.status === 'allocated') && expired) {
        return refuse(
          'expired',
          unit.status === 'available'
            ? 'an available unit past its expiry is marked expired'
            : 'expired units cannot be discarded while issued; return them first',
        );
      }
      return next('discarded', { discardReason: event.reason, discardNote: event.note?.trim() || null });
    case 'expire':
      if (unit.status !== 'available') return refuse('not_available', 'only available units expire');
      if (!expired) return refuse('not_expired', `the unit is in date until ${unit.expiresOn}`);
      return next('expired');
    case 'recall':
      if (unit.status === 'allocated') {
        return refuse(
          'issued_cannot_be_recalled',
          'issued units are traced through their hospital, not quarantined',
        );
      }
      if (unit.status === 'available' && expired)
        return refuse('expired', 'an available unit past its expiry is marked expired');
      if (unit.holds.some((h) => h.ref === event.hold.ref))
        return refuse('already_held', `already held by ${event.hold.ref}`);
      if (event.hold.ref.trim() === '') return refuse('missing_detail', 'a hold needs a reference');
      return next('quarantined', { holds: [...unit.holds, event.hold] });
    case 'lift_hold':
      if (!unit.holds.some((h) => h.ref === event.ref))
        return refuse('no_such_hold', `no hold ${event.ref} on this unit`);
      return next(unit.status, { holds: unit.holds.filter((h) => h.ref !== event.ref) });
    case 'transfer':
      if (unit.status !== 'available')
        return refuse('not_available', 'only available units can be transferred');
      if (expired) return refuse('expired', 'expired units cannot be transferred');
      if (event.toSite === unit.site) return refuse('same_site', `the unit is already at ${unit.site}`);
      if (event.toSite.trim() === '') return refuse('missing_detail', 'a transfer needs the site it goes to');
      return next('available', { site: event.toSite });
  }
}

/**
 * Rebuilds a unit from its history alone: the first entry creates it, every later entry is applied
 * again and must land where it says. A history the machine refuses is an error value, so a corrupted
 * record cannot pass as a unit.
 */
export function replay(
  history: readonly HistoryEntry[],
): { ok: true; unit: Unit } | { ok: false; message: string } {
  const [first, ...rest] = history;
  if (!first || first.from !== null || (first.event.type !== 'collect' && first.event.type !== 'receive')) {
    return { ok: false, message: 'a history starts with the unit being collected or received' };
  }
  let unit: Unit;
  if (first.event.type === 'collect') unit = collectedUnit(first.event.unit, first.on);
  else {
    const received = receivedUnit(first.event.unit, first.event.source, first.on);
    if (!received.ok) return { ok: false, message: received.message };
    unit = received.unit;
  }
  for (const entry of rest) {
    if (entry.event.type === 'collect' || entry.event.type === 'receive') {
      return { ok: false, message: `entry on ${entry.on}: a unit is created once` };
    }
    const result = apply(unit, entry.event, entry.on);
    if (!result.ok) return { ok: false, message: `entry on ${entry.on}: ${result.refusal.message}` };
    if (entry.from !== unit.status || entry.to !== result.unit.status) {
      return {
        ok: false,
        message: `entry on ${entry.on} says ${entry.from} → ${entry.to}, the machine says otherwise`,
      };
    }
    unit = result.unit;
  }
  return { ok: true, unit };
}
