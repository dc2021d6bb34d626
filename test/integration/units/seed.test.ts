/**
 * The demo seed's story through the unit store (issue 14): the demo donor's two earlier donations
 * (red cells issued to St Mary's, plasma in stock), three donations awaiting results, discards with
 * reasons, returns and transfers, and the stock counts the demo has always promised.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_DONOR_PHONE, seedDemo } from '../../../adapters/local/seed.js';
import { policyFor } from '../../../fulfillment/domain/policy.js';
import { replay } from '../../../fulfillment/domain/unit.js';
import { UNIT_STATUSES } from '../../../fulfillment/domain/unitVocabulary.js';
import type { DynamoStore } from '../../../fulfillment/store/dynamo/index.js';
import { createTestStore } from '../../support/store.js';

const TODAY = '2026-11-24';
let store: DynamoStore;

beforeAll(async () => {
  store = await createTestStore({ now: () => new Date(`${TODAY}T08:00:00Z`) });
  await seedDemo(store, { today: TODAY, policy: policyFor('US') });
});
afterAll(() => store.destroy());

describe('the demo seed story', () => {
  it('gives the demo donor two earlier donations: red cells issued to St Mary’s, plasma in stock', async () => {
    // Act
    const donorId = await store.donorIdByPhone(DEMO_DONOR_PHONE);
    const donations = await store.donationsOfDonor(donorId!);
    const units = (await Promise.all(donations.map((d) => store.unitsOfDonation(d.din)))).flat();
    // Assess
    expect(donations.map((d) => [d.collectedOn, d.state])).toEqual([
      ['2026-09-22', 'released'],
      ['2026-07-27', 'released'],
    ]);
    expect(units.map((u) => [u.code, u.status, u.consignee])).toEqual([
      ['plasma', 'available', null],
      ['red_cells', 'allocated', "St Mary's Hospital"],
      ['plasma', 'available', null],
      ['red_cells', 'allocated', "St Mary's Hospital"],
    ]);
    // Eligibility still sees the same two whole-blood donations.
    expect((await store.donorFile(donorId!))?.donations.map((d) => d.date).sort()).toEqual([
      '2026-07-27',
      '2026-09-22',
    ]);
  });

  it('has three donations in quarantine awaiting results, not counted in stock', async () => {
    const quarantined = await store.unitsByStatus('quarantined');
    expect(new Set(quarantined.map((u) => u.din)).size).toBe(3);
    expect(quarantined.every((u) => u.history.length === 1)).toBe(true);
  });

  it('records discards with reasons, returns and transfers in the history and the activity counters', async () => {
    const activity = await store.activityCounts('2026-10-01', TODAY);
    const discards = activity.filter((a) => a.activity === 'discards');
    expect(discards.map((d) => (d.activity === 'discards' ? d.reason : '')).sort()).toEqual([
      'damaged',
      'returned_out_of_storage',
      'temperature_excursion',
    ]);
    const issues = await store.issuesByHospital('2026-07-01', TODAY);
    expect(issues.map((i) => i.hospital).sort()).toEqual([
      'City General Hospital',
      "St Mary's Hospital",
      "St Mary's Hospital",
      "St Mary's Hospital",
    ]);
    const events = (await store.unitsByStatus('available', 'central'))
      .concat(await store.unitsByStatus('available', 'northside'))
      .flatMap((u) => u.history.map((h) => h.event.type));
    expect(events.filter((e) => e === 'transfer')).toHaveLength(7);
    expect(events).toContain('restock');
  });

  it('keeps the counts the demo promises, each equal to the available units, and every history replays', async () => {
    // Assess: the stock report's promise (O− red cells 9 central + 4 northside, O+ 38 + 15)
    const counts = await store.stockCounts();
    const at = (site: string, group: string, component = 'red_cells') =>
      counts.find((c) => c.site === site && c.group === group && c.component === component)?.available;
    expect([at('central', 'O-'), at('northside', 'O-'), at('central', 'O+'), at('northside', 'O+')]).toEqual([
      9, 4, 38, 15,
    ]);
    expect([at('central', 'O-', 'plasma'), at('central', 'B+'), at('northside', 'B+', 'plasma')]).toEqual([
      7, 10, 3,
    ]);
    const all = (
      await Promise.all(
        UNIT_STATUSES.flatMap((s) => ['central', 'northside'].map((site) => store.unitsByStatus(s, site))),
      )
    ).flat();
    const available = new Map<string, number>();
    for (const u of all) {
      expect(replay(u.history).ok).toBe(true);
      if (u.status !== 'available') continue;
      const line = `${u.site}#${u.group}#${u.component}`;
      available.set(line, (available.get(line) ?? 0) + 1);
    }
    for (const c of counts)
      expect(available.get(`${c.site}#${c.group}#${c.component}`) ?? 0).toBe(c.available);
  });
});
