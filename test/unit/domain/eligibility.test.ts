import { describe, expect, it } from 'vitest';
import {
  ageOn,
  checkEligibility,
  type Deferral,
  type DonationRecord,
  type DonorProfile,
  nextEligibleDate,
} from '../../../fulfillment/domain/eligibility.js';
import { InvalidDateError } from '../../../fulfillment/domain/errors.js';
import { POLICIES, type PolicyId } from '../../../fulfillment/domain/policy.js';
import type { DonationType } from '../../../fulfillment/domain/vocabulary.js';

const ADULT: DonorProfile = { dateOfBirth: '1990-05-20', sex: 'M', weightKg: 80, firstDonation: false };

function check(overrides: {
  policy?: PolicyId;
  profile?: Partial<DonorProfile>;
  history?: DonationRecord[];
  deferrals?: Deferral[];
  donationType?: DonationType;
  on: string;
}) {
  return checkEligibility({
    profile: { ...ADULT, ...overrides.profile },
    history: overrides.history ?? [],
    deferrals: overrides.deferrals ?? [],
    donationType: overrides.donationType ?? 'whole_blood',
    on: overrides.on,
    policy: POLICIES[overrides.policy ?? 'US'],
  });
}

const wholeBlood = (...dates: string[]): DonationRecord[] =>
  dates.map((date) => ({ date, type: 'whole_blood' }));

describe('ageOn', () => {
  it.each([
    ['2000-01-01', '2017-01-01', 17],
    ['2000-01-02', '2017-01-01', 16],
    ['2000-12-31', '2017-12-30', 16],
    ['2000-12-31', '2017-12-31', 17],
    // Leap-day birthdays are completed on 1 March in common years.
    ['2008-02-29', '2025-02-28', 16],
    ['2008-02-29', '2025-03-01', 17],
    ['2008-02-29', '2028-02-28', 19],
    ['2008-02-29', '2028-02-29', 20],
  ])('born %s is %i on %s', (dob, on, expected) => {
    // Act
    const age = ageOn(dob, on);
    // Assess
    expect(age).toBe(expected);
  });

  it.each(['2025-02-29', '2025-13-01', '20250101', ''])('rejects the impossible date %j', (bad) => {
    // Act / Assess
    expect(() => ageOn(bad, '2026-01-01')).toThrow(InvalidDateError);
  });
});

describe('donation intervals', () => {
  it.each([
    // US whole blood 56 days: donated 1 Jan → eligible 26 Feb (DOMAIN.md worked example).
    ['US', 'M', 'whole_blood', 'whole_blood', '2026-02-26'],
    ['US', 'F', 'whole_blood', 'whole_blood', '2026-02-26'],
    ['US', 'M', 'whole_blood', 'double_red_cells', '2026-04-23'], // 112 days
    ['US', 'M', 'whole_blood', 'platelets', '2026-01-08'], // 7 days
    ['US', 'M', 'whole_blood', 'plasma', '2026-01-29'], // 28 days
    // UK 12 weeks men, 16 weeks women; unknown sex gets the longer.
    ['UK', 'M', 'whole_blood', 'whole_blood', '2026-03-26'],
    ['UK', 'F', 'whole_blood', 'whole_blood', '2026-04-23'],
    ['UK', undefined, 'whole_blood', 'whole_blood', '2026-04-23'],
    ['UK', 'M', 'whole_blood', 'double_red_cells', '2026-07-02'], // 26 weeks
    ['UK', 'M', 'platelets', 'platelets', '2026-01-15'], // 2 weeks
    // UK plasma "4 weeks after a whole-blood donation".
    ['UK', 'F', 'whole_blood', 'plasma', '2026-01-29'],
  ] as const)('%s %s: after %s on 2026-01-01, %s from %s', (policy, sex, donated, checked, expected) => {
    // Prepare
    const history: DonationRecord[] = [{ date: '2026-01-01', type: donated }];
    const dayBefore = new Date(Date.parse(`${expected}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    // Act
    const before = check({ policy, profile: { sex }, history, donationType: checked, on: dayBefore });
    const onTheDay = check({ policy, profile: { sex }, history, donationType: checked, on: expected });
    // Assess
    expect(before).toEqual({
      eligible: false,
      donationType: checked,
      nextEligibleOn: expected,
      reasons: [{ code: 'interval', until: expected, detail: expect.any(String) }],
    });
    expect(onTheDay).toEqual({ eligible: true, donationType: checked, since: expected });
  });

  it('measures from the most recent donation of any type, not the oldest', () => {
    // Prepare
    const history: DonationRecord[] = [
      { date: '2026-03-01', type: 'plasma' },
      { date: '2026-01-01', type: 'whole_blood' },
    ];
    // Act
    const result = check({ history, on: '2026-03-10' });
    // Assess
    expect(result).toMatchObject({ eligible: false, nextEligibleOn: '2026-04-26' }); // 1 Mar + 56
  });
});

describe('annual limits (trailing 365 days)', () => {
  // Six US whole-blood donations 56 days apart, the last on 8 Oct 2025.
  const six = wholeBlood('2025-01-01', '2025-02-26', '2025-04-23', '2025-06-18', '2025-08-13', '2025-10-08');

  it('at the limit, waits for the oldest donation to age out, later than the interval', () => {
    // Act
    const afterInterval = check({ history: six, on: '2025-12-03' });
    const agedOut = check({ history: six, on: '2026-01-01' });
    // Assess
    expect(afterInterval).toEqual({
      eligible: false,
      donationType: 'whole_blood',
      nextEligibleOn: '2026-01-01',
      reasons: [{ code: 'annual_limit', until: '2026-01-01', detail: expect.any(String) }],
    });
    expect(agedOut).toEqual({ eligible: true, donationType: 'whole_blood', since: '2026-01-01' });
  });

  it.each([
    ['five in the year', six.slice(1), '2025-12-03'],
    [
      'six, the oldest already a year old',
      wholeBlood('2024-10-08', ...six.slice(1).map((d) => d.date)),
      '2025-12-03',
    ],
    // Imported data over the limit: two must age out, so the second oldest decides.
    ['seven in the year', wholeBlood('2024-12-20', ...six.map((d) => d.date)), '2026-01-01'],
  ])('%s → next eligible %s', (_label, history, expected) => {
    // Act
    const next = nextEligibleDate({
      profile: ADULT,
      history,
      deferrals: [],
      donationType: 'whole_blood',
      policy: POLICIES.US,
      from: '2025-10-09',
    });
    // Assess
    expect(next).toBe(expected);
  });

  it('counts only the type being checked', () => {
    // Prepare: three whole-blood donations would fill the double-red limit (3 a year) if they counted.
    const history = wholeBlood('2025-01-01', '2025-03-01', '2025-05-01');
    // Act
    const result = check({ history, donationType: 'double_red_cells', on: '2025-08-21' });
    // Assess
    expect(result).toEqual({ eligible: true, donationType: 'double_red_cells', since: '2025-08-21' });
  });
});

describe('deferrals', () => {
  it.each([
    ['a deferral later than the interval wins', '2026-03-15', '2026-03-15'],
    ['an interval later than the deferral wins', '2026-01-20', '2026-02-26'],
  ])('%s', (_label, until, expected) => {
    // Act
    const result = check({
      history: wholeBlood('2026-01-01'),
      deferrals: [{ until, reason: 'travel' }],
      on: '2026-01-10',
    });
    // Assess
    expect(result).toMatchObject({ eligible: false, nextEligibleOn: expected });
  });

  it('lists every reason in force and the latest decides', () => {
    // Act
    const result = check({
      history: wholeBlood('2026-01-01'),
      deferrals: [
        { until: '2026-03-15', reason: 'travel' },
        { until: '2026-01-05', reason: 'medication' }, // already over
        { until: '2026-02-01', reason: 'tattoo' },
      ],
      on: '2026-01-10',
    });
    // Assess
    expect(result).toEqual({
      eligible: false,
      donationType: 'whole_blood',
      nextEligibleOn: '2026-03-15',
      reasons: [
        { code: 'interval', until: '2026-02-26', detail: expect.any(String) },
        { code: 'deferral', until: '2026-03-15', detail: 'travel' },
        { code: 'deferral', until: '2026-02-01', detail: 'tattoo' },
      ],
    });
  });

  it('is eligible on the deferral end date, since that date', () => {
    // Act
    const result = check({ deferrals: [{ until: '2026-03-15', reason: 'tattoo' }], on: '2026-03-15' });
    // Assess
    expect(result).toEqual({ eligible: true, donationType: 'whole_blood', since: '2026-03-15' });
  });
});

describe('age and weight', () => {
  it.each([
    [
      'day before the 17th birthday',
      '2009-06-15',
      '2026-06-14',
      { eligible: false, nextEligibleOn: '2026-06-15' },
    ],
    ['on the 17th birthday', '2009-06-15', '2026-06-15', { eligible: true, since: '2026-06-15' }],
    [
      'leap-day born, 28 Feb of the 17th year',
      '2008-02-29',
      '2025-02-28',
      { eligible: false, nextEligibleOn: '2025-03-01' },
    ],
    [
      'leap-day born, 1 Mar of the 17th year',
      '2008-02-29',
      '2025-03-01',
      { eligible: true, since: '2025-03-01' },
    ],
  ])('%s', (_label, dateOfBirth, on, expected) => {
    // Act
    const result = check({ profile: { dateOfBirth }, on });
    // Assess
    expect(result).toMatchObject(expected);
  });

  it('names too_young with the 17th birthday', () => {
    // Act
    const result = check({ profile: { dateOfBirth: '2009-06-15' }, on: '2026-01-01' });
    // Assess
    expect(result).toMatchObject({ reasons: [{ code: 'too_young', until: '2026-06-15' }] });
  });

  it.each([
    ['UK first donation at 65', 'UK', true, '2026-03-09', true],
    ['UK first donation on the 66th birthday', 'UK', true, '2026-03-10', false],
    ['UK regular donor at 70', 'UK', false, '2030-03-10', true],
    ['US first donation at 80', 'US', true, '2040-03-10', true],
  ] as const)('%s', (_label, policy, firstDonation, on, eligible) => {
    // Act
    const result = check({ policy, profile: { dateOfBirth: '1960-03-10', firstDonation }, on });
    // Assess
    expect(result.eligible).toBe(eligible);
    if (!result.eligible) {
      expect(result.nextEligibleOn).toBeNull();
      expect(result.reasons).toEqual([{ code: 'too_old', until: null, detail: expect.any(String) }]);
    }
  });

  it('refuses a UK first-timer whose deferral ends after their 66th birthday', () => {
    // Act
    const result = check({
      policy: 'UK',
      profile: { dateOfBirth: '1960-06-01', firstDonation: true },
      deferrals: [{ until: '2026-07-01', reason: 'travel' }],
      on: '2026-03-01',
    });
    // Assess
    expect(result).toMatchObject({
      eligible: false,
      nextEligibleOn: null,
      reasons: [{ code: 'deferral' }, { code: 'too_old', until: null }],
    });
  });

  it.each([
    [49.9, false],
    [50, true],
    [undefined, true], // weighed at the session
  ])('weight %s kg → eligible %s', (weightKg, eligible) => {
    // Act
    const result = check({ profile: { weightKg }, on: '2026-01-01' });
    const next = nextEligibleDate({
      profile: { ...ADULT, weightKg },
      history: [],
      deferrals: [],
      donationType: 'whole_blood',
      policy: POLICIES.UK,
      from: '2026-01-01',
    });
    // Assess
    expect(result.eligible).toBe(eligible);
    expect(next).toBe(eligible ? '2026-01-01' : null);
    if (!result.eligible) expect(result.reasons).toMatchObject([{ code: 'underweight', until: null }]);
  });
});

describe('nextEligibleDate', () => {
  it('returns `from` when nothing is in force', () => {
    // Act
    const next = nextEligibleDate({
      profile: ADULT,
      history: wholeBlood('2020-01-01'),
      deferrals: [{ until: '2021-01-01', reason: 'travel' }],
      donationType: 'whole_blood',
      policy: POLICIES.US,
      from: '2026-05-05',
    });
    // Assess
    expect(next).toBe('2026-05-05');
  });

  it.each([
    ['history', { history: wholeBlood('2026-02-30') }],
    ['deferral', { deferrals: [{ until: 'soon', reason: 'travel' }] }],
    ['on', { on: '2026-1-1' }],
  ])('rejects a malformed %s date', (_label, overrides) => {
    // Act / Assess
    expect(() => check({ on: '2026-01-01', ...overrides })).toThrow(InvalidDateError);
  });
});
