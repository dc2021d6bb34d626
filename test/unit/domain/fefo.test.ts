import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../../fulfillment/domain/errors.js';
import { type CandidateUnit, planAllocation } from '../../../fulfillment/domain/fefo.js';
import { POLICIES } from '../../../fulfillment/domain/policy.js';
import { expiryDate } from '../../../fulfillment/domain/shelfLife.js';

const TODAY = '2026-01-10';

function unit(
  din: string,
  group: CandidateUnit['group'],
  expiresOn: string,
  component: CandidateUnit['component'] = 'red_cells',
): CandidateUnit {
  return { din, group, component, expiresOn, site: 'CITY' };
}

function plan(candidates: CandidateUnit[], overrides: Partial<Parameters<typeof planAllocation>[0]> = {}) {
  return planAllocation({
    recipient: 'A+',
    component: 'red_cells',
    count: 1,
    today: TODAY,
    candidates,
    ...overrides,
  });
}

const dins = (result: ReturnType<typeof plan>) => result.units.map((u) => u.din);

describe('planAllocation', () => {
  it('issues the first to expire, not the lowest unit number', () => {
    // Prepare
    const candidates = [unit('G123426000001', 'A+', '2026-02-10'), unit('G123426000002', 'A+', '2026-01-20')];
    // Act
    const result = plan(candidates, { count: 2 });
    // Assess
    expect(dins(result)).toEqual(['G123426000002', 'G123426000001']);
  });

  it('breaks an expiry tie by DIN, whatever the input order', () => {
    // Prepare
    const candidates = [unit('G123426000009', 'A+', '2026-01-20'), unit('G123426000003', 'A+', '2026-01-20')];
    // Act
    const result = plan(candidates);
    // Assess
    expect(dins(result)).toEqual(['G123426000003']);
  });

  it.each(['US', 'UK'] as const)(
    '%s: cryo collected weeks ago is still allocatable (its life is not 5 days)',
    (id) => {
      // Prepare
      const expiresOn = expiryDate('cryo', '2025-11-01', POLICIES[id]);
      // Act
      const result = plan([unit('G123425000100', 'A+', expiresOn, 'cryo')], { component: 'cryo' });
      // Assess
      expect(dins(result)).toEqual(['G123425000100']);
    },
  );

  it.each([
    ['expired yesterday', '2026-01-09', 1],
    ['expires today', '2026-01-10', 0],
    ['expires tomorrow', '2026-01-11', 0],
  ])('a unit that %s → shortBy %i', (_label, expiresOn, shortBy) => {
    // Act
    const result = plan([unit('G123426000001', 'A+', expiresOn)]);
    // Assess
    expect(result.shortBy).toBe(shortBy);
    expect(result.units).toHaveLength(1 - shortBy);
  });

  it('prefers ABO-identical even when a compatible unit expires sooner (DOMAIN.md "Prefer ABO-identical, then compatible")', () => {
    // Prepare
    const candidates = [unit('G123426000001', 'O+', '2026-01-11'), unit('G123426000002', 'A+', '2026-01-30')];
    // Act
    const result = plan(candidates, { count: 2 });
    // Assess
    expect(result.units.map((u) => [u.din, u.flags])).toEqual([
      ['G123426000002', ['abo_identical']],
      ['G123426000001', ['abo_compatible']],
    ]);
  });

  it('within a rank, uses the sooner-expiring RhD-negative unit for an RhD-positive patient', () => {
    // Prepare
    const candidates = [unit('G123426000001', 'A+', '2026-01-30'), unit('G123426000002', 'A-', '2026-01-15')];
    // Act
    const result = plan(candidates);
    // Assess
    expect(dins(result)).toEqual(['G123426000002']);
  });

  it('fills what it can and reports how many are short', () => {
    // Prepare
    const candidates = [unit('G123426000001', 'A+', '2026-01-20'), unit('G123426000002', 'O-', '2026-01-25')];
    // Act
    const result = plan(candidates, { count: 3 });
    // Assess
    expect(dins(result)).toEqual(['G123426000001', 'G123426000002']);
    expect(result.shortBy).toBe(1);
  });

  it('never offers the same DIN twice', () => {
    // Prepare
    const candidates = [unit('G123426000001', 'A+', '2026-01-20'), unit('G123426000001', 'A+', '2026-01-20')];
    // Act
    const result = plan(candidates, { count: 2 });
    // Assess
    expect(dins(result)).toEqual(['G123426000001']);
    expect(result.shortBy).toBe(1);
  });

  it('skips incompatible groups (AB to an A patient) and other components', () => {
    // Prepare
    const candidates = [
      unit('G123426000001', 'AB+', '2026-01-11'),
      unit('G123426000002', 'B+', '2026-01-11'),
      unit('G123426000003', 'A+', '2026-01-11', 'platelets'),
    ];
    // Act
    const result = plan(candidates);
    // Assess
    expect(result).toEqual({ units: [], shortBy: 1 });
  });

  it.each([
    [false, [], 1],
    [true, [['G123426000001', ['abo_identical', 'rhd_positive_to_negative']]], 0],
  ] as const)('A− patient, only A+ stock, allowRhPositive %s', (allowRhPositive, expected, shortBy) => {
    // Act
    const result = plan([unit('G123426000001', 'A+', '2026-01-20')], { recipient: 'A-', allowRhPositive });
    // Assess
    expect(result.units.map((u) => [u.din, u.flags])).toEqual(expected);
    expect(result.shortBy).toBe(shortBy);
  });

  it('gives an unknown-group emergency only O−, flagged', () => {
    // Prepare
    const candidates = [unit('G123426000001', 'O+', '2026-01-11'), unit('G123426000002', 'O-', '2026-01-20')];
    // Act
    const result = plan(candidates, { recipient: 'unknown', count: 2 });
    // Assess
    expect(result.units.map((u) => [u.din, u.flags])).toEqual([
      ['G123426000002', ['abo_compatible', 'emergency_o_negative']],
    ]);
    expect(result.shortBy).toBe(1);
  });

  it('does not mutate its input and returns units with their site', () => {
    // Prepare
    const candidates = [unit('G123426000001', 'A+', '2026-01-30'), unit('G123426000002', 'A+', '2026-01-15')];
    const snapshot = structuredClone(candidates);
    // Act
    const result = plan(candidates, { count: 2 });
    // Assess
    expect(candidates).toEqual(snapshot);
    expect(result.units[0]).toMatchObject({ site: 'CITY', component: 'red_cells', group: 'A+' });
  });

  it.each([[0], [1.5], [-1], [Number.NaN]])('count %d: 0 plans nothing, others throw', (count) => {
    // Act
    const act = () => plan([unit('G123426000001', 'A+', '2026-01-30')], { count });
    // Assess
    if (count === 0) expect(act()).toEqual({ units: [], shortBy: 0 });
    else expect(act).toThrow(InvalidArgumentError);
  });
});
