/**
 * The thresholds use case validates what an admin sets, whatever the channel: 0 < red < amber ≤ 30
 * days of supply. A bad value is answered plainly and nothing is stored.
 */
import { describe, expect, it } from 'vitest';
import type { Thresholds } from '../../../fulfillment/domain/supply.js';
import type { BloodGroup } from '../../../fulfillment/domain/vocabulary.js';
import {
  changeThresholds,
  INVALID_THRESHOLDS,
  MAX_THRESHOLD_DAYS,
} from '../../../fulfillment/usecases/alerts/thresholds.js';

const admin = { userId: 'admin@example.org', role: 'admin', channel: 'slack' } as const;

function memoryStore() {
  const saved: Array<{ group: BloodGroup; thresholds: Thresholds }> = [];
  return {
    saved,
    async setThresholds(group: BloodGroup, thresholds: Thresholds) {
      saved.push({ group, thresholds });
    },
  };
}

describe('changeThresholds', () => {
  it.each([
    [3, 1.5],
    [2, 1],
    [MAX_THRESHOLD_DAYS, 29.5],
    [0.5, 0.25],
    [30, 1],
  ])('amber %d, red %d → stored', async (amberBelowDays, redBelowDays) => {
    // Prepare
    const store = memoryStore();
    // Act
    const change = await changeThresholds(store, { group: 'O-', amberBelowDays, redBelowDays }, admin);
    // Assess
    expect(change).toEqual({ ok: true, group: 'O-', thresholds: { amberBelowDays, redBelowDays } });
    expect(store.saved).toEqual([{ group: 'O-', thresholds: { amberBelowDays, redBelowDays } }]);
  });

  it.each([
    ['amber far above a month', 300, 1],
    ['amber just above 30', 30.5, 1],
    ['red above amber', 1, 3],
    ['red equal to amber', 2, 2],
    ['red zero', 3, 0],
    ['red negative', 3, -1],
    ['amber zero', 0, 0],
    ['amber not a number', Number.NaN, 1],
    ['red infinite', 3, Number.POSITIVE_INFINITY],
  ])('%s (amber %d, red %d) → refused, nothing stored', async (_label, amberBelowDays, redBelowDays) => {
    // Prepare
    const store = memoryStore();
    // Act
    const change = await changeThresholds(store, { group: 'A+', amberBelowDays, redBelowDays }, admin);
    // Assess
    expect(change).toEqual({ ok: false, reason: 'invalid', message: INVALID_THRESHOLDS });
    expect(store.saved).toEqual([]);
  });

  it('says the rule in words an admin can act on', () => {
    expect(INVALID_THRESHOLDS).toBe(
      'Thresholds are days of supply with 0 < red < amber ≤ 30 (for example amber 3, red 1.5). Nothing was changed.',
    );
  });

  it('refuses staff before looking at the values', async () => {
    // Prepare
    const store = memoryStore();
    // Act
    const change = await changeThresholds(
      store,
      { group: 'A+', amberBelowDays: 3, redBelowDays: 1 },
      { ...admin, role: 'staff' },
    );
    // Assess
    expect(change).toMatchObject({ ok: false, reason: 'forbidden' });
    expect(store.saved).toEqual([]);
  });
});
