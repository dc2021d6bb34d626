/**
 * Pure parts of the unit use cases: a unit's history in words, the staff lookback notice, and the
 * donor's own eligibility answer after an indefinite deferral (no marker, no date, expect contact).
 */
import { describe, expect, it } from 'vitest';
import { policyFor } from '../../../fulfillment/domain/policy.js';
import type { HistoryEntry } from '../../../fulfillment/domain/unit.js';
import type { DonorFile } from '../../../fulfillment/store/port.js';
import {
  donorEligibility,
  INDEFINITE_DEFERRAL_UNTIL,
} from '../../../fulfillment/usecases/donorEligibility.js';
import { lookbackText } from '../../../fulfillment/usecases/units/notice.js';
import { historyInWords } from '../../../fulfillment/usecases/units/traceUnit.js';

const DIN = 'W123426000081';
const unit = {
  din: DIN,
  code: 'red_cells',
  component: 'red_cells' as const,
  group: null,
  expiresOn: '2026-12-12',
  site: 'central',
};

describe('historyInWords', () => {
  it('says every step, with the site a transfer left', () => {
    // Prepare
    const history: HistoryEntry[] = [
      { on: '2026-11-01', event: { type: 'collect', unit }, from: null, to: 'quarantined' },
      { on: '2026-11-02', event: { type: 'release', group: 'O+' }, from: 'quarantined', to: 'available' },
      {
        on: '2026-11-03',
        event: { type: 'transfer', toSite: 'northside' },
        from: 'available',
        to: 'available',
      },
      {
        on: '2026-11-04',
        event: { type: 'issue', consignee: "St Mary's" },
        from: 'available',
        to: 'allocated',
      },
      { on: '2026-11-05', event: { type: 'return' }, from: 'allocated', to: 'returned' },
      { on: '2026-11-05', event: { type: 'restock' }, from: 'returned', to: 'available' },
      {
        on: '2026-11-06',
        event: { type: 'recall', hold: { kind: 'lookback', ref: 'W123426000099' } },
        from: 'available',
        to: 'quarantined',
      },
      {
        on: '2026-11-07',
        event: { type: 'discard', reason: 'other', note: 'label torn' },
        from: 'quarantined',
        to: 'discarded',
      },
    ];
    // Act
    const words = historyInWords(history);
    // Assess
    expect(words).toEqual([
      '2026-11-01: collected at central, in quarantine until tested',
      '2026-11-02: released after testing (O+), available',
      '2026-11-03: moved from central to northside',
      "2026-11-04: issued to St Mary's",
      '2026-11-05: returned',
      '2026-11-05: back in stock',
      '2026-11-06: quarantined by the lookback of W123426000099',
      '2026-11-07: discarded: other (label torn)',
    ]);
  });
});

describe('lookbackText', () => {
  it.each([
    [[], [], ['No component in stock needed quarantine.', 'None was issued.']],
    [
      [{ din: DIN, code: 'plasma', component: 'plasma' as const }],
      [
        {
          din: DIN,
          code: 'red_cells',
          component: 'red_cells' as const,
          consignee: "St Mary's",
          issuedOn: '2026-10-01',
        },
      ],
      [
        `Quarantined now (1): ${DIN} plasma.`,
        `Issued, tell the hospitals (1): ${DIN} red cells to St Mary's on 2026-10-01.`,
      ],
    ],
  ])('lists quarantined %j and issued %j', (quarantined, issued, lines) => {
    // Act
    const text = lookbackText({
      indexDin: 'W123426000099',
      markers: ['hiv'],
      startBy: '2026-11-13',
      windowFrom: '2025-11-05',
      windowTo: '2026-11-10',
      quarantined,
      issued,
    });
    // Assess
    for (const line of lines) expect(text).toContain(line);
    expect(text).toContain('Start by 2026-11-13.');
  });
});

describe('donorEligibility after an indefinite deferral', () => {
  const file = (deferrals: DonorFile['deferrals']): DonorFile => ({
    profile: {
      donorId: 'd1',
      firstName: 'A',
      lastName: 'B',
      dateOfBirth: '1990-01-01',
      phoneE164: '+15550000000',
      bloodGroup: 'O+',
      homeSite: 'central',
      smsOptIn: true,
      createdAt: '2026-01-01T00:00:00Z',
    },
    donations: [{ date: '2026-01-01', type: 'whole_blood' }],
    deferrals,
    appointments: [],
  });

  it.each([
    [
      'indefinite',
      [{ until: INDEFINITE_DEFERRAL_UNTIL, reason: 'reactive screen, pending confirmatory testing' }],
    ],
    [
      'indefinite and dated',
      [
        { until: '2026-12-01', reason: 'tattoo' },
        { until: INDEFINITE_DEFERRAL_UNTIL, reason: 'hiv reactive' },
      ],
    ],
  ])('%s: cannot donate, will be contacted, never why', (_, deferrals) => {
    // Act
    const result = donorEligibility(file(deferrals), 'whole_blood', '2026-11-10', policyFor('US'));
    // Assess
    expect(result).toMatchObject({ eligible: false, nextEligibleOn: null });
    const words = result.eligible ? '' : result.reasons.map((r) => r.detail).join(' ');
    expect(words).toContain('will contact you');
    expect(words).not.toMatch(/hiv|reactive|test|tattoo/i);
  });

  it('a dated deferral still gives its date', () => {
    // Act
    const result = donorEligibility(
      file([{ until: '2026-12-01', reason: 'tattoo' }]),
      'whole_blood',
      '2026-11-10',
      policyFor('US'),
    );
    // Assess
    expect(result).toMatchObject({ eligible: false, nextEligibleOn: '2026-12-01' });
  });
});
