/**
 * Use case: a donation's test results (DOMAIN.md "Release", "Reactive"; 21 CFR 610.40, 630.40).
 * intent / lab file → use case → domain `decideRelease` + store.
 * Primary course: merge the new screens and ABO/RhD into the donation's → the domain decides with
 * the policy's panel and the markers this donor was already nonreactive for on earlier donations:
 * - release: every component `available` and counted (a first-time donor's group from the test),
 *   donation and units in one transaction; shortage detection hears of it;
 * - still quarantined: the results are kept and the reply says what is missing;
 * - unsafe: every component discarded `reactive_test` in one transaction, then the donor deferred
 *   indefinitely and, for HIV / HCV, the lookback run (held components quarantined, issued ones
 *   listed, staff told), all audited.
 * A conflict re-reads and re-applies (bounded). The same results twice change nothing; a repeat on
 * an unsafe donation finishes what an interrupted run left undone (the deferral, the lookback).
 */
import * as z from 'zod';
import { describeDinRejection, parseDin } from '../../domain/dinInput.js';
import { applyDecision, decideRelease, type ReleaseDecision } from '../../domain/release.js';
import { MARKER_LABEL, MARKERS, type Marker, TEST_RESULTS } from '../../domain/unitVocabulary.js';
import { BLOOD_GROUPS, type BloodGroup } from '../../domain/vocabulary.js';
import type { Actor } from '../../store/port.js';
import type { DonationRecord, StoredUnit, UnitChange } from '../../store/unitPort.js';
import { INDEFINITE_DEFERRAL_UNTIL, isIndefiniteDeferral } from '../donorEligibility.js';
import {
  conflictRefusal,
  parseInput,
  stockChanged,
  stockLines,
  today,
  type UnitDeps,
  withRetry,
} from './deps.js';
import { type LookbackOutcome, runLookback } from './lookback.js';

export const recordTestResultsInput = z.object({
  din: z.string().trim().min(1),
  results: z.partialRecord(z.enum(MARKERS), z.enum(TEST_RESULTS)).default({}),
  testedGroup: z.enum(BLOOD_GROUPS).optional(),
});
export type RecordTestResultsInput = z.input<typeof recordTestResultsInput>;

/** What the donor's file says about the deferral (staff-facing; the donor is never told the marker). */
export const REACTIVE_DEFERRAL_REASON = 'reactive screen, pending confirmatory testing';

export type RecordTestResultsResult =
  | {
      ok: true;
      outcome: 'released';
      donation: DonationRecord;
      released: StoredUnit[];
      /** Components the machine kept back (e.g. on a recall hold), with why. */
      kept: Array<{ code: string; message: string }>;
      setsDonorGroup: boolean;
      /** True when the donation had been released before: nothing changed now. */
      already: boolean;
      message: string;
    }
  | {
      ok: true;
      outcome: 'quarantined';
      donation: DonationRecord;
      missing: Marker[];
      group: 'not_determined' | 'discrepancy' | 'agrees';
      tested: BloodGroup | null;
      record: BloodGroup | null;
      message: string;
    }
  | {
      ok: true;
      outcome: 'unsafe';
      donation: DonationRecord;
      reactive: Marker[];
      discarded: StoredUnit[];
      donorDeferred: true;
      /** null when no reactive marker calls for one (e.g. syphilis alone). */
      lookback: LookbackOutcome | null;
      already: boolean;
      message: string;
    }
  | {
      ok: false;
      reason: 'invalid_input' | 'bad_din' | 'not_found' | 'no_components' | 'already_released' | 'conflict';
      message: string;
    };

function quarantineMessage(d: Extract<ReleaseDecision, { outcome: 'quarantine' }>): string {
  const parts: string[] = [];
  if (d.missing.length > 0)
    parts.push(`no result yet for ${d.missing.map((m) => MARKER_LABEL[m]).join(', ')}`);
  if (d.group === 'not_determined') parts.push('ABO/RhD not determined yet');
  if (d.group === 'discrepancy') parts.push(`tested ${d.tested} but the donor's record says ${d.record}`);
  return `Still in quarantine: ${parts.join('; ')}.`;
}

function reactiveOf(d: DonationRecord): Marker[] {
  return (Object.keys(d.screens) as Marker[]).filter((m) => d.screens[m] === 'reactive');
}

/** Markers this donor was nonreactive for on any other donation (T. cruzi is tested once per donor). */
function nonreactiveBefore(others: DonationRecord[]): Marker[] {
  const found = new Set<Marker>();
  for (const d of others) for (const m of MARKERS) if (d.screens[m] === 'negative') found.add(m);
  return [...found];
}

type Planned =
  | {
      kind: 'quarantine';
      donation: DonationRecord;
      decision: Extract<ReleaseDecision, { outcome: 'quarantine' }>;
    }
  | {
      kind: 'release';
      donation: DonationRecord;
      released: StoredUnit[];
      kept: Array<{ code: string; message: string }>;
      setsDonorGroup: boolean;
    }
  | { kind: 'unsafe'; donation: DonationRecord; discarded: StoredUnit[] }
  | { kind: 'refused'; reason: 'not_found' | 'no_components' | 'already_released'; message: string }
  | { kind: 'already_released'; donation: DonationRecord; released: StoredUnit[] }
  | { kind: 'already_unsafe'; donation: DonationRecord; discarded: StoredUnit[] };

async function applyOnce(
  deps: UnitDeps,
  din: string,
  results: Partial<Record<Marker, 'negative' | 'reactive'>>,
  testedGroup: BloodGroup | undefined,
  on: string,
  actor: Actor,
): Promise<Planned | 'conflict'> {
  const { store } = deps;
  const donation = await store.donation(din);
  if (!donation) return { kind: 'refused', reason: 'not_found', message: `no donation ${din} is recorded` };
  if (donation.state === 'no_components') {
    return {
      kind: 'refused',
      reason: 'no_components',
      message: `donation ${din} made no components to test`,
    };
  }
  const newlyReactive = (Object.keys(results) as Marker[]).some((m) => results[m] === 'reactive');
  if (donation.state === 'released') {
    if (newlyReactive) {
      return {
        kind: 'refused',
        reason: 'already_released',
        message: `donation ${din} was already released: recall its units and run a lookback instead`,
      };
    }
    const units = await store.unitsOfDonation(din);
    return { kind: 'already_released', donation, released: units };
  }
  if (donation.state === 'unsafe') {
    const units = await store.unitsOfDonation(din);
    return { kind: 'already_unsafe', donation, discarded: units };
  }

  const [file, history] = await Promise.all([
    store.donorFile(donation.donorId),
    store.donationsOfDonor(donation.donorId),
  ]);
  const recordGroup = file && file.profile.bloodGroup !== 'unknown' ? file.profile.bloodGroup : null;
  const screens = { ...donation.screens, ...results };
  const tested = testedGroup ?? donation.testedGroup;
  const decision = decideRelease({
    policy: deps.policy,
    results: screens,
    donorNonreactiveBefore: nonreactiveBefore(history.filter((d) => d.din !== din)),
    testedGroup: tested,
    recordGroup,
    on,
  });
  const updated = { ...donation, screens, testedGroup: tested, version: donation.version + 1 };

  if (decision.outcome === 'quarantine') {
    const unchanged =
      JSON.stringify(screens) === JSON.stringify(donation.screens) && tested === donation.testedGroup;
    if (unchanged) return { kind: 'quarantine', donation, decision };
    const outcome = await store.saveChanges(
      [],
      {
        action: 'donation.results_recorded',
        entityType: 'donation',
        entityId: din,
        details: { results: Object.keys(results), missing: decision.missing, group: decision.group },
      },
      actor,
      { before: donation, after: updated },
    );
    if (!outcome.ok) return 'conflict';
    return { kind: 'quarantine', donation: outcome.donation ?? updated, decision };
  }

  const units = await store.unitsOfDonation(din);
  const applied = applyDecision(decision, units, on);
  const changes: UnitChange[] = [];
  const kept: Array<{ code: string; message: string }> = [];
  applied.forEach(({ result }, i) => {
    const before = units[i] as StoredUnit;
    if (result.ok) changes.push({ before, after: result.unit });
    // A component already discarded (damaged at processing) stays as it is; nothing else is forced.
    else if (result.refusal.code !== 'final')
      kept.push({ code: before.code, message: result.refusal.message });
  });
  const after: DonationRecord = { ...updated, state: decision.outcome === 'release' ? 'released' : 'unsafe' };
  const outcome = await store.saveChanges(
    changes,
    decision.outcome === 'release'
      ? {
          action: 'donation.released',
          entityType: 'donation',
          entityId: din,
          details: {
            group: decision.group,
            units: changes.map((c) => c.before.code),
            kept: kept.map((k) => k.code),
          },
        }
      : {
          action: 'donation.unsafe',
          entityType: 'donation',
          entityId: din,
          // The marker is in the audit for staff and inspectors; never in anything the donor reads.
          details: {
            reactive: decision.reactive,
            discarded: changes.map((c) => c.before.code),
            reason: 'reactive_test',
          },
        },
    actor,
    { before: donation, after },
  );
  if (!outcome.ok) return 'conflict';
  const savedDonation = outcome.donation ?? after;
  if (decision.outcome === 'release') {
    return {
      kind: 'release',
      donation: savedDonation,
      released: outcome.units.filter((u) => u.status === 'available'),
      kept,
      setsDonorGroup: decision.setsDonorGroup,
    };
  }
  return { kind: 'unsafe', donation: savedDonation, discarded: outcome.units };
}

/** The indefinite deferral, once: a repeat finds it on the donor's file and adds nothing. */
async function deferDonor(deps: UnitDeps, donorId: string, actor: Actor): Promise<void> {
  const file = await deps.store.donorFile(donorId);
  if (!file || file.deferrals.some(isIndefiniteDeferral)) return;
  await deps.store.addDeferral(
    donorId,
    { until: INDEFINITE_DEFERRAL_UNTIL, reason: REACTIVE_DEFERRAL_REASON },
    actor,
  );
}

async function lookbackAlreadyRun(deps: UnitDeps, din: string): Promise<boolean> {
  const entries = await deps.store.auditByEntity('donation', din);
  return entries.some((e) => e.action === 'lookback.run');
}

export async function recordTestResults(
  deps: UnitDeps,
  input: RecordTestResultsInput,
  actor: Actor,
): Promise<RecordTestResultsResult> {
  const parsed = parseInput(recordTestResultsInput, input);
  if (!parsed.ok) return parsed;
  const read = parseDin(parsed.value.din);
  if (!read.ok) return { ok: false, reason: 'bad_din', message: describeDinRejection(read.reason) };
  const din = read.din;
  const on = today(deps);
  const planned = await withRetry(() =>
    applyOnce(deps, din, parsed.value.results, parsed.value.testedGroup, on, actor),
  );
  if (planned === 'conflict') return conflictRefusal();

  switch (planned.kind) {
    case 'refused':
      return { ok: false, reason: planned.reason, message: planned.message };
    case 'quarantine':
      return {
        ok: true,
        outcome: 'quarantined',
        donation: planned.donation,
        missing: planned.decision.missing,
        group: planned.decision.group,
        tested: planned.decision.tested,
        record: planned.decision.record,
        message: quarantineMessage(planned.decision),
      };
    case 'already_released':
    case 'release': {
      const released =
        planned.kind === 'release'
          ? planned.released
          : planned.released.filter((u) => u.status === 'available');
      if (planned.kind === 'release') {
        // A first-time donor's group comes from this test: their record (and appeals) use it from now on.
        if (planned.setsDonorGroup)
          await deps.store.setBloodGroup(
            planned.donation.donorId,
            planned.donation.testedGroup as BloodGroup,
            actor,
          );
        await stockChanged(deps, 'release', stockLines(released));
      }
      return {
        ok: true,
        outcome: 'released',
        donation: planned.donation,
        released,
        kept: planned.kind === 'release' ? planned.kept : [],
        setsDonorGroup: planned.kind === 'release' && planned.setsDonorGroup,
        already: planned.kind === 'already_released',
        message:
          planned.kind === 'release'
            ? `Released ${released.length} component${released.length === 1 ? '' : 's'} of ${din}.`
            : `Donation ${din} was already released; nothing changed.`,
      };
    }
    case 'unsafe':
    case 'already_unsafe': {
      const donation = planned.donation;
      const reactive = reactiveOf(donation);
      await deferDonor(deps, donation.donorId, actor);
      const markers = reactive.filter((m) => deps.policy.lookback.markers.includes(m));
      let outcome: LookbackOutcome | null = null;
      if (markers.length > 0 && (planned.kind === 'unsafe' || !(await lookbackAlreadyRun(deps, din)))) {
        const decision = decideRelease({
          policy: deps.policy,
          results: donation.screens,
          donorNonreactiveBefore: [],
          testedGroup: null,
          recordGroup: null,
          on,
        });
        const startBy =
          decision.outcome === 'unsafe' && decision.lookback.required ? decision.lookback.startBy : null;
        outcome = await runLookback(deps, donation.donorId, { din, markers, startBy }, actor);
      }
      return {
        ok: true,
        outcome: 'unsafe',
        donation,
        reactive,
        discarded: planned.discarded.filter((u) => u.status === 'discarded'),
        donorDeferred: true,
        lookback: outcome,
        already: planned.kind === 'already_unsafe',
        message:
          planned.kind === 'unsafe'
            ? `Donation ${din} is unsafe: every component discarded (reactive test), the donor deferred.`
            : `Donation ${din} was already recorded unsafe; nothing more changed.`,
      };
    }
  }
}
