/**
 * Release of a donation from quarantine (DOMAIN.md "Release", "Reactive"; 21 CFR 610.40, 630.40,
 * 610.46 / 610.47). A donation is released only when every marker of the policy's panel is
 * nonreactive and its ABO/RhD is determined and agrees with the donor's record. Any reactive screen
 * makes the whole donation unsafe, whatever else is missing.
 */
import { addDays, assertCalendarDate } from './dates.js';
import type { Policy } from './policy.js';
import { type ApplyResult, apply, type Unit } from './unit.js';
import type { Marker, TestResult } from './unitVocabulary.js';
import type { BloodGroup } from './vocabulary.js';

export interface ReleaseInput {
  policy: Policy;
  /** This donation's screens; a marker absent here has no result yet. */
  results: Partial<Record<Marker, TestResult>>;
  /** Markers this donor was already nonreactive for on an earlier donation (T. cruzi is tested once). */
  donorNonreactiveBefore: readonly Marker[];
  /** ABO/RhD found on this donation; null = not determined yet. */
  testedGroup: BloodGroup | null;
  /** The group on the donor's record; null for a first-time donor, whose group comes from this test. */
  recordGroup: BloodGroup | null;
  /** The day the results are recorded: the lookback clock starts here. */
  on: string;
}

export type ReleaseDecision =
  | { outcome: 'release'; group: BloodGroup; setsDonorGroup: boolean }
  | {
      outcome: 'quarantine';
      missing: Marker[];
      group: 'not_determined' | 'discrepancy' | 'agrees';
      tested: BloodGroup | null;
      record: BloodGroup | null;
    }
  | {
      outcome: 'unsafe';
      reactive: Marker[];
      /** Every component of the donation, never released. */
      discardReason: 'reactive_test';
      /** Indefinite, pending confirmatory testing. */
      deferral: 'indefinite';
      /** 21 CFR 630.40: the donor is told; the marker is not named in their own answers. */
      notifyDonor: true;
      lookback: { required: false } | { required: true; markers: Marker[]; startBy: string };
    };

/** Markers this donation still needs before release, in the policy's order. */
export function requiredMarkers(policy: Policy, donorNonreactiveBefore: readonly Marker[]): Marker[] {
  return [
    ...policy.testPanel.everyDonation,
    ...policy.testPanel.oncePerDonor.filter((m) => !donorNonreactiveBefore.includes(m)),
  ];
}

export function decideRelease(input: ReleaseInput): ReleaseDecision {
  assertCalendarDate(input.on);
  const reactive = (Object.keys(input.results) as Marker[]).filter((m) => input.results[m] === 'reactive');
  if (reactive.length > 0) {
    const lookbackMarkers = reactive.filter((m) => input.policy.lookback.markers.includes(m));
    return {
      outcome: 'unsafe',
      reactive,
      discardReason: 'reactive_test',
      deferral: 'indefinite',
      notifyDonor: true,
      lookback:
        lookbackMarkers.length > 0
          ? {
              required: true,
              markers: lookbackMarkers,
              startBy: addDays(input.on, input.policy.lookback.startWithinDays),
            }
          : { required: false },
    };
  }
  const missing = requiredMarkers(input.policy, input.donorNonreactiveBefore).filter(
    (m) => input.results[m] !== 'negative',
  );
  const { testedGroup: tested, recordGroup: record } = input;
  const group =
    tested === null ? 'not_determined' : record !== null && record !== tested ? 'discrepancy' : 'agrees';
  if (missing.length > 0 || group !== 'agrees' || tested === null) {
    return { outcome: 'quarantine', missing, group, tested, record };
  }
  return { outcome: 'release', group: tested, setsDonorGroup: record === null };
}

/**
 * The events a decision means for the donation's units: release them all, or discard them all
 * `reactive_test`. A unit the machine refuses (already discarded, on hold) is reported, not forced.
 */
export function applyDecision(
  decision: ReleaseDecision,
  units: readonly Unit[],
  on: string,
): Array<{ unit: Unit; result: ApplyResult }> {
  if (decision.outcome === 'quarantine') return [];
  return units.map((unit) => ({
    unit,
    result:
      decision.outcome === 'release'
        ? apply(unit, { type: 'release', group: decision.group }, on)
        : apply(unit, { type: 'discard', reason: 'reactive_test' }, on),
  }));
}
