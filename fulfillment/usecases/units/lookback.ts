/**
 * Use case: HIV / HCV lookback (21 CFR 610.46 / 610.47; DOMAIN.md "Reactive"), run by
 * recordTestResults after a reactive screen and on its own for a donor or a DIN. intent / use case →
 * domain `lookback` + store.
 * Primary course: read the donor's donations (newest first, no Scan) → the domain finds the window
 * from screens and dates alone → only the donations in the window have their components read (one
 * Query each, so a donor with 100 donations costs the window, not the history) → held, in-date
 * components are quarantined with a lookback hold (recall), 20 per transaction, each re-read on a
 * conflict → those issued are listed with hospital and date → the run is audited and staff are told.
 * A repeat changes nothing: a component already held by this lookback is skipped.
 */
import * as z from 'zod';
import { describeDinRejection, parseDin } from '../../domain/dinInput.js';
import {
  type LookbackDonation,
  type LookbackResult,
  lookback as lookbackWindow,
} from '../../domain/lookback.js';
import { apply } from '../../domain/unit.js';
import type { Marker } from '../../domain/unitVocabulary.js';
import type { Component } from '../../domain/vocabulary.js';
import type { Actor } from '../../store/port.js';
import type { DonationRecord, StoredUnit, UnitChange } from '../../store/unitPort.js';
import {
  chunks,
  MAX_UNITS_PER_SAVE,
  parseInput,
  stockChanged,
  stockLines,
  today,
  type UnitDeps,
  withRetry,
} from './deps.js';
import { type LookbackNotice, lookbackText } from './notice.js';

export interface LookbackOutcome {
  indexDin: string;
  markers: Marker[];
  result: LookbackResult;
  /** Components put into quarantine by this run (not those already held by it before). */
  quarantinedNow: Array<{ din: string; code: string; component: Component }>;
  /** Components the machine would not hold (e.g. an available unit past expiry), with why. */
  notHeld: Array<{ din: string; code: string; message: string }>;
  notice: LookbackNotice;
  /** False when staff could not be told (no channel configured or it failed): say so in the reply. */
  staffNotified: boolean;
}

type Held = { din: string; code: string; component: Component };

/** Quarantines one batch of components with the lookback hold, re-reading them after a conflict. */
async function holdBatch(
  deps: UnitDeps,
  batch: LookbackResult['toQuarantine'],
  indexDin: string,
  on: string,
  actor: Actor,
): Promise<{ held: Held[]; notHeld: LookbackOutcome['notHeld']; before: StoredUnit[] } | 'conflict'> {
  return withRetry(async () => {
    const fresh = await Promise.all(batch.map((q) => deps.store.unit(q.din, q.code)));
    const changes: UnitChange[] = [];
    const notHeld: LookbackOutcome['notHeld'] = [];
    batch.forEach((q, i) => {
      const unit = fresh[i];
      if (!unit) {
        notHeld.push({ din: q.din, code: q.code, message: 'not found' });
        return;
      }
      const next = apply(unit, q.event, on);
      if (next.ok) changes.push({ before: unit, after: next.unit });
      else if (next.refusal.code !== 'already_held')
        notHeld.push({ din: q.din, code: q.code, message: next.refusal.message });
    });
    if (changes.length === 0) return { held: [], notHeld, before: [] };
    const outcome = await deps.store.saveChanges(
      changes,
      {
        action: 'unit.lookback_hold',
        entityType: 'donation',
        entityId: indexDin,
        details: { units: changes.map((c) => `${c.before.din}#${c.before.code}`) },
      },
      actor,
    );
    if (!outcome.ok) return 'conflict';
    return {
      held: changes.map((c) => ({ din: c.before.din, code: c.before.code, component: c.before.component })),
      notHeld,
      before: changes.map((c) => c.before),
    };
  });
}

/**
 * Runs the lookback of one reactive donation of one donor. `markers` are the reactive ones that
 * call for it. Throws only when the store does (a conflict that outlasts the retries is reported in
 * `notHeld`, so a rerun finishes the job).
 */
export async function runLookback(
  deps: UnitDeps,
  donorId: string,
  index: { din: string; markers: Marker[]; startBy: string | null },
  actor: Actor,
): Promise<LookbackOutcome> {
  const on = today(deps);
  const donations = await deps.store.donationsOfDonor(donorId);
  const asLookback = (d: DonationRecord, components: LookbackDonation['components']): LookbackDonation => ({
    din: d.din,
    collectedOn: d.collectedOn,
    screens: d.screens,
    components,
  });
  // The window depends on dates and screens only: find it before reading any component.
  const window = lookbackWindow({
    donations: donations.map((d) => asLookback(d, [])),
    index: { din: index.din, reactive: index.markers },
    on,
    policy: deps.policy,
  });
  const inWindow = donations.filter((d) => window.donations.includes(d.din));
  const unitsByDin = new Map(
    await Promise.all(inWindow.map(async (d) => [d.din, await deps.store.unitsOfDonation(d.din)] as const)),
  );
  const result = lookbackWindow({
    donations: donations.map((d) => asLookback(d, unitsByDin.get(d.din) ?? [])),
    index: { din: index.din, reactive: index.markers },
    on,
    policy: deps.policy,
  });

  const quarantinedNow: Held[] = [];
  const notHeld: LookbackOutcome['notHeld'] = [];
  const wereAvailable: StoredUnit[] = [];
  for (const batch of chunks(result.toQuarantine, MAX_UNITS_PER_SAVE)) {
    const done = await holdBatch(deps, batch, index.din, on, actor);
    if (done === 'conflict') {
      for (const q of batch)
        notHeld.push({
          din: q.din,
          code: q.code,
          message: 'changed while being held: run the lookback again',
        });
      continue;
    }
    quarantinedNow.push(...done.held);
    notHeld.push(...done.notHeld);
    wereAvailable.push(...done.before.filter((u) => u.status === 'available'));
  }

  const facts = {
    indexDin: index.din,
    markers: index.markers,
    startBy: index.startBy,
    windowFrom: result.windowFrom,
    windowTo: result.windowTo,
    quarantined: result.toQuarantine.map(({ din, code, component }) => ({ din, code, component })),
    issued: result.issued,
  };
  const notice: LookbackNotice = { kind: 'lookback', ...facts, text: lookbackText(facts) };
  await deps.store.appendAudit(actor, {
    action: 'lookback.run',
    entityType: 'donation',
    entityId: index.din,
    details: {
      markers: index.markers,
      windowFrom: result.windowFrom,
      windowTo: result.windowTo,
      donations: result.donations,
      quarantinedNow: quarantinedNow.map((u) => `${u.din}#${u.code}`),
      notHeld: notHeld.map((u) => `${u.din}#${u.code}`),
      issued: result.issued.map((u) => ({
        unit: `${u.din}#${u.code}`,
        consignee: u.consignee,
        issuedOn: u.issuedOn,
      })),
    },
  });
  let staffNotified = false;
  if (deps.notify) {
    try {
      await deps.notify.notifyUnits(notice);
      staffNotified = true;
    } catch {
      // The holds and the audit entry stand; the reply says staff were not told.
    }
  }
  await stockChanged(deps, 'recall', stockLines(wereAvailable));
  return {
    indexDin: index.din,
    markers: index.markers,
    result,
    quarantinedNow,
    notHeld,
    notice,
    staffNotified,
  };
}

export const lookbackInput = z.union([
  z.object({ donorId: z.string().trim().min(1) }).strict(),
  z.object({ din: z.string().trim().min(1) }).strict(),
]);
export type LookbackInput = z.input<typeof lookbackInput>;

export type LookbackUseCaseResult =
  | ({ ok: true } & LookbackOutcome)
  | { ok: false; reason: 'invalid_input' | 'bad_din' | 'not_found' | 'nothing_reactive'; message: string };

function reactiveMarkers(d: DonationRecord): Marker[] {
  return (Object.keys(d.screens) as Marker[]).filter((m) => d.screens[m] === 'reactive');
}

/**
 * A lookback asked for by staff: from a DIN (that donation) or a donor (their most recent donation
 * with a reactive screen). The policy's lookback markers among the reactive ones, or every reactive
 * marker when none of them is one (a manual lookback staff chose to run).
 */
export async function lookback(
  deps: UnitDeps,
  input: LookbackInput,
  actor: Actor,
): Promise<LookbackUseCaseResult> {
  const parsed = parseInput(lookbackInput, input);
  if (!parsed.ok) return parsed;
  let index: DonationRecord | undefined;
  if ('din' in parsed.value) {
    const read = parseDin(parsed.value.din);
    if (!read.ok) return { ok: false, reason: 'bad_din', message: describeDinRejection(read.reason) };
    index = (await deps.store.donation(read.din)) ?? undefined;
    if (!index) return { ok: false, reason: 'not_found', message: `no donation ${read.din} is recorded` };
  } else {
    const donations = await deps.store.donationsOfDonor(parsed.value.donorId);
    if (donations.length === 0)
      return { ok: false, reason: 'not_found', message: 'this donor has no recorded donation' };
    index = donations.find((d) => reactiveMarkers(d).length > 0);
    if (!index)
      return {
        ok: false,
        reason: 'nothing_reactive',
        message: 'none of this donor’s donations has a reactive screen',
      };
  }
  const reactive = reactiveMarkers(index);
  if (reactive.length === 0) {
    return { ok: false, reason: 'nothing_reactive', message: `donation ${index.din} has no reactive screen` };
  }
  const required = reactive.filter((m) => deps.policy.lookback.markers.includes(m));
  const outcome = await runLookback(
    deps,
    index.donorId,
    { din: index.din, markers: required.length > 0 ? required : reactive, startBy: null },
    actor,
  );
  return { ok: true, ...outcome };
}
