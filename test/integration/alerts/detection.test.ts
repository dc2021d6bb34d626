/**
 * Detection, dedupe windows, escalation, recovery and thresholds on DynamoDB Local, with the SNS and
 * Slack boundaries replaced by recorders. Each test file gets its own table (createTestStore).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BLOOD_GROUPS } from '../../../fulfillment/domain/vocabulary.js';
import { runStockCheck } from '../../../fulfillment/usecases/alerts/detect.js';
import { changeThresholds, listThresholds } from '../../../fulfillment/usecases/alerts/thresholds.js';
import { ADMIN, createWorld, donor, issueHistory, units, type World } from './support.js';

let world: World;
const TODAY = '2026-11-24';

beforeAll(async () => {
  world = await createWorld();
  // O− at 13 units for 7 a day: amber (1.86 days).
  await world.store.receiveUnits(units(13), ADMIN);
  // Every other group well stocked (nothing issued: green).
  for (const group of BLOOD_GROUPS.filter((g) => g !== 'O-'))
    await world.store.receiveUnits(units(2, { group }), ADMIN);
  await issueHistory(world.store, TODAY, { 'O-': 7 });
  await donor(world, 'O-');
  await donor(world, 'O-');
});
afterAll(() => world.store.destroy());

async function take(n: number) {
  // A stock change outside allocation: enough to move days of supply.
  const available = await world.store.availableUnits('central', 'O-', 'red_cells', n, TODAY);
  await world.store.commitAllocation(
    {
      requestId: `req-${Math.random().toString(36).slice(2)}`,
      recipientGroup: 'O-',
      component: 'red_cells',
      unitsRequested: n,
      urgency: 'urgent',
      hospital: null,
      neededBy: null,
      status: 'filled',
      units: available.map((u) => ({ ...u, flags: [] })),
      requestedBy: 'test',
      createdAt: world.clock.now.toISOString(),
    },
    ADMIN,
  );
}

describe('shortage detection', () => {
  it('starts one amber alert however many checks race for it', async () => {
    // Act: five concurrent detectors see the same amber level.
    const results = await Promise.all(
      Array.from({ length: 5 }, () => runStockCheck(world.deps, 'stock_change')),
    );
    // Assess
    const started = results.flatMap((r) => r.events).filter((e) => e.kind === 'started');
    expect(started).toEqual([expect.objectContaining({ group: 'O-' })]);
    // The start at once, then one progress notice with the counts once the SMS went out.
    expect(world.notices.map((n) => n.kind)).toEqual(['started', 'progress']);
    expect(world.notices[1]?.alert.counts.contacted).toBe(2);
    expect(world.sent).toHaveLength(2);
    expect((await world.alerts.lastAlert('O-'))?.level).toBe('amber');
  });

  it('escalates amber → red once, contacting nobody twice', async () => {
    // Prepare: 13 → 6 units is red (0.86 days).
    await take(7);
    // Act
    const [a, b] = await Promise.all([
      runStockCheck(world.deps, 'stock_change'),
      runStockCheck(world.deps, 'schedule'),
    ]);
    // Assess
    expect([...a.events, ...b.events].filter((e) => e.kind === 'escalated')).toHaveLength(1);
    const alert = await world.alerts.lastAlert('O-');
    expect(alert).toMatchObject({ level: 'red', status: 'open', unitsNeeded: 15, cap: 60 });
    expect(world.sent).toHaveLength(2);
    expect(world.notices.map((n) => n.kind)).toContain('escalated');
  });

  it('tells staff once when stock recovers, and suppresses a new alert within the window', async () => {
    // Prepare: a delivery brings O− back to green.
    await world.store.receiveUnits(units(30), ADMIN);
    // Act
    const recovered = await runStockCheck(world.deps, 'stock_change');
    const again = await runStockCheck(world.deps, 'stock_change');
    await take(30); // back to red (6 units), still inside the 24 h red window
    const relapse = await runStockCheck(world.deps, 'stock_change');
    // Assess
    expect(recovered.events).toEqual([expect.objectContaining({ kind: 'recovered', group: 'O-' })]);
    expect(again.events).toEqual([]);
    expect(relapse.events).toEqual([expect.objectContaining({ kind: 'suppressed', group: 'O-' })]);
    expect((await world.alerts.openAlerts()).size).toBe(0);
    expect(world.notices.filter((n) => n.kind === 'started')).toHaveLength(1);
  });

  it('starts a new alert once the window has passed', async () => {
    // Prepare
    world.clock.now = new Date('2026-11-25T10:30:00Z');
    // Act
    const later = await runStockCheck(world.deps, 'schedule');
    // Assess: a new episode; both donors were alerted yesterday, so the quiet period holds.
    expect(later.events).toEqual([expect.objectContaining({ kind: 'started', group: 'O-' })]);
    expect((await world.alerts.lastAlert('O-'))?.alertId).not.toBe(world.notices[0]?.alert.alertId);
    expect(world.sent).toHaveLength(2);
  });
});

describe('thresholds per group', () => {
  it('lets an admin change a group, audited, and detection uses it', async () => {
    // Act: with red below 0.5 days, O− at 0.86 days is amber.
    const change = await changeThresholds(
      world.alerts,
      { group: 'O-', amberBelowDays: 3, redBelowDays: 0.5 },
      ADMIN,
    );
    const rows = (await runStockCheck(world.deps, 'schedule')).rows;
    // Assess
    expect(change).toEqual({ ok: true, group: 'O-', thresholds: { amberBelowDays: 3, redBelowDays: 0.5 } });
    expect(rows.find((r) => r.group === 'O-')?.level).toBe('amber');
    const listed = await listThresholds(world.alerts, world.deps.policy);
    expect(listed.find((t) => t.group === 'O-')).toMatchObject({ custom: true });
    expect(listed.find((t) => t.group === 'A+')).toMatchObject({
      custom: false,
      thresholds: { amberBelowDays: 2, redBelowDays: 1 },
    });
    const audit = await world.store.auditByEntity('thresholds', 'O-');
    expect(audit).toEqual([expect.objectContaining({ action: 'thresholds.changed', actor: ADMIN })]);
  });

  it.each([
    [{ ...ADMIN, role: 'staff' as const }, { amberBelowDays: 3, redBelowDays: 1 }, 'forbidden'],
    [ADMIN, { amberBelowDays: 1, redBelowDays: 2 }, 'invalid'],
    [ADMIN, { amberBelowDays: 2, redBelowDays: 0 }, 'invalid'],
    [ADMIN, { amberBelowDays: Number.NaN, redBelowDays: 1 }, 'invalid'],
  ])('refuses %o setting %o (%s)', async (actor, thresholds, reason) => {
    const change = await changeThresholds(world.alerts, { group: 'A+', ...thresholds }, actor);
    expect(change).toMatchObject({ ok: false, reason });
    expect((await world.alerts.thresholds())['A+']).toBeUndefined();
  });
});
