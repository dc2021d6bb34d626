/**
 * The unit use cases against DynamoDB Local, through the real store: the issue's "Done means" story
 * at use-case level (walk-in donation quarantined and not counted → released and counted → discard
 * counted back → transfer moves counts and issues nothing → a reactive result on a donor with earlier
 * donations: nothing available, donor deferred, lookback names the earlier DINs), then each use
 * case's refusals, repeats and races.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../../fulfillment/domain/dates.js';
import { dinCheckCharacter, formatDin, makeDin } from '../../../fulfillment/domain/din.js';
import { policyFor } from '../../../fulfillment/domain/policy.js';
import { apply } from '../../../fulfillment/domain/unit.js';
import type { Marker, TestResult } from '../../../fulfillment/domain/unitVocabulary.js';
import type { BloodGroup, Component } from '../../../fulfillment/domain/vocabulary.js';
import type { DynamoStore } from '../../../fulfillment/store/dynamo/index.js';
import type { Actor } from '../../../fulfillment/store/port.js';
import type { StockChange } from '../../../fulfillment/usecases/alerts/port.js';
import { donorEligibility } from '../../../fulfillment/usecases/donorEligibility.js';
import {
  activityReport,
  discardUnits,
  expiringUnits,
  expirySweep,
  labResultsBatch,
  lookback,
  type RecordTestResultsResult,
  receiveUnits,
  recordDonation,
  recordTestResults,
  returnUnits,
  traceUnit,
  transferUnits,
  type UnitDeps,
  type UnitNotice,
  wastageReport,
} from '../../../fulfillment/usecases/units/index.js';
import { createTestStore } from '../../support/store.js';

const STAFF: Actor = { userId: 'staff-1', role: 'staff', channel: 'local' };
const US_NEGATIVE: Partial<Record<Marker, TestResult>> = {
  hiv: 'negative',
  hbv: 'negative',
  hcv: 'negative',
  htlv: 'negative',
  syphilis: 'negative',
  wnv: 'negative',
  chagas: 'negative',
};

let store: DynamoStore;
let day = '2026-11-02';
const notices: UnitNotice[] = [];
const stockEvents: StockChange[] = [];
let deps: UnitDeps;
let seq = 100;
let phone = 0;

/** As printed on the pack label, with its check character. */
const printed = (din: string) => formatDin(din);
const wrongCheck = (din: string) => `${din} ${dinCheckCharacter(din) === 'Z' ? 'Y' : 'Z'}`;
const nextDin = () => makeDin('W1234', 26, seq++);

async function donor(bloodGroup: BloodGroup | 'unknown'): Promise<string> {
  const out = await store.registerDonor(
    {
      firstName: 'Walk',
      lastName: 'In',
      dateOfBirth: '1990-05-01',
      phoneE164: `+1555777${String(phone++).padStart(4, '0')}`,
      bloodGroup,
      homeSite: 'central',
    },
    STAFF,
  );
  if (!out.ok) throw new Error(out.reason);
  return out.donor.donorId;
}

const count = async (site: string, group: BloodGroup, component: Component) =>
  (await store.stockCounts(site)).find((c) => c.group === group && c.component === component)?.available ?? 0;

/** A donation recorded today and released with every test negative. */
async function releasedDonation(donorId: string, group: BloodGroup): Promise<string> {
  const din = nextDin();
  const rec = await recordDonation(deps, { donorId, din, site: 'central' }, STAFF);
  if (!rec.ok) throw new Error(rec.message);
  const res = await recordTestResults(deps, { din, results: US_NEGATIVE, testedGroup: group }, STAFF);
  if (!res.ok || res.outcome !== 'released') throw new Error('not released');
  return din;
}

/** Issues one component straight through the store's single door (as allocation does). */
async function issue(din: string, code: string, hospital: string) {
  const unit = await store.unit(din, code);
  if (!unit) throw new Error('no unit');
  const next = apply(unit, { type: 'issue', consignee: hospital }, day);
  if (!next.ok) throw new Error(next.refusal.message);
  const saved = await store.saveChanges(
    [{ before: unit, after: next.unit }],
    { action: 'test.issue', entityType: 'unit', entityId: din, details: {} },
    STAFF,
  );
  if (!saved.ok) throw new Error(saved.reason);
}

async function received(
  group: BloodGroup,
  n: number,
  expiresOn: string,
  site = 'central',
): Promise<string[]> {
  const dins = Array.from({ length: n }, () => makeDin('X9876', 26, seq++));
  const out = await receiveUnits(
    deps,
    { dins, group, component: 'red_cells', expiresOn, source: 'Regional Blood Centre', site },
    STAFF,
  );
  if (!out.ok) throw new Error(out.message);
  return dins;
}

beforeAll(async () => {
  store = await createTestStore({ now: () => new Date(`${day}T10:00:00Z`) });
  for (const id of ['central', 'northside']) {
    await store.inventory.putSite({
      id,
      name: id,
      address: 'x',
      slotTimes: [],
      slotCapacity: 1,
      openDays: [],
    });
  }
  deps = {
    store,
    policy: policyFor('US'),
    clock: { now: () => new Date(`${day}T10:00:00Z`), timeZone: 'UTC' },
    notify: { notifyUnits: async (n) => void notices.push(n) },
    onStockChange: async (c) => void stockEvents.push(c),
  };
});
afterAll(() => store.destroy());

describe('the life of a unit, as issue 14 tells it', () => {
  it('walk-in donation → quarantined, not counted → all negative → available and counted → discard → count back → trace', async () => {
    // Prepare
    day = '2026-11-02';
    const walkIn = await donor('unknown');
    const din = nextDin();
    const before = {
      red: await count('central', 'B+', 'red_cells'),
      plasma: await count('central', 'B+', 'plasma'),
    };
    // Act: the donation, with the DIN as printed on the pack
    const rec = await recordDonation(deps, { donorId: walkIn, din: printed(din), site: 'central' }, STAFF);
    // Assess
    expect(rec.ok && rec.outcome).toBe('collected');
    const collected = await store.unitsOfDonation(din);
    expect(collected.map((u) => [u.code, u.status, u.expiresOn])).toEqual([
      ['plasma', 'quarantined', addDays(day, 365)],
      ['red_cells', 'quarantined', addDays(day, 42)],
    ]);
    expect((await store.stockCounts('central')).some((c) => c.group === null)).toBe(false);

    // Act: all tests negative, group from the test (first-time donor)
    const res = await recordTestResults(deps, { din, results: US_NEGATIVE, testedGroup: 'B+' }, STAFF);
    // Assess
    expect(res).toMatchObject({ ok: true, outcome: 'released', setsDonorGroup: true, already: false });
    expect((await store.unitsOfDonation(din)).map((u) => [u.status, u.group])).toEqual([
      ['available', 'B+'],
      ['available', 'B+'],
    ]);
    expect((await store.donorById(walkIn))?.bloodGroup).toBe('B+');
    expect(await count('central', 'B+', 'red_cells')).toBe(before.red + 1);
    expect(await count('central', 'B+', 'plasma')).toBe(before.plasma + 1);
    expect(stockEvents.at(-1)).toMatchObject({ reason: 'release' });

    // Act: a discard with a reason
    const discard = await discardUnits(
      deps,
      { dins: [printed(din)], reason: 'damaged', component: 'red_cells' },
      STAFF,
    );
    // Assess
    expect(discard).toMatchObject({ ok: true, discarded: 1 });
    expect((await store.unit(din, 'red_cells'))?.status).toBe('discarded');
    expect(await count('central', 'B+', 'red_cells')).toBe(before.red);
    expect(await count('central', 'B+', 'plasma')).toBe(before.plasma + 1);
    expect(stockEvents.at(-1)).toEqual({
      reason: 'discard',
      lines: [{ site: 'central', group: 'B+', component: 'red_cells' }],
    });

    // Act: trace
    const trace = await traceUnit(deps, { din });
    // Assess
    if (!trace.ok) throw new Error(trace.message);
    expect(trace.components.find((c) => c.code === 'red_cells')?.words).toEqual([
      `${day}: collected at central, in quarantine until tested`,
      `${day}: released after testing (B+), available`,
      `${day}: discarded: damaged (broken or leaking)`,
    ]);
  });

  it('transfers 2 O+ red cells central → northside: counts move, nothing is issued', async () => {
    // Prepare
    day = '2026-11-03';
    await received('O+', 3, '2026-12-01');
    const central = await count('central', 'O+', 'red_cells');
    const northside = await count('northside', 'O+', 'red_cells');
    // Act
    const out = await transferUnits(
      deps,
      { units: 2, group: 'O+', component: 'red_cells', fromSite: 'central', toSite: 'northside' },
      STAFF,
    );
    // Assess
    if (!out.ok) throw new Error(out.message);
    expect(out.moved.map((u) => [u.status, u.site])).toEqual([
      ['available', 'northside'],
      ['available', 'northside'],
    ]);
    expect(await count('central', 'O+', 'red_cells')).toBe(central - 2);
    expect(await count('northside', 'O+', 'red_cells')).toBe(northside + 2);
    expect(await store.issuesByHospital(day, day)).toEqual([]);
    expect(stockEvents.at(-1)?.reason).toBe('transfer');
  });

  it('a reactive result on a donor with earlier donations: nothing available, donor deferred, lookback names the earlier DINs', async () => {
    // Prepare: two earlier donations, one red cell unit issued to St Mary's, the rest still held
    day = '2026-10-01';
    const demo = await donor('A+');
    const first = await releasedDonation(demo, 'A+');
    await issue(first, 'red_cells', "St Mary's Hospital");
    day = '2026-11-05';
    const second = await releasedDonation(demo, 'A+');
    const heldBefore = await count('central', 'A+', 'red_cells');
    day = '2026-11-10';
    const index = nextDin();
    const rec = await recordDonation(deps, { donorId: demo, din: index, site: 'central' }, STAFF);
    expect(rec.ok).toBe(true);
    notices.length = 0;
    // Act
    const res: RecordTestResultsResult = await recordTestResults(
      deps,
      { din: index, results: { ...US_NEGATIVE, hiv: 'reactive' }, testedGroup: 'A+' },
      STAFF,
    );
    // Assess: nothing of the new donation is available
    if (!res.ok || res.outcome !== 'unsafe') throw new Error('expected unsafe');
    expect((await store.unitsOfDonation(index)).map((u) => [u.status, u.discardReason])).toEqual([
      ['discarded', 'reactive_test'],
      ['discarded', 'reactive_test'],
    ]);
    // the donor is deferred, and told only that they cannot donate and will be contacted
    const file = await store.donorFile(demo);
    if (!file) throw new Error('no donor');
    const own = donorEligibility(file, 'whole_blood', day, deps.policy);
    expect(own).toMatchObject({ eligible: false, nextEligibleOn: null });
    const words = own.eligible ? '' : own.reasons.map((r) => r.detail).join(' ');
    expect(words).toContain('contact you');
    expect(words).not.toMatch(/hiv|hepatitis|reactive|positive/i);
    // the lookback names both earlier DINs; held components quarantined, issued ones with hospital and date
    expect(res.lookback?.result.donations).toEqual([first, second]);
    expect(res.lookback?.quarantinedNow.map((u) => `${u.din} ${u.code}`).sort()).toEqual(
      [`${first} plasma`, `${second} plasma`, `${second} red_cells`].sort(),
    );
    expect(res.lookback?.result.issued).toEqual([
      {
        din: first,
        code: 'red_cells',
        component: 'red_cells',
        consignee: "St Mary's Hospital",
        issuedOn: '2026-10-01',
      },
    ]);
    const held = await store.unit(second, 'red_cells');
    expect([held?.status, held?.holds]).toEqual(['quarantined', [{ kind: 'lookback', ref: index }]]);
    expect(await count('central', 'A+', 'red_cells')).toBe(heldBefore - 1);
    // staff are told, with the list; all audited
    expect(notices).toHaveLength(1);
    expect(notices[0]?.text).toContain(`${first} red cells to St Mary's Hospital on 2026-10-01`);
    expect(notices[0]?.text).toContain(`${second} red cells`);
    const audit = (await store.auditByEntity('donation', index)).map((e) => e.action);
    expect(audit).toEqual(expect.arrayContaining(['donation.unsafe', 'unit.lookback_hold', 'lookback.run']));

    // Act: the same results again, and a lookback asked for by DIN
    const again = await recordTestResults(deps, { din: index, results: { hiv: 'reactive' } }, STAFF);
    const asked = await lookback(deps, { din: index }, STAFF);
    // Assess: nothing more changes
    expect(again).toMatchObject({ ok: true, outcome: 'unsafe', already: true, lookback: null });
    expect(asked.ok && asked.quarantinedNow).toEqual([]);
    expect((await store.donorFile(demo))?.deferrals).toHaveLength(1);
  });
});

describe('recordDonation', () => {
  it.each([
    ['a wrong check character', wrongCheck, 'bad_din'],
    ['a short DIN', () => 'W1234 26 0001', 'bad_din'],
  ])('refuses %s', async (_, text, reason) => {
    // Prepare
    const id = await donor('O+');
    // Act
    const out = await recordDonation(deps, { donorId: id, din: text(nextDin()), site: 'central' }, STAFF);
    // Assess
    expect(out).toMatchObject({ ok: false, reason });
  });

  it('refuses an unknown donor and a duplicate DIN, changing nothing', async () => {
    // Prepare
    day = '2026-11-11';
    const id = await donor('O-');
    const din = nextDin();
    await recordDonation(deps, { donorId: id, din: `=${din}00`, site: 'central' }, STAFF);
    const units = await store.unitsOfDonation(din);
    // Act
    const unknown = await recordDonation(deps, { donorId: 'nobody', din: nextDin(), site: 'central' }, STAFF);
    const twice = await recordDonation(
      deps,
      { donorId: id, din, site: 'central', donationType: 'plasma' },
      STAFF,
    );
    // Assess
    expect(unknown).toMatchObject({ ok: false, reason: 'donor_not_found' });
    expect(twice).toMatchObject({ ok: false, reason: 'duplicate' });
    expect(await store.unitsOfDonation(din)).toEqual(units);
    expect((await store.donorFile(id))?.donations).toHaveLength(1);
  });

  it('a deferral at screening records reason and end date and makes no components; the donor is then refused', async () => {
    // Prepare
    day = '2026-11-12';
    const id = await donor('O+');
    const din = nextDin();
    // Act
    const out = await recordDonation(
      deps,
      {
        donorId: id,
        din,
        site: 'central',
        outcome: 'deferred',
        deferral: { reason: 'low haemoglobin', until: '2026-12-12' },
      },
      STAFF,
    );
    const later = await recordDonation(deps, { donorId: id, din: nextDin(), site: 'central' }, STAFF);
    // Assess
    expect(out).toMatchObject({ ok: true, outcome: 'deferred', units: [] });
    expect(await store.unitsOfDonation(din)).toEqual([]);
    const file = await store.donorFile(id);
    expect(file?.deferrals).toEqual([{ until: '2026-12-12', reason: 'low haemoglobin' }]);
    expect(file?.donations).toEqual([]);
    expect(later).toMatchObject({ ok: false, reason: 'donor_deferred' });
  });

  it('an incomplete donation is recorded without components', async () => {
    // Prepare
    const id = await donor('O+');
    const din = nextDin();
    // Act
    const out = await recordDonation(
      deps,
      { donorId: id, din, site: 'central', outcome: 'incomplete' },
      STAFF,
    );
    // Assess
    expect(out).toMatchObject({ ok: true, outcome: 'no_components', units: [] });
    expect((await store.donation(din))?.state).toBe('no_components');
    expect(await recordTestResults(deps, { din, results: US_NEGATIVE }, STAFF)).toMatchObject({
      ok: false,
      reason: 'no_components',
    });
  });
});

describe('recordTestResults', () => {
  it('partial results keep the donation in quarantine and say what is missing', async () => {
    // Prepare
    day = '2026-11-13';
    const id = await donor('O+');
    const din = nextDin();
    await recordDonation(deps, { donorId: id, din, site: 'central' }, STAFF);
    // Act
    const out = await recordTestResults(deps, { din, results: { hiv: 'negative', hcv: 'negative' } }, STAFF);
    // Assess
    expect(out).toMatchObject({
      ok: true,
      outcome: 'quarantined',
      missing: ['hbv', 'htlv', 'syphilis', 'wnv', 'chagas'],
      group: 'not_determined',
    });
    expect(out.ok && out.message).toContain('hepatitis B');
    expect((await store.unitsOfDonation(din)).every((u) => u.status === 'quarantined')).toBe(true);
    expect((await store.donation(din))?.screens).toEqual({ hiv: 'negative', hcv: 'negative' });
  });

  it('a group that disagrees with the record keeps it in quarantine', async () => {
    // Prepare
    const id = await donor('O+');
    const din = nextDin();
    await recordDonation(deps, { donorId: id, din, site: 'central' }, STAFF);
    // Act
    const out = await recordTestResults(deps, { din, results: US_NEGATIVE, testedGroup: 'A+' }, STAFF);
    // Assess
    expect(out).toMatchObject({ ok: true, outcome: 'quarantined', group: 'discrepancy', missing: [] });
  });

  it('T. cruzi is needed once per donor; the same release twice changes nothing', async () => {
    // Prepare
    const id = await donor('O+');
    await releasedDonation(id, 'O+');
    const din = nextDin();
    await recordDonation(deps, { donorId: id, din, site: 'central' }, STAFF);
    const { chagas: _, ...withoutChagas } = US_NEGATIVE;
    // Act
    const first = await recordTestResults(deps, { din, results: withoutChagas, testedGroup: 'O+' }, STAFF);
    const counted = await count('central', 'O+', 'red_cells');
    const second = await recordTestResults(deps, { din, results: withoutChagas, testedGroup: 'O+' }, STAFF);
    // Assess
    expect(first).toMatchObject({ ok: true, outcome: 'released', already: false });
    expect(second).toMatchObject({ ok: true, outcome: 'released', already: true });
    expect(await count('central', 'O+', 'red_cells')).toBe(counted);
  });
});

describe('receiveUnits, transferUnits, returnUnits', () => {
  it('refuses expired and duplicate receipts, changing nothing', async () => {
    // Prepare
    day = '2026-11-14';
    const dins = await received('B-', 2, '2026-12-10');
    const before = await count('central', 'B-', 'red_cells');
    // Act
    const twice = await receiveUnits(
      deps,
      {
        dins,
        group: 'B-',
        component: 'red_cells',
        expiresOn: '2026-12-10',
        source: 'Regional Blood Centre',
        site: 'central',
      },
      STAFF,
    );
    const expired = await receiveUnits(
      deps,
      {
        dins: [nextDin()],
        group: 'B-',
        component: 'red_cells',
        expiresOn: '2026-11-13',
        source: 'x',
        site: 'central',
      },
      STAFF,
    );
    // Assess
    expect(twice).toMatchObject({ ok: false, reason: 'nothing_to_receive' });
    expect(twice.ok ? [] : twice.refused?.map((r) => r.reason)).toEqual(['duplicate', 'duplicate']);
    expect(expired).toMatchObject({ ok: false, reason: 'expired' });
    expect(await count('central', 'B-', 'red_cells')).toBe(before);
  });

  it('refuses a transfer when there are not enough units, and one by DIN of a unit elsewhere', async () => {
    // Prepare
    const dins = await received('AB-', 1, '2026-12-10');
    // Act
    const short = await transferUnits(
      deps,
      { units: 2, group: 'AB-', fromSite: 'central', toSite: 'northside' },
      STAFF,
    );
    const elsewhere = await transferUnits(deps, { dins, fromSite: 'northside', toSite: 'central' }, STAFF);
    // Assess
    expect(short).toMatchObject({ ok: false, reason: 'not_enough', available: 1 });
    expect(elsewhere).toMatchObject({ ok: false, reason: 'not_movable' });
    expect(await count('central', 'AB-', 'red_cells')).toBe(1);
  });

  it('two transfers racing for the same stock each move a different unit', async () => {
    // Prepare
    await received('AB+', 2, '2026-12-10');
    // Act
    const [a, b] = await Promise.all([
      transferUnits(deps, { units: 1, group: 'AB+', fromSite: 'central', toSite: 'northside' }, STAFF),
      transferUnits(deps, { units: 1, group: 'AB+', fromSite: 'central', toSite: 'northside' }, STAFF),
    ]);
    // Assess
    if (!a?.ok || !b?.ok) throw new Error('a transfer failed');
    expect(a.moved[0]?.din).not.toBe(b.moved[0]?.din);
    expect(await count('northside', 'AB+', 'red_cells')).toBe(2);
  });

  it.each([
    ['back within 20 minutes', { minutesOut: 20 }, 'restocked', 'available'],
    ['out 45 minutes', { minutesOut: 45 }, 'discarded', 'discarded'],
    ['opened', { minutesOut: 5, unopened: false }, 'discarded', 'discarded'],
  ])('a return %s is %s', async (_, extra, outcome, status) => {
    // Prepare
    const [din] = await received('A-', 1, '2026-12-10');
    if (!din) throw new Error('no din');
    await issue(din, 'red_cells', "St Mary's Hospital");
    const before = await count('central', 'A-', 'red_cells');
    // Act
    const out = await returnUnits(deps, { din, hospital: "St Mary's Hospital", ...extra }, STAFF);
    const again = await returnUnits(deps, { din, minutesOut: 10 }, STAFF);
    // Assess
    expect(out).toMatchObject({ ok: true, outcome, consignee: "St Mary's Hospital" });
    const unit = await store.unit(din, 'red_cells');
    expect(unit?.status).toBe(status);
    if (status === 'discarded') expect(unit?.discardReason).toBe('returned_out_of_storage');
    expect(await count('central', 'A-', 'red_cells')).toBe(before + (outcome === 'restocked' ? 1 : 0));
    expect(again).toMatchObject({ ok: false, reason: 'not_issued' });
  });
});

describe('discardUnits', () => {
  it('discards several DINs; an impossible one is refused whole and named; a repeat changes nothing', async () => {
    // Prepare
    day = '2026-11-15';
    const id = await donor('O+');
    const whole = await releasedDonation(id, 'O+');
    const [gone] = await received('O+', 1, '2026-12-10');
    if (!gone) throw new Error('no din');
    await discardUnits(deps, { dins: [gone], reason: 'temperature_excursion' }, STAFF);
    // Act
    const out = await discardUnits(
      deps,
      { dins: [printed(whole), gone, 'W1234'], reason: 'failed_inspection' },
      STAFF,
    );
    const again = await discardUnits(deps, { dins: [whole], reason: 'failed_inspection' }, STAFF);
    const noNote = await discardUnits(deps, { dins: [whole], reason: 'other' }, STAFF);
    // Assess
    if (!out.ok) throw new Error(out.message);
    expect(out.results.map((r) => [r.din, r.outcome])).toEqual([
      [whole, 'discarded'],
      [gone, 'refused'],
      ['W1234', 'refused'],
    ]);
    expect(out.discarded).toBe(2);
    expect((await store.unit(gone, 'red_cells'))?.discardReason).toBe('temperature_excursion');
    expect(again.ok && again.results[0]).toMatchObject({
      outcome: 'already_discarded',
      codes: ['plasma', 'red_cells'],
    });
    expect(noNote).toMatchObject({ ok: false, reason: 'invalid_input' });
  });
});

describe('expiringUnits and expirySweep', () => {
  it('lists what expires within 2 days, then moves expired units to expired once', async () => {
    // Prepare
    day = '2026-11-16';
    const [soon] = await received('B+', 1, '2026-11-17', 'northside');
    if (!soon) throw new Error('no din');
    // Act
    const listed = await expiringUnits(deps, { days: 2, site: 'northside' });
    day = '2026-11-18';
    const before = await count('northside', 'B+', 'red_cells');
    const sweep = await expirySweep(deps, {}, STAFF);
    const second = await expirySweep(deps, { now: new Date(`${day}T12:00:00Z`) }, STAFF);
    // Assess
    expect(listed.ok && listed.units.map((u) => u.din)).toContain(soon);
    expect(sweep.ok && sweep.expired.map((u) => u.din)).toContain(soon);
    expect((await store.unit(soon, 'red_cells'))?.status).toBe('expired');
    expect(await count('northside', 'B+', 'red_cells')).toBe(before - 1);
    expect(second.ok && second.expired).toEqual([]);
    expect(stockEvents.some((e) => e.reason === 'expiry')).toBe(true);
  });
});

describe('labResultsBatch', () => {
  it('applies each good DIN through recordTestResults and leaves a DIN with a bad row untouched', async () => {
    // Prepare
    day = '2026-11-19';
    const id = await donor('O+');
    const good = nextDin();
    const bad = nextDin();
    await recordDonation(deps, { donorId: id, din: good, site: 'central' }, STAFF);
    await recordDonation(deps, { donorId: id, din: bad, site: 'central' }, STAFF);
    const rows = [
      ...Object.entries(US_NEGATIVE).map(([marker, result], i) => ({
        line: i + 2,
        din: good,
        marker,
        result,
      })),
      { line: 20, din: good, abo: 'O pos' },
      { line: 21, din: bad, marker: 'hiv', result: 'negative' },
      { line: 22, din: bad, marker: 'hcv', result: 'equivocal' },
    ];
    // Act
    const out = await labResultsBatch(deps, { rows }, STAFF);
    // Assess
    if (!out.ok) throw new Error(out.message);
    expect(out.rows.filter((r) => r.status !== 'applied').map((r) => [r.line, r.status])).toEqual([
      [21, 'skipped'],
      [22, 'rejected'],
    ]);
    expect(out.rows.find((r) => r.line === 20)).toMatchObject({ status: 'applied', outcome: 'released' });
    expect((await store.donation(good))?.state).toBe('released');
    expect(await store.donation(bad)).toMatchObject({ state: 'awaiting_results', screens: {} });
  });
});

describe('activityReport and wastage', () => {
  it('reads the day counters: collections per site, discards by reason, issues per hospital, wastage rate', async () => {
    // Prepare: a day of its own
    day = '2027-02-01';
    const id = await donor('O+');
    const din = await releasedDonation(id, 'O+');
    await issue(din, 'red_cells', 'General Hospital');
    const [other] = await received('O-', 1, '2027-03-01');
    if (!other) throw new Error('no din');
    await discardUnits(deps, { dins: [other], reason: 'damaged' }, STAFF);
    // Act
    const collections = await activityReport(deps, { activity: 'collections', from: day, to: day });
    const issues = await activityReport(deps, { activity: 'issues', from: day, to: day });
    const discards = await activityReport(deps, { activity: 'discards', from: day, to: day });
    const waste = await wastageReport(deps, { from: day, to: day });
    const tooLong = await activityReport(deps, { activity: 'issues', from: '2025-01-01', to: day });
    // Assess
    expect(collections.ok && collections.totals).toEqual([{ key: 'central', count: 1 }]);
    expect(issues.ok && issues.totals).toEqual([{ key: 'General Hospital', count: 1 }]);
    expect(discards.ok && discards.totals).toEqual([{ key: 'damaged red_cells', count: 1 }]);
    const red = waste.ok ? waste.rows.find((r) => r.component === 'red_cells') : undefined;
    expect(red).toMatchObject({
      issues: 1,
      discards: 1,
      rate: 0.5,
      byReason: [{ reason: 'damaged', discards: 1, rate: 0.5 }],
    });
    expect(tooLong).toMatchObject({ ok: false, reason: 'invalid_input' });
  });
});
