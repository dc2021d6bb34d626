/**
 * The alert rules, pure: days of supply and levels under admin thresholds, transitions, need-sized
 * caps, dedupe windows, the quiet period, and who may receive an appeal. No I/O.
 */
import { describe, expect, it } from 'vitest';
import { policyFor } from '../../../fulfillment/domain/policy.js';
import {
  averageDailyIssues,
  daysOfSupply,
  stockLevel,
  thresholdsFor,
} from '../../../fulfillment/domain/supply.js';
import type { BloodGroup } from '../../../fulfillment/domain/vocabulary.js';
import type { TargetCandidate } from '../../../fulfillment/store/alertsPort.js';
import type { DonorFile } from '../../../fulfillment/store/port.js';
import {
  chooseOffer,
  countsSignature,
  DEFAULT_ALERT_SETTINGS,
  decideTransition,
  donorCap,
  recentlyAlerted,
  screenDonor,
  unitsNeeded,
  windowUntil,
} from '../../../fulfillment/usecases/alerts/rules.js';

const US = policyFor('US');
const TODAY = '2026-11-24';

describe('days of supply and levels, as alerts read them', () => {
  it.each([
    // available, issues over the window, days, level with the policy's thresholds (amber < 2, red < 1)
    [13, [7, 7, 7, 7, 7, 7, 7], 13 / 7, 'amber'],
    [6, [7, 7, 7, 7, 7, 7, 7], 6 / 7, 'red'],
    [14, [7, 7, 7, 7, 7, 7, 7], 2, 'green'],
    [0, [0, 0, 0, 0, 0, 0, 0], 0, 'red'],
    [5, [0, 0, 0, 0, 0, 0, 0], 999, 'green'],
  ] as const)('%i units with issues %j → %f days, %s', (available, issues, days, level) => {
    // Act
    const dos = daysOfSupply(available, averageDailyIssues([...issues], 1));
    // Assess
    expect(dos).toBeCloseTo(days, 5);
    expect(stockLevel(dos, US.stockLevels)).toBe(level);
  });

  it('uses an admin override for its group only', () => {
    // Prepare: an earlier warning for O− (amber below 4 days, red below 2).
    const overrides = { 'O-': { amberBelowDays: 4, redBelowDays: 2 } };
    // Act / Assess
    expect(stockLevel(3, thresholdsFor('O-', overrides, US))).toBe('amber');
    expect(stockLevel(1.5, thresholdsFor('O-', overrides, US))).toBe('red');
    expect(stockLevel(3, thresholdsFor('A+', overrides, US))).toBe('green');
  });
});

describe('decideTransition', () => {
  it.each([
    ['green', null, 'none'],
    ['amber', null, 'start'],
    ['red', null, 'start'],
    ['red', 'amber', 'escalate'],
    ['red', 'red', 'none'],
    // Red easing to amber keeps the alert open: stock is still short.
    ['amber', 'red', 'none'],
    ['amber', 'amber', 'none'],
    ['green', 'amber', 'recover'],
    ['green', 'red', 'recover'],
  ] as const)('level %s with open alert %s → %s', (level, open, kind) => {
    // Act
    const transition = decideTransition(level, open ? { level: open } : null);
    // Assess
    expect(transition.kind).toBe(kind);
    if (transition.kind === 'start') expect(transition.level).toBe(level);
  });
});

describe('sizing an alert to the need', () => {
  it.each([
    // available, average daily issues, target days → units needed
    [6, 7, 3, 15],
    [13, 7, 3, 8],
    [30, 7, 3, 0],
    [0, 0.4, 3, 2],
  ])('%i units at %f a day, target %i days → %i units needed', (available, avg, target, needed) => {
    expect(unitsNeeded(available, avg, target)).toBe(needed);
  });

  it.each([
    [15, 60],
    [0, 10],
    [1000, 2000],
  ])('%i units needed → %i donors at most (yield 25%, bounds 10–2000)', (needed, cap) => {
    expect(donorCap(needed, DEFAULT_ALERT_SETTINGS)).toBe(cap);
  });
});

describe('dedupe windows and the quiet period', () => {
  it('ends a window the configured hours after the alert starts', () => {
    expect(windowUntil(new Date('2026-11-24T10:00:00Z'), 24)).toBe('2026-11-25T10:00:00.000Z');
    expect(windowUntil(new Date('2026-11-24T10:00:00Z'), 0.5)).toBe('2026-11-24T10:30:00.000Z');
  });

  it.each([
    [undefined, false],
    ['2026-11-24', true],
    ['2026-11-11', true],
    // Exactly 14 days ago is outside "the last 14 days".
    ['2026-11-10', false],
    ['2026-10-01', false],
  ])('alerted on %s with a 14-day quiet period → recently alerted: %s', (last, recent) => {
    expect(recentlyAlerted(last, TODAY, 14)).toBe(recent);
  });
});

function candidate(overrides: Partial<TargetCandidate> = {}): TargetCandidate {
  return {
    donorId: 'd1',
    bloodGroup: 'O-',
    phoneE164: '+12025550100',
    phoneHash: 'h1',
    homeSite: 'central',
    smsOptIn: true,
    indexKey: '0000-00-00#d1',
    ...overrides,
  };
}

function file(overrides: Partial<DonorFile> = {}): DonorFile {
  return {
    profile: {
      donorId: 'd1',
      firstName: 'Test',
      lastName: 'Donor',
      dateOfBirth: '1985-06-01',
      phoneE164: '+12025550100',
      bloodGroup: 'O-',
      homeSite: 'central',
      smsOptIn: true,
      createdAt: '2026-01-01T00:00:00Z',
    },
    donations: [{ date: '2026-08-01', type: 'whole_blood' }],
    deferrals: [],
    appointments: [],
    ...overrides,
  };
}

describe('screenDonor (targeting rules)', () => {
  const base = { shortGroup: 'O-' as BloodGroup, optedOut: false, today: TODAY, quietDays: 14, policy: US };

  it('accepts an O− donor who is opted in, eligible and not recently alerted', () => {
    expect(screenDonor({ ...base, candidate: candidate(), file: file() })).toEqual({ ok: true });
  });

  it.each([
    ['incompatible group', { candidate: candidate({ bloodGroup: 'O+' }) }, 'incompatible'],
    ['never opted in', { candidate: candidate({ smsOptIn: false }) }, 'not_opted_in'],
    ['said STOP', { optedOut: true }, 'opted_out'],
    ['alerted 3 days ago', { candidate: candidate({ lastAlertedOn: '2026-11-21' }) }, 'recently_alerted'],
    ['no donor record', { file: null }, 'unknown'],
    [
      'already booked',
      {
        file: file({
          appointments: [
            {
              appointmentId: 'a1',
              donorId: 'd1',
              site: 'central',
              date: '2026-11-26',
              time: '10:00',
              donationType: 'whole_blood',
              status: 'booked',
              createdAt: '2026-11-20T00:00:00Z',
            },
          ],
        }),
      },
      'booked',
    ],
  ] as const)('refuses a donor who %s', (_, change, reason) => {
    // Act
    const result = screenDonor({ ...base, candidate: candidate(), file: file(), ...change });
    // Assess
    expect(result).toMatchObject({ ok: false, reason });
  });

  it('refuses a donor who gave blood 10 days ago, naming the day they may be asked', () => {
    // Act
    const result = screenDonor({
      ...base,
      candidate: candidate(),
      file: file({ donations: [{ date: '2026-11-14', type: 'whole_blood' }] }),
    });
    // Assess: US whole blood interval, 56 days.
    expect(result).toEqual({ ok: false, reason: 'ineligible', notBefore: '2027-01-09' });
  });

  it.each([
    ['A+', ['A+', 'A-', 'O+', 'O-'], ['B+', 'AB+', 'AB-', 'B-']],
    ['O-', ['O-'], ['O+', 'A-', 'AB-']],
    ['AB-', ['AB-', 'A-', 'B-', 'O-'], ['AB+', 'O+']],
  ] as const)('for a %s shortage reaches %j and not %j (red-cell compatibility)', (short, yes, no) => {
    for (const g of yes)
      expect(
        screenDonor({ ...base, shortGroup: short, candidate: candidate({ bloodGroup: g }), file: file() }).ok,
      ).toBe(true);
    for (const g of no) {
      expect(
        screenDonor({ ...base, shortGroup: short, candidate: candidate({ bloodGroup: g }), file: file() }),
      ).toMatchObject({
        reason: 'incompatible',
      });
    }
  });
});

describe('chooseOffer and countsSignature', () => {
  it('offers the earliest slot and an alternative on another day when there is one', () => {
    const free = [
      { date: '2026-11-24', time: '11:00' },
      { date: '2026-11-24', time: '11:30' },
      { date: '2026-11-25', time: '09:00' },
    ];
    expect(chooseOffer(free)).toEqual([free[0], free[2]]);
    expect(chooseOffer(free.slice(0, 2))).toEqual(free.slice(0, 2));
    expect(chooseOffer([])).toEqual([]);
  });

  it('changes only when what staff see changes', () => {
    const counts = { contacted: 3, failed: 0, yes: 1, no: 1, booked: 1 };
    expect(countsSignature(counts)).toBe('3/1/1');
    expect(countsSignature({ ...counts, no: 2, failed: 1 })).toBe('3/1/1');
  });
});
