import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../fulfillment/domain/errors.js';
import { DEFAULT_POLICY_ID, POLICIES, type PolicyId, policyFor } from '../../../fulfillment/domain/policy.js';

describe('policy presets', () => {
  it('defaults to US', () => {
    // Act
    const policy = policyFor(DEFAULT_POLICY_ID);
    // Assess
    expect(policy.id).toBe('US');
  });

  it.each([
    // Figures from DOMAIN.md "Donor eligibility"; each row would catch a mistyped number.
    ['US', 'whole_blood', 56, 6],
    ['US', 'double_red_cells', 112, 3],
    ['US', 'platelets', 7, 24],
    ['US', 'plasma', 28, 13],
    ['UK', 'whole_blood', { M: 84, F: 112 }, null],
    ['UK', 'double_red_cells', 182, null],
    ['UK', 'platelets', 14, 24],
    ['UK', 'plasma', 28, null],
  ] as const)('%s %s: every %o days, at most %s a year', (id, type, days, maxPerYear) => {
    // Act
    const interval = policyFor(id).intervals[type];
    // Assess
    expect(interval).toEqual({ days, maxPerYear });
  });

  it.each([
    ['US', 17, null, 50, { F: 12.5, M: 13.0 }],
    ['UK', 17, 65, 50, { F: 12.5, M: 13.5 }],
  ] as const)(
    '%s donors: age ≥ %i, first donation up to %s, ≥ %i kg, Hb %o',
    (id, minAge, maxFirst, kg, hb) => {
      // Act
      const policy = policyFor(id);
      // Assess
      expect(policy).toMatchObject({
        minAgeYears: minAge,
        maxFirstDonationAgeYears: maxFirst,
        minWeightKg: kg,
        minHaemoglobin: hb,
      });
    },
  );

  it.each([
    ['US', { whole_blood: 35, red_cells: 42, platelets: 5, plasma: 365, cryo: 365 }],
    ['UK', { whole_blood: 35, red_cells: 35, platelets: 7, plasma: 1095, cryo: 1095 }],
  ] as const)('%s shelf lives %o', (id, expected) => {
    // Act
    const shelfLife = policyFor(id).shelfLifeDays;
    // Assess
    expect(shelfLife).toEqual(expected);
  });

  it.each(['US', 'UK'] as const)('%s stock levels: amber below 2 days, red below 1', (id) => {
    // Act
    const levels = policyFor(id).stockLevels;
    // Assess
    expect(levels).toEqual({ amberBelowDays: 2, redBelowDays: 1 });
  });

  it.each(['US', 'UK'] as const)('%s is frozen all the way down', (id) => {
    // Prepare
    const policy = POLICIES[id];
    // Act
    const mutate = () => {
      policy.intervals.whole_blood.maxPerYear = 99;
    };
    // Assess
    expect(mutate).toThrow(TypeError);
    expect(Object.isFrozen(policy.shelfLifeDays)).toBe(true);
  });

  it('throws for an id that slipped past the types', () => {
    // Act / Assess
    expect(() => policyFor('FR' as PolicyId)).toThrow(DomainError);
  });
});
