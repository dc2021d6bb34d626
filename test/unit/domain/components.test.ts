import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ProcessingOptions, produceComponents } from '../../../fulfillment/domain/components.js';
import { addDays, daysBetween } from '../../../fulfillment/domain/dates.js';
import { InvalidArgumentError } from '../../../fulfillment/domain/errors.js';
import { POLICIES, type PolicyId } from '../../../fulfillment/domain/policy.js';
import { DONATION_TYPES, type DonationType } from '../../../fulfillment/domain/vocabulary.js';

const DIN = 'W123426000081';

describe('produceComponents', () => {
  it.each<[PolicyId, DonationType, ProcessingOptions, Array<[string, string]>]>([
    // DOMAIN.md: whole blood → red cells (42 days) + plasma (1 year), optionally platelets (5) or cryo (1 year).
    [
      'US',
      'whole_blood',
      {},
      [
        ['red_cells', '2026-02-12'],
        ['plasma', '2027-01-01'],
      ],
    ],
    [
      'US',
      'whole_blood',
      { platelets: true },
      [
        ['red_cells', '2026-02-12'],
        ['plasma', '2027-01-01'],
        ['platelets', '2026-01-06'],
      ],
    ],
    [
      'US',
      'whole_blood',
      { cryo: true },
      [
        ['red_cells', '2026-02-12'],
        ['plasma', '2027-01-01'],
        ['cryo', '2027-01-01'],
      ],
    ], // cryo never 5 days
    [
      'US',
      'whole_blood',
      { platelets: true, cryo: true },
      [
        ['red_cells', '2026-02-12'],
        ['plasma', '2027-01-01'],
        ['platelets', '2026-01-06'],
        ['cryo', '2027-01-01'],
      ],
    ],
    ['US', 'whole_blood', { keepWhole: true }, [['whole_blood', '2026-02-05']]], // 35 days, CPDA-1
    [
      'US',
      'double_red_cells',
      {},
      [
        ['red_cells_1', '2026-02-12'],
        ['red_cells_2', '2026-02-12'],
      ],
    ],
    ['US', 'platelets', {}, [['platelets', '2026-01-06']]],
    ['US', 'plasma', {}, [['plasma', '2027-01-01']]],
    ['US', 'platelets', { cryo: true, platelets: true }, [['platelets', '2026-01-06']]], // options are for whole blood
    // UK: NHSBT red cells 35 days, platelets 7, FFP and cryo 36 months.
    [
      'UK',
      'whole_blood',
      { cryo: true },
      [
        ['red_cells', '2026-02-05'],
        ['plasma', '2028-12-31'],
        ['cryo', '2028-12-31'],
      ],
    ],
    [
      'UK',
      'double_red_cells',
      {},
      [
        ['red_cells_1', '2026-02-05'],
        ['red_cells_2', '2026-02-05'],
      ],
    ],
    ['UK', 'platelets', {}, [['platelets', '2026-01-08']]],
  ])('%s %s %o → %o', (policy, donationType, options, expected) => {
    // Act
    const components = produceComponents({
      din: DIN,
      donationType,
      collectedOn: '2026-01-01',
      policy: POLICIES[policy],
      options,
    });
    // Assess
    expect(components.map((c) => [c.code, c.expiresOn])).toEqual(expected);
    expect(components.every((c) => c.din === DIN)).toBe(true);
    expect(new Set(components.map((c) => c.code)).size).toBe(components.length); // one code each
  });

  it.each([
    [{ din: 'W1234 26 000081 S' }, 'canonical DIN'],
    [{ options: { keepWhole: true, cryo: true } }, 'cannot also give'],
  ])('refuses %o', (overrides, message) => {
    // Act
    const act = () =>
      produceComponents({
        din: DIN,
        donationType: 'whole_blood',
        collectedOn: '2026-01-01',
        policy: POLICIES.US,
        ...overrides,
      });
    // Assess
    expect(act).toThrow(InvalidArgumentError);
    expect(act).toThrow(message);
  });

  it("property: no component's expiry is later than collection + the policy's shelf life, nor before collection", () => {
    fc.assert(
      fc.property(
        fc.constantFrom<PolicyId>('US', 'UK'),
        fc.constantFrom(...DONATION_TYPES),
        fc.record({ keepWhole: fc.boolean(), platelets: fc.boolean(), cryo: fc.boolean() }),
        fc.integer({ min: 0, max: 3650 }).map((d) => addDays('2024-01-01', d)),
        (id, donationType, options, collectedOn) => {
          // Prepare
          const policy = POLICIES[id];
          fc.pre(!(options.keepWhole && (options.platelets || options.cryo)));
          // Act
          const components = produceComponents({ din: DIN, donationType, collectedOn, policy, options });
          // Assess
          expect(components.length).toBeGreaterThan(0);
          for (const c of components) {
            const life = daysBetween(collectedOn, c.expiresOn);
            expect(life).toBeGreaterThan(0);
            expect(life).toBeLessThanOrEqual(policy.shelfLifeDays[c.component]);
          }
        },
      ),
    );
  });
});
