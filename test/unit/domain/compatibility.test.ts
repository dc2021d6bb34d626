import { describe, expect, it } from 'vitest';
import {
  canReceive,
  donorChoices,
  donorsWhoCanServe,
  type Recipient,
} from '../../../fulfillment/domain/compatibility.js';
import { BLOOD_GROUPS, type BloodGroup, COMPONENTS } from '../../../fulfillment/domain/vocabulary.js';

// Expected tables written out by hand from DOMAIN.md, not derived from the code under test.
// Rows: recipient; columns: donor, in this order.
const COLUMNS: BloodGroup[] = ['O+', 'O-', 'A+', 'A-', 'B+', 'B-', 'AB+', 'AB-'];

const RED_CELLS: Record<BloodGroup, string> = {
  //       O+ O- A+ A- B+ B- AB+ AB-
  'O+': '1  1  0  0  0  0  0   0',
  'O-': '0  1  0  0  0  0  0   0',
  'A+': '1  1  1  1  0  0  0   0',
  'A-': '0  1  0  1  0  0  0   0',
  'B+': '1  1  0  0  1  1  0   0',
  'B-': '0  1  0  0  0  1  0   0',
  'AB+': '1  1  1  1  1  1  1   1',
  'AB-': '0  1  0  1  0  1  0   1',
};

const PLASMA: Record<BloodGroup, string> = {
  //       O+ O- A+ A- B+ B- AB+ AB-
  'O+': '1  1  1  1  1  1  1   1',
  'O-': '1  1  1  1  1  1  1   1',
  'A+': '0  0  1  1  0  0  1   1',
  'A-': '0  0  1  1  0  0  1   1',
  'B+': '0  0  0  0  1  1  1   1',
  'B-': '0  0  0  0  1  1  1   1',
  'AB+': '0  0  0  0  0  0  1   1',
  'AB-': '0  0  0  0  0  0  1   1',
};

const WHOLE_BLOOD: Record<BloodGroup, string> = {
  //       O+ O- A+ A- B+ B- AB+ AB-
  'O+': '1  1  0  0  0  0  0   0',
  'O-': '0  1  0  0  0  0  0   0',
  'A+': '0  0  1  1  0  0  0   0',
  'A-': '0  0  0  1  0  0  0   0',
  'B+': '0  0  0  0  1  1  0   0',
  'B-': '0  0  0  0  0  1  0   0',
  'AB+': '0  0  0  0  0  0  1   1',
  'AB-': '0  0  0  0  0  0  0   1',
};

function pairs(table: Record<BloodGroup, string>): Array<[BloodGroup, BloodGroup, boolean]> {
  return BLOOD_GROUPS.flatMap((recipient) => {
    const cells = table[recipient].split(/\s+/);
    return COLUMNS.map((donor, i): [BloodGroup, BloodGroup, boolean] => [recipient, donor, cells[i] === '1']);
  });
}

describe('canReceive, every recipient × donor pair', () => {
  it.each(pairs(RED_CELLS))('red cells: %s ← %s is %s', (recipient, donor, expected) => {
    // Act
    const result = canReceive(recipient, donor, 'red_cells');
    // Assess
    expect(result).toBe(expected);
  });

  it.each(pairs(PLASMA))('plasma and cryo: %s ← %s is %s', (recipient, donor, expected) => {
    // Act
    const plasma = canReceive(recipient, donor, 'plasma');
    const cryo = canReceive(recipient, donor, 'cryo');
    // Assess
    expect(plasma).toBe(expected);
    expect(cryo).toBe(expected);
  });

  it.each(pairs(WHOLE_BLOOD))('whole blood: %s ← %s is %s', (recipient, donor, expected) => {
    // Act
    const result = canReceive(recipient, donor, 'whole_blood');
    // Assess
    expect(result).toBe(expected);
  });

  it.each(pairs(RED_CELLS))(
    'platelets follow the red-cell table at most: %s ← %s is %s',
    (recipient, donor, expected) => {
      // Act
      const result = canReceive(recipient, donor, 'platelets');
      // Assess
      expect(result).toBe(expected);
    },
  );
});

describe('the AB-vs-A prefix bug', () => {
  it.each(['A+', 'A-'] as const)(
    'offers no AB unit to a group %s patient in any cellular component',
    (recipient) => {
      // Act
      const offered = (['red_cells', 'whole_blood', 'platelets'] as const).flatMap((component) =>
        donorChoices(recipient, component, { allowRhPositive: true }).map((c) => c.group),
      );
      // Assess
      expect(offered.filter((group) => group.startsWith('AB'))).toEqual([]);
    },
  );
});

describe('donorChoices order and flags', () => {
  it.each([
    ['A+', 'red_cells', {}, 'A+:0 A-:0 O+:1 O-:1'],
    ['A-', 'red_cells', {}, 'A-:0 O-:1'],
    ['A-', 'red_cells', { allowRhPositive: true }, 'A-:0 O-:1 A+:2 O+:3'],
    ['O-', 'red_cells', {}, 'O-:0'],
    ['O-', 'red_cells', { allowRhPositive: true }, 'O-:0 O+:1'],
    ['O+', 'red_cells', {}, 'O+:0 O-:0'],
    ['B+', 'red_cells', {}, 'B+:0 B-:0 O+:1 O-:1'],
    ['AB+', 'red_cells', {}, 'AB+:0 AB-:0 A+:1 B+:1 O+:1 A-:1 B-:1 O-:1'],
    ['AB-', 'red_cells', {}, 'AB-:0 A-:1 B-:1 O-:1'],
    ['O+', 'plasma', {}, 'O+:0 O-:0 A+:1 B+:1 A-:1 B-:1 AB+:1 AB-:1'],
    ['A-', 'cryo', {}, 'A-:0 A+:0 AB-:1 AB+:1'],
    ['AB-', 'plasma', { allowRhPositive: true }, 'AB-:0 AB+:0'],
    ['A+', 'platelets', {}, 'A+:0 A-:0 O+:1 O-:1'],
    ['B-', 'platelets', { allowRhPositive: true }, 'B-:0 O-:1 B+:2 O+:3'],
    ['A+', 'whole_blood', {}, 'A+:0 A-:0'],
    ['A-', 'whole_blood', { allowRhPositive: true }, 'A-:0 A+:1'],
    ['unknown', 'red_cells', {}, 'O-:0'],
    ['unknown', 'red_cells', { allowRhPositive: true }, 'O-:0'],
    ['unknown', 'whole_blood', {}, 'O-:0'],
    ['unknown', 'plasma', {}, 'AB+:0 AB-:0'],
    ['unknown', 'cryo', {}, 'AB+:0 AB-:0'],
    ['unknown', 'platelets', {}, 'O-:0'],
    ['unknown', 'platelets', { allowRhPositive: true }, 'O-:0 O+:1'],
  ] as const)('%s %s %o → %s', (recipient, component, options, expected) => {
    // Act
    const choices = donorChoices(recipient, component, options);
    // Assess
    expect(choices.map((c) => `${c.group}:${c.rank}`).join(' ')).toBe(expected);
  });

  it.each([
    ['A-', 'red_cells', 'A-', ['abo_identical']],
    ['A-', 'red_cells', 'O-', ['abo_compatible']],
    ['A-', 'red_cells', 'A+', ['abo_identical', 'rhd_positive_to_negative']],
    ['A-', 'red_cells', 'O+', ['abo_compatible', 'rhd_positive_to_negative']],
    ['A+', 'platelets', 'A-', ['abo_identical']],
    ['A+', 'platelets', 'O+', ['abo_compatible', 'platelet_abo_nonidentical']],
    ['O-', 'plasma', 'AB+', ['abo_compatible']],
    ['unknown', 'red_cells', 'O-', ['abo_compatible', 'emergency_o_negative']],
    ['unknown', 'platelets', 'O-', ['abo_compatible', 'platelet_abo_nonidentical', 'emergency_o_negative']],
    [
      'unknown',
      'platelets',
      'O+',
      ['abo_compatible', 'platelet_abo_nonidentical', 'rhd_positive_to_negative'],
    ],
  ] as const)('%s %s from %s is flagged %o', (recipient, component, donor, flags) => {
    // Act
    const choice = donorChoices(recipient, component, { allowRhPositive: true }).find(
      (c) => c.group === donor,
    );
    // Assess
    expect(choice?.flags).toEqual(flags);
  });

  const everyCase = [...BLOOD_GROUPS, 'unknown' as const].flatMap((recipient: Recipient) =>
    COMPONENTS.flatMap((component) => [true, false].map((allow) => [recipient, component, allow] as const)),
  );

  it.each(everyCase)(
    '%s %s (allowRhPositive %s): ranks are dense from 0 and never decrease',
    (recipient, component, allow) => {
      // Act
      const ranks = donorChoices(recipient, component, { allowRhPositive: allow }).map((c) => c.rank);
      // Assess
      expect(ranks[0]).toBe(0);
      ranks.slice(1).forEach((rank, i) => {
        expect(rank - ranks[i]!).toBeGreaterThanOrEqual(0);
        expect(rank - ranks[i]!).toBeLessThanOrEqual(1);
      });
      expect(new Set(donorChoices(recipient, component).map((c) => c.group)).size).toBe(
        donorChoices(recipient, component).length,
      );
    },
  );

  it.each(everyCase)(
    '%s %s (allowRhPositive %s): RhD-positive to RhD-negative only when allowed and always flagged',
    (recipient, component, allow) => {
      // Act
      const choices = donorChoices(recipient, component, { allowRhPositive: allow });
      const flagged = choices.filter((c) => c.flags.includes('rhd_positive_to_negative'));
      // Assess
      if (!allow) expect(flagged).toEqual([]);
      const lastUnflagged = Math.max(-1, ...choices.filter((c) => !flagged.includes(c)).map((c) => c.rank));
      for (const choice of flagged) expect(choice.rank).toBeGreaterThan(lastUnflagged);
    },
  );

  it('returns fresh objects, so a caller mutating flags cannot corrupt later answers', () => {
    // Prepare
    const first = donorChoices('A+', 'red_cells');
    first[0]!.flags.push('emergency_o_negative');
    // Act
    const second = donorChoices('A+', 'red_cells');
    // Assess
    expect(second[0]!.flags).toEqual(['abo_identical']);
  });
});

describe('donorsWhoCanServe', () => {
  it.each([
    ['O-', 'red_cells', ['O-']],
    ['O+', 'red_cells', ['O+', 'O-']],
    ['A+', 'red_cells', ['A+', 'A-', 'O+', 'O-']],
    ['AB-', 'red_cells', ['AB-', 'A-', 'B-', 'O-']],
    ['AB+', 'plasma', ['AB+', 'AB-']],
    ['B-', 'plasma', ['B-', 'B+', 'AB-', 'AB+']],
    ['A-', 'whole_blood', ['A-']],
  ] as const)('%s short in %s → %o', (short, component, expected) => {
    // Act
    const donors = donorsWhoCanServe(short, component);
    // Assess
    expect(donors).toEqual(expected);
  });
});
