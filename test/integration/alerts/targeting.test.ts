/**
 * Targeting and the expiry sweep on DynamoDB Local: the sparse donor index, the quiet period held by
 * a conditional claim, deferral of ineligible donors in the index, opt-outs, the need-sized cap, and
 * expired units leaving stock with their counters and audit entries.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPhoneHasher } from '../../../fulfillment/privacy.js';
import { DynamoIdentity } from '../../../fulfillment/store/dynamo/identity.js';
import { deliverAlert } from '../../../fulfillment/usecases/alerts/deliver.js';
import { runExpirySweep } from '../../../fulfillment/usecases/alerts/sweep.js';
import { emptyStats, selectDonors } from '../../../fulfillment/usecases/alerts/targeting.js';
import { ADMIN, createWorld, donor, units, type World } from './support.js';

let world: World;
const TODAY = '2026-11-24';

async function selected(group: 'O-' | 'A+' = 'O-') {
  const stats = emptyStats();
  const ids: string[] = [];
  for await (const page of selectDonors(world.deps, group, TODAY, { stats, pageSize: 3 }))
    ids.push(...page.map((c) => c.donorId));
  return { ids, stats };
}

beforeAll(async () => {
  world = await createWorld();
});
afterAll(() => world.store.destroy());

describe('targeting', () => {
  it('finds exactly the compatible, eligible, opted-in, not recently alerted donors', async () => {
    // Prepare
    const yes = [await donor(world, 'O-'), await donor(world, 'O-', '2026-09-01'), await donor(world, 'O-')];
    await donor(world, 'O+');
    await donor(world, 'unknown');
    const recent = await donor(world, 'O-', '2026-11-14');
    const stopped = await donor(world, 'O-');
    const identity = new DynamoIdentity({
      ...world.store.options,
      hashPhone: createPhoneHasher('test-pepper-test-pepper-test-pepper!!'),
    });
    await identity.optOutPhone(stopped.phone, ADMIN);
    // Act
    const { ids, stats } = await selected();
    // Assess
    expect(ids.sort()).toEqual(yes.map((d) => d.donorId).sort());
    expect(stats).toMatchObject({ selected: 3, ineligible: 1, not_opted_in: 1, incompatible: 0 });
    // The ineligible donor moved to their next eligible day in the index: not read again.
    const again = await selected();
    expect(again.stats.read).toBe(stats.read - 1);
    expect(again.ids).not.toContain(recent.donorId);
  });

  it('reaches donors of every group whose red cells serve the short group', async () => {
    const aNeg = await donor(world, 'A-');
    const { ids } = await selected('A+');
    // A+ ← A+, A−, O+, O−: the three O− donors, the O+ donor and the A− donor.
    expect(ids).toContain(aNeg.donorId);
    expect(ids.length).toBe(5);
  });

  it('claims each donor once within the quiet period, whoever races', async () => {
    // Prepare
    const page = await world.alerts.candidates('O-', TODAY, 50);
    const candidate = page.candidates.find((c) => c.smsOptIn)!;
    const pending = {
      alertId: 'ONEG-20261124T100000-aaaaaa',
      group: 'O-' as const,
      site: 'central',
      sentAt: TODAY,
      expiresAt: 2e9,
    };
    // Act
    const outcomes = await Promise.all(
      Array.from({ length: 4 }, () => world.alerts.claimContact(candidate, pending, TODAY, 14)),
    );
    const tooSoon = await world.alerts.claimContact(candidate, pending, '2026-12-07', 14);
    const later = await world.alerts.claimContact(candidate, pending, '2026-12-08', 14);
    // Assess
    expect(outcomes.filter((o) => o === 'claimed')).toHaveLength(1);
    expect(tooSoon).toBe('recently_alerted');
    expect(later).toBe('claimed');
    expect(
      (await world.alerts.candidates('O-', '2026-12-21', 50)).candidates.map((c) => c.donorId),
    ).not.toContain(candidate.donorId);
    expect(
      (await world.alerts.candidates('O-', '2026-12-22', 50)).candidates.map((c) => c.donorId),
    ).toContain(candidate.donorId);
  });

  it('contacts no more donors than the cap, and undoes a claim whose SMS failed', async () => {
    // Prepare: an open alert capped at 1 donor; the first send fails.
    const alert = {
      alertId: 'ONEG-20261124T110000-bbbbbb',
      group: 'O-' as const,
      component: 'red_cells' as const,
      level: 'red' as const,
      status: 'open' as const,
      startedAt: '2026-11-24T11:00:00.000Z',
      unitsNeeded: 1,
      daysOfSupply: 0.5,
      cap: 1,
      delivery: 'pending' as const,
      counts: { contacted: 0, failed: 0, yes: 0, no: 0, booked: 0 },
    };
    expect(await world.alerts.startAlert(alert, '2026-11-25T11:00:00.000Z', ADMIN)).toBe('started');
    let failNext = true;
    const deps = {
      ...world.deps,
      sender: {
        send: async (sms: { to: string }) => {
          if (failNext) {
            failNext = false;
            throw new Error('throttled');
          }
          world.sent.push({ ...sms, text: '', alertId: alert.alertId });
        },
      },
    };
    // Act
    const first = await deliverAlert(deps, alert.alertId);
    const second = await deliverAlert(deps, alert.alertId);
    // Assess
    expect(first).toMatchObject({ contacted: 1, failed: 1, finished: true });
    expect(second).toMatchObject({ contacted: 0, finished: true });
    expect((await world.alerts.alert(alert.alertId))?.counts).toMatchObject({ contacted: 1, failed: 1 });
    // The donor whose SMS failed is reachable again, with no pending appeal left behind.
    const { ids } = await selected();
    expect(ids).toHaveLength(1);
    expect(await world.alerts.pendingAlert(ids[0]!)).toBeNull();
    const audit = await world.store.auditByEntity('alert', alert.alertId);
    // Same clock reading for both entries, so compare as a set.
    expect(audit.map((a) => a.action).sort()).toEqual(['alert.donors_contacted', 'alert.started']);
    expect(JSON.stringify(audit)).not.toMatch(/\+1202/);
  });
});

describe('the expiry sweep', () => {
  it('expires units past their last day with counters and audit, by index, and only once', async () => {
    // Prepare: 3 expired yesterday, 2 expire today (still usable), 4 later.
    await world.store.receiveUnits(
      [
        ...units(3, { expiresOn: '2026-11-23' }),
        ...units(2, { expiresOn: TODAY }),
        ...units(4, { expiresOn: '2026-12-20' }),
      ],
      ADMIN,
    );
    const before = (await world.store.stockCounts('central')).find(
      (c) => c.group === 'O-' && c.component === 'red_cells',
    );
    // Act
    const first = await runExpirySweep(world.deps);
    const second = await runExpirySweep(world.deps);
    // Assess
    expect(first.expired).toBe(3);
    expect(first.lines).toEqual(['central#O-#red_cells']);
    expect(second.expired).toBe(0);
    const after = (await world.store.stockCounts('central')).find(
      (c) => c.group === 'O-' && c.component === 'red_cells',
    );
    expect(after!.available).toBe(before!.available - 3);
    const usable = await world.store.availableUnits('central', 'O-', 'red_cells', 50, '2026-11-01');
    expect(usable.map((u) => u.expiresOn)).not.toContain('2026-11-23');
    const audit = await world.store.auditByEntity('stock', 'central#O-#red_cells');
    expect(audit).toEqual([
      expect.objectContaining({ action: 'units.expired', details: expect.objectContaining({ count: 3 }) }),
    ]);
  });
});
