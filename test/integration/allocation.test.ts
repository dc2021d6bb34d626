/**
 * Allocation against DynamoDB Local: FEFO order, compatibility, expired units never issued, counters
 * kept in step, and concurrency — 20 requests racing for the last 5 units allocate exactly 5, once each.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { makeDin } from '../../fulfillment/domain/din.js';
import type { BloodGroup, Component } from '../../fulfillment/domain/vocabulary.js';
import type { DynamoStore } from '../../fulfillment/store/dynamo/index.js';
import type { Actor } from '../../fulfillment/store/port.js';
import { allocateUnits } from '../../fulfillment/usecases/allocateUnits.js';
import { createTestStore } from '../support/store.js';
import { received, type TestUnit, unitIds } from '../support/units.js';

const STAFF: Actor = { userId: 'staff-1', role: 'staff', channel: 'local' };
const TODAY = '2026-11-24';
let seq = 1;

function unit(
  group: BloodGroup,
  expiresOn: string,
  site = 'central',
  component: Component = 'red_cells',
): TestUnit {
  return {
    din: makeDin('T0001', 26, seq++),
    group,
    component,
    site,
    collectedOn: '2026-11-01',
    expiresOn,
    status: 'available',
  };
}

async function freshStore(units: TestUnit[]): Promise<DynamoStore> {
  const store = await createTestStore();
  for (const id of ['central', 'northside']) {
    await store.inventory.putSite({
      id,
      name: id,
      address: 'x',
      slotTimes: ['10:00'],
      slotCapacity: 1,
      openDays: [1],
    });
  }
  await store.receiveUnits(received(units), STAFF);
  return store;
}

function request(
  store: DynamoStore,
  recipient: BloodGroup | 'unknown',
  units: number,
  component: Component = 'red_cells',
) {
  return allocateUnits(
    store,
    {
      recipient,
      component,
      units,
      urgency: 'urgent',
      hospital: null,
      neededBy: null,
      today: TODAY,
      now: new Date(`${TODAY}T10:00:00Z`),
    },
    STAFF,
  );
}

describe('allocation (DynamoDB Local)', () => {
  const stores: DynamoStore[] = [];
  afterAll(() => {
    for (const s of stores) s.destroy();
  });

  it('issues first-expired-first-out across sites, skipping expired units, and updates the counters', async () => {
    // Prepare: DINs deliberately in the opposite order of expiry (the "sorted by unit number" bug).
    const late = unit('O-', '2026-12-20');
    const expired = unit('O-', '2026-11-23');
    const soon = unit('O-', '2026-11-26', 'northside');
    const mid = unit('O-', '2026-12-01');
    const store = await freshStore([late, expired, soon, mid]);
    stores.push(store);
    // Act
    const result = await request(store, 'O-', 2);
    // Assess
    expect(result.status).toBe('filled');
    expect(result.units.map((u) => u.din)).toEqual([soon.din, mid.din]);
    const counts = await store.stockCounts();
    const available = (site: string) => counts.find((c) => c.site === site && c.group === 'O-')?.available;
    expect(available('central')).toBe(2); // late + expired are still counted until the sweep
    expect(available('northside')).toBe(0);
    const audit = await store.auditByEntity('request', result.requestId);
    expect(audit).toHaveLength(1);
    expect(audit[0]?.details).toMatchObject({ unitsAllocated: 2, dins: [soon.din, mid.din] });
  });

  it('prefers ABO-identical units and never gives AB units to a group A patient', async () => {
    const ab = unit('AB+', '2026-11-25');
    const o = unit('O+', '2026-11-26');
    const a = unit('A+', '2026-12-10');
    const store = await freshStore([ab, o, a]);
    stores.push(store);
    const result = await request(store, 'A+', 3);
    expect(result.units.map((u) => u.din)).toEqual([a.din, o.din]);
    expect(result.status).toBe('partial');
  });

  it('says unfilled and writes the request when nothing compatible is in stock', async () => {
    const store = await freshStore([unit('A+', '2026-12-10')]);
    stores.push(store);
    const result = await request(store, 'O-', 1);
    expect(result.status).toBe('unfilled');
    expect(await store.getRequest(result.requestId)).toMatchObject({ status: 'unfilled', units: [] });
  });

  it('20 concurrent requests for the last 5 units allocate exactly 5, each once', async () => {
    // Prepare
    const units = Array.from({ length: 5 }, (_, i) => unit('O-', `2026-12-0${i + 1}`));
    const store = await freshStore(units);
    stores.push(store);
    // Act
    const results = await Promise.all(Array.from({ length: 20 }, () => request(store, 'O-', 1)));
    // Assess
    const dins = results.flatMap((r) => r.units.map((u) => u.din));
    expect(dins).toHaveLength(5);
    expect(new Set(dins).size).toBe(5);
    expect(results.filter((r) => r.status === 'filled')).toHaveLength(5);
    expect(results.filter((r) => r.status === 'unfilled')).toHaveLength(15);
    const counts = await store.stockCounts('central');
    expect(counts.find((c) => c.group === 'O-')?.available).toBe(0);
    const units2 = await store.inventory.getUnits(unitIds(units));
    expect(units2.every((u) => u.status === 'allocated')).toBe(true);
    // Every request, filled or not, is recorded exactly once.
    const requests = await Promise.all(results.map((r) => store.getRequest(r.requestId)));
    expect(requests.every(Boolean)).toBe(true);
  });

  it('records issues per day for days-of-supply', async () => {
    const store = await freshStore([unit('B+', '2026-12-10'), unit('B+', '2026-12-11')]);
    stores.push(store);
    await request(store, 'B+', 2);
    const issues = await store.issuesByDay([TODAY]);
    expect(issues.get(TODAY)).toEqual({ 'B+#red_cells': 2 });
  });

  it('is idempotent when the same units are received twice', async () => {
    const u = unit('A-', '2026-12-10');
    const store = await freshStore([u]);
    stores.push(store);
    await store.receiveUnits(received([u]), STAFF);
    expect((await store.stockCounts('central')).find((c) => c.group === 'A-')?.available).toBe(1);
  });
});
