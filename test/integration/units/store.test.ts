/**
 * The unit store against DynamoDB Local: every UnitStore method, the counters each transition moves,
 * the indexes (FEFO, status/site), issue records and activity counters, allocation through the
 * domain's `issue`, and optimistic concurrency (two saves of one version: exactly one wins).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { produceComponents } from '../../../fulfillment/domain/components.js';
import { makeDin } from '../../../fulfillment/domain/din.js';
import { policyFor } from '../../../fulfillment/domain/policy.js';
import { apply, type Unit, type UnitEvent } from '../../../fulfillment/domain/unit.js';
import type { DynamoStore } from '../../../fulfillment/store/dynamo/index.js';
import type { Actor } from '../../../fulfillment/store/port.js';
import { collectedStoredUnit, receivedStoredUnit } from '../../../fulfillment/store/storedUnits.js';
import type { DonationRecord, StoredUnit } from '../../../fulfillment/store/unitPort.js';
import { allocateUnits } from '../../../fulfillment/usecases/allocateUnits.js';
import { createTestStore } from '../../support/store.js';

const STAFF: Actor = { userId: 'staff-1', role: 'staff', channel: 'local' };
const POLICY = policyFor('US');
const COLLECTED = '2026-11-20';
let seq = 1;

function next(unit: Unit, event: UnitEvent, on: string): Unit {
  const result = apply(unit, event, on);
  if (!result.ok) throw new Error(result.refusal.message);
  return result.unit;
}

/** A whole-blood donation (red cells + plasma) of a donor, with its quarantined units. */
function donationOf(donorId: string, collectedOn = COLLECTED, site = 'central') {
  const din = makeDin('W0001', 26, seq++);
  const produced = produceComponents({ din, donationType: 'whole_blood', collectedOn, policy: POLICY });
  const units = produced.map((p) => collectedStoredUnit({ ...p, group: 'O+', site }, collectedOn, donorId));
  const donation: DonationRecord = {
    din,
    donorId,
    donationType: 'whole_blood',
    site,
    collectedAt: `${collectedOn}T09:30:00.000Z`,
    collectedOn,
    outcome: 'completed',
    codes: units.map((u) => u.code),
    screens: {},
    testedGroup: null,
    state: 'awaiting_results',
    version: 1,
  };
  return { donation, units };
}

const count = async (store: DynamoStore, site: string, component: string, group = 'O+') =>
  (await store.stockCounts(site)).find((c) => c.group === group && c.component === component)?.available ?? 0;

let store: DynamoStore;
beforeAll(async () => {
  store = await createTestStore({ now: () => new Date('2026-11-24T10:00:00Z') });
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
});
afterAll(() => store.destroy());

/** Records a donation and releases it; returns the released units as stored. */
async function released(donorId: string, site = 'central'): Promise<StoredUnit[]> {
  const { donation, units } = donationOf(donorId, COLLECTED, site);
  const recorded = await store.recordDonation(donation, units, STAFF);
  if (!recorded.ok) throw new Error(recorded.reason);
  const saved = await store.saveChanges(
    recorded.units.map((u) => ({
      before: u,
      after: next(u, { type: 'release', group: 'O+' }, '2026-11-21'),
    })),
    { action: 'donation.released', entityType: 'donation', entityId: donation.din, details: {} },
    STAFF,
  );
  if (!saved.ok) throw new Error(saved.reason);
  return saved.units;
}

describe('recording a donation', () => {
  it('writes the donation, its quarantined units with history and the donor item, and counts nothing in stock', async () => {
    // Prepare
    const { donation, units } = donationOf('donor-a');
    const before = await count(store, 'central', 'red_cells');
    // Act
    const outcome = await store.recordDonation(donation, units, STAFF);
    // Assess
    expect(outcome.ok).toBe(true);
    expect(await store.donation(donation.din)).toEqual({ ...donation, version: 1 });
    const stored = await store.unitsOfDonation(donation.din);
    expect(stored.map((u) => [u.code, u.status, u.version, u.history.length])).toEqual([
      ['plasma', 'quarantined', 1, 1],
      ['red_cells', 'quarantined', 1, 1],
    ]);
    expect(await store.unit(donation.din, 'red_cells')).toEqual(units.find((u) => u.code === 'red_cells'));
    expect(await count(store, 'central', 'red_cells')).toBe(before);
    const file = await store.donorFile('donor-a');
    expect(file).toBeNull(); // no profile for this donor id; the donation item alone is not a donor
    const audit = await store.auditByEntity('donation', donation.din);
    expect(audit.map((a) => a.action)).toEqual(['donation.recorded']);
  });

  it('refuses a DIN recorded before (duplicate) and writes nothing', async () => {
    const { donation, units } = donationOf('donor-b');
    await store.recordDonation(donation, units, STAFF);
    const again = await store.recordDonation({ ...donation, site: 'northside' }, units, STAFF);
    expect(again).toEqual({ ok: false, reason: 'duplicate' });
    expect((await store.donation(donation.din))?.site).toBe('central');
    expect(await store.auditByEntity('donation', donation.din)).toHaveLength(1);
  });

  it('lists a donor’s donations newest first, and eligibility sees the completed ones only', async () => {
    // Prepare: a registered donor with three donations, one deferred at screening
    const registered = await store.registerDonor(
      {
        firstName: 'T',
        lastName: 'D',
        dateOfBirth: '1980-01-01',
        phoneE164: '+12025550999',
        bloodGroup: 'O+',
        homeSite: 'central',
      },
      STAFF,
    );
    if (!registered.ok) throw new Error(registered.reason);
    const id = registered.donor.donorId;
    const first = donationOf(id, '2026-05-01');
    const second = donationOf(id, '2026-08-01');
    const deferred = donationOf(id, '2026-11-01');
    await store.recordDonation(first.donation, first.units, STAFF);
    await store.recordDonation(second.donation, second.units, STAFF);
    await store.recordDonation({ ...deferred.donation, outcome: 'deferred', codes: [] }, [], STAFF);
    // Act
    const donations = await store.donationsOfDonor(id);
    const file = await store.donorFile(id);
    // Assess
    expect(donations.map((d) => d.collectedOn)).toEqual(['2026-11-01', '2026-08-01', '2026-05-01']);
    expect(file?.donations.map((d) => d.date).sort()).toEqual(['2026-05-01', '2026-08-01']);
  });
});

describe('transitions (saveChanges)', () => {
  it('a release counts the units in stock, puts them in FEFO and moves them in the status index', async () => {
    // Prepare
    const redBefore = await count(store, 'central', 'red_cells');
    const plasmaBefore = await count(store, 'central', 'plasma');
    // Act
    const units = await released('donor-c');
    // Assess
    expect(units.map((u) => [u.status, u.version])).toEqual([
      ['available', 2],
      ['available', 2],
    ]);
    expect(await count(store, 'central', 'red_cells')).toBe(redBefore + 1);
    expect(await count(store, 'central', 'plasma')).toBe(plasmaBefore + 1);
    const din = units[0]!.din;
    const fefo = await store.availableUnits('central', 'O+', 'red_cells', 100, '2026-11-24');
    expect(fefo.map((u) => `${u.din}#${u.code}`)).toContain(`${din}#red_cells`);
    expect((await store.unitsByStatus('available', 'central')).some((u) => u.din === din)).toBe(true);
    expect((await store.unitsByStatus('quarantined')).some((u) => u.din === din)).toBe(false);
  });

  it('a stale version fails the whole change (conflict): no unit, counter or donation moves', async () => {
    // Prepare
    const { donation, units } = donationOf('donor-d');
    const recorded = await store.recordDonation(donation, units, STAFF);
    if (!recorded.ok) throw new Error('not recorded');
    const { plasma, red } = byCode(recorded.units);
    const release = (u: StoredUnit) => next(u, { type: 'release', group: 'O+' }, '2026-11-21');
    await store.saveChanges([{ before: red, after: release(red) }], note(donation.din), STAFF);
    const redCount = await count(store, 'central', 'red_cells');
    const plasmaCount = await count(store, 'central', 'plasma');
    // Act: plasma is current, red cells are stale (version 1 again)
    const outcome = await store.saveChanges(
      [
        { before: plasma, after: release(plasma) },
        { before: red, after: release(red) },
      ],
      note(donation.din),
      STAFF,
      { before: { ...donation, version: 1 }, after: { ...donation, state: 'released', version: 1 } },
    );
    // Assess
    expect(outcome).toEqual({ ok: false, reason: 'conflict' });
    expect((await store.unit(donation.din, 'plasma'))?.status).toBe('quarantined');
    expect(await count(store, 'central', 'red_cells')).toBe(redCount);
    expect(await count(store, 'central', 'plasma')).toBe(plasmaCount);
    expect((await store.donation(donation.din))?.state).toBe('awaiting_results');
  });

  it('two concurrent saves of the same unit version: exactly one wins', async () => {
    // Prepare
    const { red } = byCode(await released('donor-e'));
    const before = await count(store, 'central', 'red_cells');
    // Act
    const outcomes = await Promise.all([
      store.saveChanges(
        [{ before: red, after: next(red, { type: 'discard', reason: 'damaged' }, '2026-11-22') }],
        note(red.din),
        STAFF,
      ),
      store.saveChanges(
        [{ before: red, after: next(red, { type: 'transfer', toSite: 'northside' }, '2026-11-22') }],
        note(red.din),
        STAFF,
      ),
    ]);
    // Assess
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    expect(outcomes.filter((o) => !o.ok)).toEqual([{ ok: false, reason: 'conflict' }]);
    const now = await store.unit(red.din, red.code);
    expect(now?.version).toBe(red.version + 1);
    expect(await count(store, 'central', 'red_cells')).toBe(before - 1);
  });

  it('a transfer is -1 at one site and +1 at the other; a discard leaves stock and is counted by reason', async () => {
    // Prepare
    const { plasma, red } = byCode(await released('donor-f'));
    const central = await count(store, 'central', 'red_cells');
    const north = await count(store, 'northside', 'red_cells');
    const plasmaCentral = await count(store, 'central', 'plasma');
    // Act
    const outcome = await store.saveChanges(
      [
        { before: red, after: next(red, { type: 'transfer', toSite: 'northside' }, '2026-11-22') },
        { before: plasma, after: next(plasma, { type: 'discard', reason: 'damaged' }, '2026-11-22') },
      ],
      note(red.din),
      STAFF,
    );
    // Assess
    expect(outcome.ok).toBe(true);
    expect(await count(store, 'central', 'red_cells')).toBe(central - 1);
    expect(await count(store, 'northside', 'red_cells')).toBe(north + 1);
    expect(await count(store, 'central', 'plasma')).toBe(plasmaCentral - 1);
    expect((await store.unitsByStatus('discarded', 'central')).map((u) => u.din)).toContain(plasma.din);
    const activity = await store.activityCounts('2026-11-22', '2026-11-22');
    expect(activity).toContainEqual({
      day: '2026-11-22',
      activity: 'discards',
      reason: 'damaged',
      component: 'plasma',
      count: expect.any(Number),
    });
  });

  it('an issue writes the issue record and the hospital’s counter; a return and restock count it back', async () => {
    // Prepare
    const { red } = byCode(await released('donor-g'));
    const before = await count(store, 'central', 'red_cells');
    const hospital = "St Mary's Hospital";
    // Act
    const issued = await store.saveChanges(
      [{ before: red, after: next(red, { type: 'issue', consignee: hospital }, '2026-11-23') }],
      note(red.din),
      STAFF,
    );
    if (!issued.ok) throw new Error(issued.reason);
    const afterIssue = await count(store, 'central', 'red_cells');
    const out = issued.units[0]!;
    const back = next(next(out, { type: 'return' }, '2026-11-23'), { type: 'restock' }, '2026-11-23');
    const restocked = await store.saveChanges([{ before: out, after: back }], note(red.din), STAFF);
    // Assess
    expect(afterIssue).toBe(before - 1);
    expect(restocked.ok).toBe(true);
    expect(await count(store, 'central', 'red_cells')).toBe(before);
    expect(await store.issuesByHospital('2026-11-23', '2026-11-23')).toContainEqual({
      day: '2026-11-23',
      hospital,
      din: red.din,
      code: 'red_cells',
      component: 'red_cells',
      group: 'O+',
      requestId: null,
    });
    expect(await store.activityCounts('2026-11-23', '2026-11-23')).toContainEqual({
      day: '2026-11-23',
      activity: 'issues',
      hospital,
      component: 'red_cells',
      count: 1,
    });
    expect((await store.unit(red.din, red.code))?.history.map((h) => h.to)).toEqual([
      'quarantined',
      'available',
      'allocated',
      'returned',
      'available',
    ]);
  });

  it('counts collections per site and day', async () => {
    const { donation, units } = donationOf('donor-h', '2026-10-05', 'northside');
    await store.recordDonation(donation, units, STAFF);
    expect(await store.activityCounts('2026-10-01', '2026-10-31')).toEqual([
      { day: '2026-10-05', activity: 'collections', site: 'northside', count: 1 },
    ]);
  });
});

describe('receipts, expiry and allocation', () => {
  it('received units are available and counted; a second receipt of the same DIN is a duplicate', async () => {
    const unit = receivedStoredUnit({
      din: makeDin('W0002', 26, 1),
      group: 'B-',
      component: 'platelets',
      site: 'northside',
      expiresOn: '2026-11-26',
      receivedOn: '2026-11-22',
      source: 'Regional Blood Service',
    });
    const first = await store.receiveUnits([unit], STAFF);
    const second = await store.receiveUnits([unit], STAFF);
    expect(first.ok).toBe(true);
    expect(second).toEqual({ ok: false, reason: 'duplicate' });
    expect(await count(store, 'northside', 'platelets', 'B-')).toBe(1);
    // Expiring soon: on or before the day asked, by expiry, only available units.
    expect((await store.expiringUnits('2026-11-26', 'northside')).map((u) => u.din)).toEqual([unit.din]);
    expect((await store.expiringUnits('2026-11-25')).map((u) => u.din)).not.toContain(unit.din);
  });

  it('allocation issues through the domain: consignee, history, issue record with the request id', async () => {
    // Prepare
    const units = Array.from({ length: 3 }, (_, i) =>
      receivedStoredUnit({
        din: makeDin('W0003', 26, i + 1),
        group: 'AB-',
        component: 'cryo',
        site: 'central',
        expiresOn: `2027-0${i + 1}-01`,
        receivedOn: '2026-11-20',
        source: 'Regional Blood Service',
      }),
    );
    await store.receiveUnits(units, STAFF);
    // Act
    const request = await allocateUnits(
      store,
      {
        recipient: 'AB-',
        component: 'cryo',
        units: 2,
        urgency: 'routine',
        hospital: null,
        neededBy: null,
        today: '2026-11-24',
        now: new Date('2026-11-24T10:00:00Z'),
      },
      STAFF,
    );
    // Assess
    expect(request.units.map((u) => [u.din, u.code])).toEqual([
      [units[0]!.din, 'cryo'],
      [units[1]!.din, 'cryo'],
    ]);
    const issued = await store.unit(units[0]!.din, 'cryo');
    expect(issued).toMatchObject({
      status: 'allocated',
      consignee: request.requestId,
      issuedOn: '2026-11-24',
    });
    expect(issued?.history.at(-1)?.event).toEqual({ type: 'issue', consignee: request.requestId });
    const records = await store.issuesByHospital('2026-11-24', '2026-11-24');
    expect(records.filter((r) => r.requestId === request.requestId).map((r) => r.din)).toEqual([
      units[0]!.din,
      units[1]!.din,
    ]);
    expect(await count(store, 'central', 'cryo', 'AB-')).toBe(1);
  });
});

function byCode(units: StoredUnit[]): { red: StoredUnit; plasma: StoredUnit } {
  const find = (code: string) => {
    const unit = units.find((u) => u.code === code);
    if (!unit) throw new Error(`no ${code}`);
    return unit;
  };
  return { red: find('red_cells'), plasma: find('plasma') };
}

function note(din: string) {
  return { action: 'unit.changed', entityType: 'donation', entityId: din, details: {} };
}
