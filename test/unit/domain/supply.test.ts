import { describe, expect, it } from 'vitest';
import { InvalidArgumentError, InvalidThresholdsError } from '../../../fulfillment/domain/errors.js';
import { POLICIES } from '../../../fulfillment/domain/policy.js';
import {
  averageDailyIssues,
  daysOfSupply,
  MAX_DAYS_OF_SUPPLY,
  publicLevel,
  stockLevel,
  thresholdsFor,
  thresholdsSchema,
} from '../../../fulfillment/domain/supply.js';

const NHSBT = { amberBelowDays: 2, redBelowDays: 1 };

describe('averageDailyIssues', () => {
  it.each([
    [[], 5, 5], // no history → the configured default
    [[0, 0, 0], 5, 0], // history of issuing nothing is real history
    [[2, 4, 6], 5, 4],
    [[10], 5, 10],
    [[1, 2], 0, 1.5],
  ])('%o with fallback %d → %d', (window, fallback, expected) => {
    // Act
    const average = averageDailyIssues(window, fallback);
    // Assess
    expect(average).toBe(expected);
  });

  it.each([
    [[1, -1], 5],
    [[Number.NaN], 5],
    [[], -1],
    [[], Number.POSITIVE_INFINITY],
  ])('throws for window %o, fallback %d', (window, fallback) => {
    // Act / Assess
    expect(() => averageDailyIssues(window, fallback)).toThrow(InvalidArgumentError);
  });
});

describe('daysOfSupply', () => {
  it.each([
    [12, 4, 3],
    [3, 2, 1.5],
    [0, 4, 0],
    [0, 0, 0], // an empty shelf is never "infinite supply"
    [5, 0, MAX_DAYS_OF_SUPPLY],
    [1_000_000, 1, MAX_DAYS_OF_SUPPLY],
  ])('%d units at %d a day → %d days', (units, avg, expected) => {
    // Act
    const days = daysOfSupply(units, avg);
    // Assess
    expect(days).toBe(expected);
    expect(Number.isFinite(days)).toBe(true);
  });

  it.each([
    [-1, 1],
    [1, -1],
    [Number.NaN, 1],
    [1, Number.NaN],
  ])('throws for (%d, %d)', (units, avg) => {
    // Act / Assess
    expect(() => daysOfSupply(units, avg)).toThrow(InvalidArgumentError);
  });
});

describe('stockLevel', () => {
  it.each([
    [0, 'red'],
    [0.99, 'red'],
    [1, 'amber'], // "red < 1 day"
    [1.99, 'amber'],
    [2, 'green'], // "green ≥ 2 days"
    [6, 'green'],
    [MAX_DAYS_OF_SUPPLY, 'green'],
  ] as const)('%d days → %s', (days, expected) => {
    // Act
    const level = stockLevel(days, NHSBT);
    // Assess
    expect(level).toBe(expected);
  });

  it('uses per-group thresholds: 3 days is amber when O− warns below 4', () => {
    // Prepare
    const thresholds = thresholdsFor('O-', { 'O-': { amberBelowDays: 4, redBelowDays: 2 } }, POLICIES.US);
    // Act
    const level = stockLevel(3, thresholds);
    // Assess
    expect(level).toBe('amber');
    expect(thresholdsFor('A+', { 'O-': thresholds }, POLICIES.US)).toEqual(NHSBT);
  });

  it.each([
    [{ amberBelowDays: 1, redBelowDays: 2 }],
    [{ amberBelowDays: 1, redBelowDays: 1 }],
    [{ amberBelowDays: 2, redBelowDays: 0 }],
    [{ amberBelowDays: 2, redBelowDays: -1 }],
    [{ amberBelowDays: Number.NaN, redBelowDays: 1 }],
  ])('rejects thresholds %o', (thresholds) => {
    // Act / Assess
    expect(thresholdsSchema.safeParse(thresholds).success).toBe(false);
    expect(() => stockLevel(1, thresholds)).toThrow(InvalidThresholdsError);
  });

  it.each([[-0.5], [Number.NaN]])('throws for %d days', (days) => {
    // Act / Assess
    expect(() => stockLevel(days, NHSBT)).toThrow(InvalidArgumentError);
  });

  it('end to end: 5 O− units issued about 3 a day is amber, shown publicly as low', () => {
    // Prepare
    const avg = averageDailyIssues([3, 3, 2, 4], POLICIES.US.defaultDailyIssues.red_cells);
    // Act
    const level = stockLevel(daysOfSupply(5, avg), POLICIES.US.stockLevels);
    // Assess
    expect(level).toBe('amber');
    expect(publicLevel(level)).toBe('low');
  });
});

describe('publicLevel', () => {
  it.each([
    ['green', 'ok'],
    ['amber', 'low'],
    ['red', 'critical'],
  ] as const)('%s → %s', (level, expected) => {
    // Act
    const shown = publicLevel(level);
    // Assess
    expect(shown).toBe(expected);
  });
});
