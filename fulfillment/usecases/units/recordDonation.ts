/**
 * Use case: record a donation at the session (DOMAIN.md "Collection"). intent / API → use case →
 * domain (parseDin, produceComponents, collectedUnit) + store.
 * Primary course: the donor exists and is not deferred → the DIN is read as printed or scanned (the
 * check character verified when given) → a completed donation makes its components with the
 * policy's shelf lives, every one `quarantined` and not counted → donation, the donor's history,
 * the units and the audit entry are written in one transaction; the same DIN twice is refused and
 * changes nothing.
 * Other outcomes: `deferred` at screening records the deferral (reason, end date) on the donor and
 * makes no components (no blood was taken; a DIN given is kept on record, outside the donor's
 * donation intervals); `incomplete` and `adverse_reaction` record the donation
 * (it counts in the donor's history: blood was taken) but make no components, since DOMAIN.md
 * creates components only for a completed donation.
 */
import * as z from 'zod';
import { produceComponents } from '../../domain/components.js';
import { describeDinRejection, parseDin } from '../../domain/dinInput.js';
import { collectedUnit } from '../../domain/unit.js';
import { DONATION_OUTCOMES } from '../../domain/unitVocabulary.js';
import { DONATION_TYPES } from '../../domain/vocabulary.js';
import type { Actor, DeferralItem } from '../../store/port.js';
import type { DonationRecord, StoredUnit } from '../../store/unitPort.js';
import { INDEFINITE_DEFERRAL_UNTIL } from '../donorEligibility.js';
import { parseInput, today, type UnitDeps } from './deps.js';

const day = z.iso.date();

export const recordDonationInput = z.object({
  donorId: z.string().trim().min(1),
  /** Raw text as printed or scanned; not needed when the donor was deferred before any blood was taken. */
  din: z.string().trim().min(1).optional(),
  donationType: z.enum(DONATION_TYPES).default('whole_blood'),
  outcome: z.enum(DONATION_OUTCOMES).default('completed'),
  site: z.string().trim().min(1),
  deferral: z.object({ reason: z.string().trim().min(1).max(200), until: day }).optional(),
  /** Whole blood only: also make platelets or cryo, or keep it whole. */
  processing: z
    .object({
      keepWhole: z.boolean().optional(),
      platelets: z.boolean().optional(),
      cryo: z.boolean().optional(),
    })
    .optional(),
});
export type RecordDonationInput = z.input<typeof recordDonationInput>;

export type RecordDonationResult =
  | { ok: true; outcome: 'collected'; donation: DonationRecord; units: StoredUnit[] }
  | { ok: true; outcome: 'no_components'; donation: DonationRecord; units: [] }
  | { ok: true; outcome: 'deferred'; donation: DonationRecord | null; units: []; deferral: DeferralItem }
  | {
      ok: false;
      reason:
        | 'invalid_input'
        | 'bad_din'
        | 'duplicate'
        | 'donor_not_found'
        | 'donor_deferred'
        | 'unknown_site'
        | 'missing_deferral';
      message: string;
    };

function donationRecord(
  v: z.output<typeof recordDonationInput>,
  din: string,
  site: string,
  on: string,
  now: Date,
  state: DonationRecord['state'],
  codes: string[],
): DonationRecord {
  return {
    din,
    donorId: v.donorId,
    donationType: v.donationType,
    site,
    collectedAt: now.toISOString(),
    collectedOn: on,
    outcome: v.outcome,
    codes,
    screens: {},
    testedGroup: null,
    state,
    version: 1,
  };
}

export async function recordDonation(
  deps: UnitDeps,
  input: RecordDonationInput,
  actor: Actor,
): Promise<RecordDonationResult> {
  const parsed = parseInput(recordDonationInput, input);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  const on = today(deps);
  const { store } = deps;

  let din: string | null = null;
  if (v.din !== undefined) {
    const read = parseDin(v.din);
    if (!read.ok) return { ok: false, reason: 'bad_din', message: describeDinRejection(read.reason) };
    din = read.din;
  } else if (v.outcome !== 'deferred') {
    return { ok: false, reason: 'bad_din', message: 'a donation needs the DIN from its pack label' };
  }

  const [file, site] = await Promise.all([store.donorFile(v.donorId), store.site(v.site)]);
  if (!file) return { ok: false, reason: 'donor_not_found', message: 'no donor has that donor number' };
  if (!site) return { ok: false, reason: 'unknown_site', message: `there is no site ${v.site}` };

  if (v.outcome === 'deferred') {
    if (!v.deferral) {
      return {
        ok: false,
        reason: 'missing_deferral',
        message: 'a deferral at screening needs its reason and the date the donor may give again',
      };
    }
    if (v.deferral.until <= on) {
      return { ok: false, reason: 'invalid_input', message: 'the deferral must end after today' };
    }
    const deferral = { reason: v.deferral.reason, until: v.deferral.until };
    let record: DonationRecord | null = null;
    if (din !== null) {
      // A pack already labelled keeps its DIN on record (nothing collected: no interval starts).
      record = donationRecord(v, din, site.id, on, deps.clock.now(), 'no_components', []);
      const outcome = await store.recordDonation(record, [], actor);
      if (!outcome.ok)
        return { ok: false, reason: 'duplicate', message: `donation ${din} is already recorded` };
      record = outcome.donation ?? record;
    }
    await store.addDeferral(v.donorId, deferral, actor);
    return { ok: true, outcome: 'deferred', donation: record, units: [], deferral };
  }

  const inForce = file.deferrals.filter((d) => d.until > on).sort((a, b) => (a.until < b.until ? 1 : -1))[0];
  if (inForce) {
    return {
      ok: false,
      reason: 'donor_deferred',
      message:
        inForce.until >= INDEFINITE_DEFERRAL_UNTIL
          ? 'this donor is deferred indefinitely and cannot donate'
          : `this donor is deferred until ${inForce.until}`,
    };
  }
  const canonical = din as string;
  const makesComponents = v.outcome === 'completed';
  const produced = makesComponents
    ? produceComponents({
        din: canonical,
        donationType: v.donationType,
        collectedOn: on,
        policy: deps.policy,
        ...(v.processing ? { options: v.processing } : {}),
      })
    : [];
  const group = file.profile.bloodGroup === 'unknown' ? null : file.profile.bloodGroup;
  const units: StoredUnit[] = produced.map((p) => ({
    ...collectedUnit({ ...p, group, site: site.id }, on),
    collectedOn: on,
    donorId: v.donorId,
    source: null,
    version: 1,
  }));
  const donation = donationRecord(
    v,
    canonical,
    site.id,
    on,
    deps.clock.now(),
    makesComponents ? 'awaiting_results' : 'no_components',
    units.map((u) => u.code),
  );
  const outcome = await store.recordDonation(donation, units, actor);
  if (!outcome.ok) {
    // The DIN item is written conditionally: a second record of the same pack changes nothing.
    return { ok: false, reason: 'duplicate', message: `donation ${canonical} is already recorded` };
  }
  const stored = outcome.units.length === units.length ? outcome.units : units;
  const saved = outcome.donation ?? donation;
  return makesComponents
    ? { ok: true, outcome: 'collected', donation: saved, units: stored }
    : { ok: true, outcome: 'no_components', donation: saved, units: [] };
}
