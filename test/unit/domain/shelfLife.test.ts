import { describe, expect, it } from 'vitest';
import { InvalidDateError } from '../../../fulfillment/domain/errors.js';
import { POLICIES } from '../../../fulfillment/domain/policy.js';
import { expiryDate, isExpired, storage } from '../../../fulfillment/domain/shelfLife.js';

describe('expiryDate', () => {
  it.each([
    // 21 CFR 610.53 (US) and NHSBT (UK) figures from DOMAIN.md.
    ['US', 'whole_blood', '2026-01-01', '2026-02-05'], // 35 days, CPDA-1
    ['US', 'red_cells', '2026-01-01', '2026-02-12'], // 42
    ['US', 'platelets', '2026-01-01', '2026-01-06'], // 5
    ['US', 'plasma', '2026-01-01', '2027-01-01'], // 1 year
    ['US', 'cryo', '2026-01-01', '2027-01-01'], // 1 year, not 5 days
    ['UK', 'red_cells', '2026-01-01', '2026-02-05'], // 35
    ['UK', 'platelets', '2026-01-01', '2026-01-08'], // 7
    ['UK', 'plasma', '2026-01-01', '2028-12-31'], // 1095 days, 2028 is a leap year
    ['UK', 'cryo', '2026-01-01', '2028-12-31'],
    // Calendar edges: across a leap day and a year end.
    ['US', 'red_cells', '2028-02-20', '2028-04-02'],
    ['US', 'red_cells', '2027-02-20', '2027-04-03'],
    ['US', 'platelets', '2025-12-30', '2026-01-04'],
  ] as const)('%s %s collected %s expires %s', (policy, component, collectedOn, expected) => {
    // Act
    const expires = expiryDate(component, collectedOn, POLICIES[policy]);
    // Assess
    expect(expires).toBe(expected);
  });

  it('rejects an impossible collection date', () => {
    // Act / Assess
    expect(() => expiryDate('red_cells', '2026-02-29', POLICIES.US)).toThrow(InvalidDateError);
  });
});

describe('isExpired', () => {
  it.each([
    ['2026-01-10', '2026-01-09', false],
    ['2026-01-10', '2026-01-10', false], // usable on its expiry day
    ['2026-01-10', '2026-01-11', true],
    ['2026-01-31', '2026-02-01', true],
    ['2025-12-31', '2026-01-01', true],
    ['2026-12-31', '2026-01-01', false],
  ])('expiring %s, on %s → %s', (expiresOn, today, expected) => {
    // Act
    const expired = isExpired(expiresOn, today);
    // Assess
    expect(expired).toBe(expected);
  });

  it.each([
    ['2026-1-10', '2026-01-11'],
    ['2026-01-10', '2026-01-11T00:00:00Z'],
  ])('rejects non-calendar dates (%s, %s) rather than comparing strings', (expiresOn, today) => {
    // Act / Assess
    expect(() => isExpired(expiresOn, today)).toThrow(InvalidDateError);
  });
});

describe('storage', () => {
  it.each([
    ['whole_blood', { minC: 1, maxC: 6, agitated: false }],
    ['red_cells', { minC: 1, maxC: 6, agitated: false }],
    ['platelets', { minC: 20, maxC: 24, agitated: true }],
    ['plasma', { minC: null, maxC: -18, agitated: false }],
    ['cryo', { minC: null, maxC: -18, agitated: false }],
  ] as const)('%s → %o', (component, expected) => {
    // Act
    const conditions = storage(component);
    // Assess
    expect(conditions).toEqual(expected);
  });

  it('returns a copy the caller cannot use to change the table', () => {
    // Prepare
    storage('platelets').maxC = 99;
    // Act
    const conditions = storage('platelets');
    // Assess
    expect(conditions.maxC).toBe(24);
  });
});
