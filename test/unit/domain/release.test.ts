import { describe, expect, it } from 'vitest';
import { POLICIES, type PolicyId } from '../../../fulfillment/domain/policy.js';
import {
  applyDecision,
  decideRelease,
  type ReleaseInput,
  requiredMarkers,
} from '../../../fulfillment/domain/release.js';
import { collectedUnit } from '../../../fulfillment/domain/unit.js';
import type { Marker, TestResult } from '../../../fulfillment/domain/unitVocabulary.js';

const US_ALL: Marker[] = ['hiv', 'hbv', 'hcv', 'htlv', 'syphilis', 'wnv', 'chagas'];
const negative = (markers: readonly Marker[]): Partial<Record<Marker, TestResult>> =>
  Object.fromEntries(markers.map((m) => [m, 'negative']));

function decide(overrides: Partial<ReleaseInput> & { policy?: ReleaseInput['policy'] }) {
  return decideRelease({
    policy: POLICIES.US,
    results: negative(US_ALL),
    donorNonreactiveBefore: [],
    testedGroup: 'O+',
    recordGroup: 'O+',
    on: '2026-01-03',
    ...overrides,
  });
}

describe('requiredMarkers (the policy panel)', () => {
  it.each<[PolicyId, Marker[], Marker[]]>([
    // US 610.40: HIV-1/2, HBV, HCV, HTLV-I/II, syphilis, WNV; T. cruzi once per donor.
    ['US', [], ['hiv', 'hbv', 'hcv', 'htlv', 'syphilis', 'wnv', 'chagas']],
    ['US', ['chagas'], ['hiv', 'hbv', 'hcv', 'htlv', 'syphilis', 'wnv']],
    // UK adds HEV.
    ['UK', [], ['hiv', 'hbv', 'hcv', 'htlv', 'syphilis', 'wnv', 'hev', 'chagas']],
    ['UK', ['chagas', 'hiv'], ['hiv', 'hbv', 'hcv', 'htlv', 'syphilis', 'wnv', 'hev']], // only once-per-donor markers carry over
  ])('%s, donor already nonreactive for %o → %o', (id, before, expected) => {
    // Act
    const markers = requiredMarkers(POLICIES[id], before);
    // Assess
    expect(markers).toEqual(expected);
  });
});

describe('decideRelease', () => {
  it.each<[string, Partial<ReleaseInput>, ReturnType<typeof decideRelease>]>([
    ['all negative, group agrees', {}, { outcome: 'release', group: 'O+', setsDonorGroup: false }],
    [
      'repeat donor already tested for T. cruzi',
      { results: negative(US_ALL.filter((m) => m !== 'chagas')), donorNonreactiveBefore: ['chagas'] },
      { outcome: 'release', group: 'O+', setsDonorGroup: false },
    ],
    [
      'first-time donor: the group comes from the test',
      { recordGroup: null, testedGroup: 'AB-' },
      { outcome: 'release', group: 'AB-', setsDonorGroup: true },
    ],
    [
      'first-time donor without T. cruzi yet',
      { results: negative(US_ALL.filter((m) => m !== 'chagas')), recordGroup: null },
      { outcome: 'quarantine', missing: ['chagas'], group: 'agrees', tested: 'O+', record: null },
    ],
    [
      'WNV and syphilis pending',
      { results: negative(['hiv', 'hbv', 'hcv', 'htlv', 'chagas']) },
      { outcome: 'quarantine', missing: ['syphilis', 'wnv'], group: 'agrees', tested: 'O+', record: 'O+' },
    ],
    [
      'group not determined yet',
      { testedGroup: null },
      { outcome: 'quarantine', missing: [], group: 'not_determined', tested: null, record: 'O+' },
    ],
    [
      'group disagrees with the record',
      { testedGroup: 'O-' },
      { outcome: 'quarantine', missing: [], group: 'discrepancy', tested: 'O-', record: 'O+' },
    ],
    [
      'UK: HEV pending keeps it in quarantine',
      { policy: POLICIES.UK },
      { outcome: 'quarantine', missing: ['hev'], group: 'agrees', tested: 'O+', record: 'O+' },
    ],
    [
      'UK: HEV negative too',
      { policy: POLICIES.UK, results: negative([...US_ALL, 'hev']) },
      { outcome: 'release', group: 'O+', setsDonorGroup: false },
    ],
    [
      'HIV reactive: unsafe, lookback within 3 days',
      { results: { ...negative(US_ALL), hiv: 'reactive' } },
      {
        outcome: 'unsafe',
        reactive: ['hiv'],
        discardReason: 'reactive_test',
        deferral: 'indefinite',
        notifyDonor: true,
        lookback: { required: true, markers: ['hiv'], startBy: '2026-01-06' },
      },
    ],
    [
      'HCV reactive with everything else pending and no group: still unsafe',
      { results: { hcv: 'reactive' }, testedGroup: null },
      {
        outcome: 'unsafe',
        reactive: ['hcv'],
        discardReason: 'reactive_test',
        deferral: 'indefinite',
        notifyDonor: true,
        lookback: { required: true, markers: ['hcv'], startBy: '2026-01-06' },
      },
    ],
    [
      'syphilis reactive: unsafe, no lookback',
      { results: { ...negative(US_ALL), syphilis: 'reactive' } },
      {
        outcome: 'unsafe',
        reactive: ['syphilis'],
        discardReason: 'reactive_test',
        deferral: 'indefinite',
        notifyDonor: true,
        lookback: { required: false },
      },
    ],
    [
      'HEV reactive under the US policy (not in its panel): still unsafe',
      { results: { ...negative(US_ALL), hev: 'reactive' } },
      {
        outcome: 'unsafe',
        reactive: ['hev'],
        discardReason: 'reactive_test',
        deferral: 'indefinite',
        notifyDonor: true,
        lookback: { required: false },
      },
    ],
  ])('%s', (_case, overrides, expected) => {
    // Act
    const decision = decide(overrides);
    // Assess
    expect(decision).toEqual(expected);
  });
});

describe('applyDecision', () => {
  const units = ['red_cells', 'plasma', 'cryo'].map((code) =>
    collectedUnit(
      {
        din: 'W123426000081',
        code,
        component: 'red_cells',
        group: null,
        expiresOn: '2026-02-12',
        site: 'central',
      },
      '2026-01-01',
    ),
  );

  it('a release makes every component available with the tested group', () => {
    // Act
    const applied = applyDecision(decide({ recordGroup: null, testedGroup: 'A-' }), units, '2026-01-03');
    // Assess
    expect(applied.map(({ result }) => result.ok && [result.unit.status, result.unit.group])).toEqual([
      ['available', 'A-'],
      ['available', 'A-'],
      ['available', 'A-'],
    ]);
  });

  it('an unsafe donation discards every component reactive_test', () => {
    // Act
    const applied = applyDecision(decide({ results: { hiv: 'reactive' } }), units, '2026-01-03');
    // Assess
    expect(applied.map(({ result }) => result.ok && [result.unit.status, result.unit.discardReason])).toEqual(
      [
        ['discarded', 'reactive_test'],
        ['discarded', 'reactive_test'],
        ['discarded', 'reactive_test'],
      ],
    );
  });

  it('a quarantine decision changes nothing', () => {
    // Act
    const applied = applyDecision(decide({ testedGroup: null }), units, '2026-01-03');
    // Assess
    expect(applied).toEqual([]);
  });
});
