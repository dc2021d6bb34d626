import { describe, expect, it } from 'vitest';
import { sinceDate } from '../../../fulfillment/usecases/donorEligibility.js';

const TODAY = '2026-11-24';

describe('sinceDate: a since slot as a calendar day', () => {
  it.each([
    ['2026-11-03', '2026-11-03'],
    ['2026-12-09', '2026-12-09'], // ahead (a tattoo booked for next month) counts from then
    ['2026-W46', '2026-11-15'], // Lex's "last week": the week's Sunday
    ['2026-W48', TODAY], // this week: today at the latest
    ['2026-W01', '2026-01-04'],
    ['2026-10', '2026-10-31'], // Lex's "in October": the month's last day
    ['2026-02', '2026-02-28'],
    ['2026-11', TODAY],
    [null, undefined],
    ['', undefined],
    ['last week', undefined],
    ['2026-02-30', undefined],
  ])('%j → %s', (value, expected) => {
    // Act
    const day = sinceDate(value, TODAY);
    // Assess
    expect(day).toBe(expected);
  });
});
