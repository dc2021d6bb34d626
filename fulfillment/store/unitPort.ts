/**
 * The unit store port (issue 14, UNIT-SPEC.md section 1): donations, the units made from them and
 * every transition of a unit, each written in ONE transaction with its stock counters, its history,
 * the activity counters the reports read and an append-only audit entry. Nothing here scans.
 *
 * Changes from UNIT-SPEC.md section 1 (meaning kept):
 * - `SaveOutcome`'s success carries what was written (`units` with their new versions, and the
 *   donation when one was saved), so a use case can chain a second change without reading again.
 * - `receiveUnits` replaces InventoryStore's old `receiveUnits(UnitRecord[])`: every unit is a
 *   per-component item now (DIN + code). A new StoredUnit is `{ ...collectedUnit(..) or
 *   receivedUnit(..).unit, collectedOn, donorId, source, version: 1 }`.
 * - `activityCounts` returns flat rows (`ActivityCount`); issues are counted per hospital AND
 *   component (the wastage rate's denominator), and an `expire` counts as a discard with reason
 *   `expired` (wastage counts expired units).
 * - `issuesByHospital` rows carry `requestId` (null outside allocation) for the distribution record.
 * - `UnitChange.after` may be a StoredUnit too; only its Unit fields are used, `version` is
 *   always `before.version + 1`. The same holds for the donation's `after.version`.
 */
import type { Unit } from '../domain/unit.js';
import type {
  DiscardReason,
  DonationOutcome,
  Marker,
  TestResult,
  UnitStatus,
} from '../domain/unitVocabulary.js';
import type { BloodGroup, Component, DonationType } from '../domain/vocabulary.js';
import type { Actor } from './port.js';

/** A unit as stored: the domain Unit (status, holds, consignee, discard reason, history) plus what the store needs. */
export interface StoredUnit extends Unit {
  /** YYYY-MM-DD (received units: the day received). */
  collectedOn: string;
  /** null for units received from another establishment. */
  donorId: string | null;
  /** Establishment it came from, for received units. */
  source: string | null;
  /** Optimistic concurrency: every save is conditional on it; a new unit is version 1. */
  version: number;
}

export type DonationState = 'awaiting_results' | 'released' | 'unsafe' | 'no_components';

export interface DonationRecord {
  din: string;
  donorId: string;
  donationType: DonationType;
  site: string;
  /** ISO instant. */
  collectedAt: string;
  /** YYYY-MM-DD. */
  collectedOn: string;
  outcome: DonationOutcome;
  /** Component codes made from it (empty when deferred or incomplete). */
  codes: string[];
  screens: Partial<Record<Marker, TestResult>>;
  testedGroup: BloodGroup | null;
  state: DonationState;
  /** A new donation is version 1. */
  version: number;
}

/** `after` = domain apply(before, event, on) (one or more events); `before` is what was read. */
export interface UnitChange {
  before: StoredUnit;
  after: Unit;
}

export type SaveOutcome =
  | { ok: true; units: StoredUnit[]; donation?: DonationRecord }
  | { ok: false; reason: 'conflict' | 'duplicate' };

/** What the audit entry of a change says (non-personal facts only). */
export interface AuditNote {
  action: string;
  entityType: string;
  entityId: string;
  details: Record<string, unknown>;
}

export interface IssueRecord {
  day: string;
  /** The consignee: the hospital, or the request id when the request named none. */
  hospital: string;
  din: string;
  code: string;
  component: Component;
  group: BloodGroup;
  requestId: string | null;
}

export type ActivityCount =
  | { day: string; activity: 'collections'; site: string; count: number }
  | { day: string; activity: 'discards'; reason: DiscardReason; component: Component; count: number }
  | { day: string; activity: 'issues'; hospital: string; component: Component; count: number };

/** At most this many units in one saveChanges (DynamoDB's 100 items per transaction, with room). */
export const MAX_UNITS_PER_SAVE = 20;

export interface UnitStore {
  /**
   * Records a donation: the donation item (conditional on the DIN being new, else `duplicate`), the
   * donor's DONATION# item in their partition (eligibility reads it), every unit (quarantined: no
   * counter change) with its history, the day's collection counter, and the audit entry.
   */
  recordDonation(donation: DonationRecord, units: StoredUnit[], actor: Actor): Promise<SaveOutcome>;
  donation(din: string): Promise<DonationRecord | null>;
  /** A donor's recorded donations, newest first (a Query of their partition, no Scan). */
  donationsOfDonor(donorId: string): Promise<DonationRecord[]>;
  /** Every component of a DIN with its history, in one Query; [] when none. */
  unitsOfDonation(din: string): Promise<StoredUnit[]>;
  unit(din: string, code: string): Promise<StoredUnit | null>;
  /**
   * The single door for transitions: each change conditional on `before.version` (any mismatch fails
   * the whole transaction: `conflict`); new history entries, the FEFO index (only while available),
   * the status/site index, stock counters by the difference, issue records and activity counters,
   * and optionally the donation (conditional on its version). At most MAX_UNITS_PER_SAVE units.
   */
  saveChanges(
    changes: UnitChange[],
    audit: AuditNote,
    actor: Actor,
    donation?: { before: DonationRecord; after: DonationRecord },
  ): Promise<SaveOutcome>;
  /**
   * Units received released from another establishment (available, counted), in one transaction;
   * `duplicate` when any DIN + code is already stored (nothing is written then).
   */
  receiveUnits(units: StoredUnit[], actor: Actor): Promise<SaveOutcome>;
  /** Units in one status (e.g. the quarantine queue), earliest expiry first; every site unless given. */
  unitsByStatus(status: UnitStatus, site?: string, limit?: number): Promise<StoredUnit[]>;
  /** Available units expiring on or before `before` (YYYY-MM-DD), earliest first. */
  expiringUnits(before: string, site?: string): Promise<StoredUnit[]>;
  /** Every unit issued from `fromDay` to `toDay` (inclusive), by day. */
  issuesByHospital(fromDay: string, toDay: string): Promise<IssueRecord[]>;
  /** Per-day counters from `fromDay` to `toDay` (inclusive), kept in the same transactions as the changes. */
  activityCounts(fromDay: string, toDay: string): Promise<ActivityCount[]>;
}
