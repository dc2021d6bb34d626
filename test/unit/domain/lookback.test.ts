import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../../fulfillment/domain/errors.js';
import { type LookbackDonation, lookback, monthsBefore } from '../../../fulfillment/domain/lookback.js';
import { POLICIES } from '../../../fulfillment/domain/policy.js';

describe('monthsBefore', () => {
  it.each([
    ['2026-03-15', 12, '2025-03-15'],
    ['2028-02-29', 12, '2027-02-28'], // no 29 February in 2027
    ['2026-03-31', 1, '2026-02-28'],
    ['2026-01-31', 2, '2025-11-30'],
    ['2026-01-01', 1, '2025-12-01'],
  ])('%s minus %i months → %s', (date, months, expected) => {
    // Act
    const earlier = monthsBefore(date, months);
    // Assess
    expect(earlier).toBe(expected);
  });
});

// A donor's history: the reactive donation on 2026-03-01, the last nonreactive one on 2025-11-10.
const HELD = { consignee: null, issuedOn: null } as const;
const DONATIONS: LookbackDonation[] = [
  {
    din: 'W123424000010', // 2024-09-01: before the window (2024-11-10 … )
    collectedOn: '2024-09-01',
    screens: { hiv: 'negative' },
    components: [
      { code: 'plasma', component: 'plasma', status: 'available', expiresOn: '2025-09-01', ...HELD },
    ],
  },
  {
    din: 'W123424000020', // 2024-12-01: in the window
    collectedOn: '2024-12-01',
    screens: { hiv: 'negative' },
    components: [
      {
        code: 'red_cells',
        component: 'red_cells',
        status: 'allocated',
        expiresOn: '2025-01-12',
        consignee: "St Mary's Hospital",
        issuedOn: '2024-12-20',
      },
      { code: 'plasma', component: 'plasma', status: 'available', expiresOn: '2025-12-01', ...HELD }, // past expiry by 2026-03-02: the expiry sweep's, not the lookback's
    ],
  },
  {
    din: 'W123425000030', // 2025-11-10: the most recent nonreactive screen, included
    collectedOn: '2025-11-10',
    screens: { hiv: 'negative', hcv: 'negative' },
    components: [
      {
        code: 'red_cells',
        component: 'red_cells',
        status: 'allocated',
        expiresOn: '2025-12-22',
        consignee: 'General Hospital',
        issuedOn: '2025-11-20',
      },
      { code: 'plasma', component: 'plasma', status: 'available', expiresOn: '2026-11-10', ...HELD },
      {
        code: 'cryo',
        component: 'cryo',
        status: 'returned',
        expiresOn: '2026-11-10',
        consignee: 'General Hospital',
        issuedOn: '2025-12-01',
      },
      { code: 'platelets', component: 'platelets', status: 'discarded', expiresOn: '2025-11-15', ...HELD },
    ],
  },
  {
    din: 'W123426000040', // the reactive donation itself: discarded reactive_test elsewhere, never in the list
    collectedOn: '2026-03-01',
    screens: { hiv: 'reactive' },
    components: [
      { code: 'plasma', component: 'plasma', status: 'quarantined', expiresOn: '2027-03-01', ...HELD },
    ],
  },
];

describe('lookback', () => {
  it('HIV: donations from 12 months before the last nonreactive screen; held in-date components to quarantine, issued ones listed', () => {
    // Act
    const result = lookback({
      donations: DONATIONS,
      index: { din: 'W123426000040', reactive: ['hiv'] },
      on: '2026-03-02',
      policy: POLICIES.US,
    });
    // Assess
    expect(result).toEqual({
      required: true,
      windowFrom: '2024-11-10',
      windowTo: '2026-03-01',
      donations: ['W123424000020', 'W123425000030'],
      toQuarantine: [
        {
          din: 'W123425000030',
          code: 'plasma',
          component: 'plasma',
          event: { type: 'recall', hold: { kind: 'lookback', ref: 'W123426000040' } },
        },
        {
          din: 'W123425000030',
          code: 'cryo',
          component: 'cryo',
          event: { type: 'recall', hold: { kind: 'lookback', ref: 'W123426000040' } },
        },
      ],
      issued: [
        {
          din: 'W123424000020',
          code: 'red_cells',
          component: 'red_cells',
          consignee: "St Mary's Hospital",
          issuedOn: '2024-12-20',
        },
        {
          din: 'W123425000030',
          code: 'red_cells',
          component: 'red_cells',
          consignee: 'General Hospital',
          issuedOn: '2025-11-20',
        },
      ],
    });
  });

  it.each([
    // HCV's last nonreactive screen is the same donation: same window.
    [['hcv'], true, '2024-11-10'],
    // No earlier HTLV screen on record: 12 months before the reactive donation; no lookback required.
    [['htlv'], false, '2025-03-01'],
    // Two markers: the wider window.
    [['hiv', 'htlv'], true, '2024-11-10'],
  ] as const)('reactive %o → required %s, window from %s', (reactive, required, windowFrom) => {
    // Act
    const result = lookback({
      donations: DONATIONS,
      index: { din: 'W123426000040', reactive },
      on: '2026-03-02',
      policy: POLICIES.US,
    });
    // Assess
    expect(result).toMatchObject({ required, windowFrom, windowTo: '2026-03-01' });
  });

  it('a donor with no earlier donations has nothing to look back on', () => {
    // Act
    const result = lookback({
      donations: DONATIONS.slice(3),
      index: { din: 'W123426000040', reactive: ['hiv'] },
      on: '2026-03-02',
      policy: POLICIES.US,
    });
    // Assess
    expect(result).toMatchObject({ donations: [], toQuarantine: [], issued: [] });
  });

  it.each([
    [{ din: 'W123499999999', reactive: ['hiv'] as const }, 'not among'],
    [{ din: 'W123426000040', reactive: [] }, 'needs the reactive marker'],
  ])('refuses %o', (index, message) => {
    // Act
    const act = () => lookback({ donations: DONATIONS, index, on: '2026-03-02', policy: POLICIES.US });
    // Assess
    expect(act).toThrow(InvalidArgumentError);
    expect(act).toThrow(message);
  });
});
