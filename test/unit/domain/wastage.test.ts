import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../../fulfillment/domain/errors.js';
import { wastage } from '../../../fulfillment/domain/wastage.js';

describe('wastage', () => {
  it('discards ÷ (issues + discards) per component, and each reason over the same total', () => {
    // Act
    const rows = wastage({
      issues: { red_cells: 90, platelets: 15 },
      discards: { red_cells: { expired: 6, damaged: 4 }, platelets: { expired: 5 }, cryo: { other: 2 } },
    });
    // Assess
    expect(rows).toEqual([
      { component: 'whole_blood', issues: 0, discards: 0, rate: null, byReason: [] },
      {
        component: 'red_cells',
        issues: 90,
        discards: 10,
        rate: 0.1,
        byReason: [
          { reason: 'expired', discards: 6, rate: 0.06 },
          { reason: 'damaged', discards: 4, rate: 0.04 },
        ],
      },
      {
        component: 'platelets',
        issues: 15,
        discards: 5,
        rate: 0.25,
        byReason: [{ reason: 'expired', discards: 5, rate: 0.25 }],
      },
      { component: 'plasma', issues: 0, discards: 0, rate: null, byReason: [] },
      {
        component: 'cryo',
        issues: 0,
        discards: 2,
        rate: 1,
        byReason: [{ reason: 'other', discards: 2, rate: 1 }],
      },
    ]);
  });

  it.each([
    [{ issues: { red_cells: -1 }, discards: {} }],
    [{ issues: { red_cells: 1.5 }, discards: {} }],
    [{ issues: {}, discards: { plasma: { damaged: Number.NaN } } }],
  ])('refuses counts that are not whole numbers ≥ 0: %o', (counts) => {
    // Act / Assess
    expect(() => wastage(counts)).toThrow(InvalidArgumentError);
  });
});
