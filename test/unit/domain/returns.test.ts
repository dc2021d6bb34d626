import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../../fulfillment/domain/errors.js';
import { POLICIES } from '../../../fulfillment/domain/policy.js';
import { assessReturn, type ReturnInput } from '../../../fulfillment/domain/returns.js';

const BASE: ReturnInput = {
  component: 'red_cells',
  expiresOn: '2026-02-12',
  on: '2026-01-10',
  unopened: true,
  minutesOut: 20,
};
const BOX = { validated: true, record: 'TB-0042 log 2026-01-10' };

describe('assessReturn', () => {
  it.each<[string, Partial<ReturnInput>, ReturnType<typeof assessReturn>]>([
    ['red cells 20 minutes out', {}, { accept: true, basis: 'time_out' }],
    [
      'red cells exactly 30 minutes out (the 30-minute rule)',
      { minutesOut: 30 },
      { accept: true, basis: 'time_out' },
    ],
    [
      'whole blood 30 minutes out',
      { component: 'whole_blood', minutesOut: 30 },
      { accept: true, basis: 'time_out' },
    ],
    ['on its expiry day', { on: '2026-02-12' }, { accept: true, basis: 'time_out' }],
    [
      '3 hours in a validated box with its record',
      { minutesOut: 180, transportBox: BOX },
      { accept: true, basis: 'transport_box' },
    ],
    [
      'platelets in a validated box',
      { component: 'platelets', minutesOut: undefined, transportBox: BOX },
      { accept: true, basis: 'transport_box' },
    ],
    [
      'red cells 31 minutes out',
      { minutesOut: 31 },
      {
        accept: false,
        discardReason: 'returned_out_of_storage',
        problems: ['too_long_out'],
        maxMinutesOut: 30,
      },
    ],
    [
      'opened',
      { unopened: false },
      { accept: false, discardReason: 'returned_out_of_storage', problems: ['opened'], maxMinutesOut: 30 },
    ],
    [
      'past expiry',
      { on: '2026-02-13' },
      { accept: false, discardReason: 'returned_out_of_storage', problems: ['expired'], maxMinutesOut: 30 },
    ],
    [
      'nobody knows how long it was out',
      { minutesOut: undefined },
      {
        accept: false,
        discardReason: 'returned_out_of_storage',
        problems: ['time_unknown'],
        maxMinutesOut: 30,
      },
    ],
    [
      'a box that is not validated',
      { minutesOut: 45, transportBox: { validated: false, record: 'x' } },
      {
        accept: false,
        discardReason: 'returned_out_of_storage',
        problems: ['too_long_out'],
        maxMinutesOut: 30,
      },
    ],
    [
      'a validated box without its record',
      { minutesOut: 45, transportBox: { validated: true, record: ' ' } },
      {
        accept: false,
        discardReason: 'returned_out_of_storage',
        problems: ['too_long_out'],
        maxMinutesOut: 30,
      },
    ],
    [
      'thawed plasma with no box: no time out is safe',
      { component: 'plasma', minutesOut: 5 },
      {
        accept: false,
        discardReason: 'returned_out_of_storage',
        problems: ['too_long_out'],
        maxMinutesOut: null,
      },
    ],
    [
      'opened, expired and 2 hours out',
      { unopened: false, on: '2026-03-01', minutesOut: 120 },
      {
        accept: false,
        discardReason: 'returned_out_of_storage',
        problems: ['opened', 'expired', 'too_long_out'],
        maxMinutesOut: 30,
      },
    ],
  ])('%s', (_case, overrides, expected) => {
    // Act
    const decision = assessReturn({ ...BASE, ...overrides }, POLICIES.US);
    // Assess
    expect(decision).toEqual(expected);
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])('refuses %d minutes out as misuse', (minutesOut) => {
    // Act / Assess
    expect(() => assessReturn({ ...BASE, minutesOut }, POLICIES.US)).toThrow(InvalidArgumentError);
  });
});
