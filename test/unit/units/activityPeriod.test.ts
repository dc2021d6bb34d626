/** The period an ActivityReport sentence names, from a Wednesday (2026-12-02). */
import { describe, expect, it } from 'vitest';
import { periodOf } from '../../../fulfillment/intents/activityReport.js';

const WEDNESDAY = '2026-12-02';

describe('periodOf', () => {
  it.each([
    ['how many units did we discard this week', '2026-11-30', '2026-12-02', 'this week'],
    ['issues last week', '2026-11-23', '2026-11-29', 'last week'],
    ['how many units did we issue yesterday', '2026-12-01', '2026-12-01', 'yesterday'],
    ['collections today', '2026-12-02', '2026-12-02', 'today'],
    ['wastage this month', '2026-12-01', '2026-12-02', 'this month'],
    ['discards last month', '2026-11-01', '2026-11-30', 'last month'],
    ['issues in the last 10 days', '2026-11-23', '2026-12-02', 'the last 10 days'],
    ['how many discards', '2026-11-26', '2026-12-02', 'the last 7 days'],
  ])('"%s" → %s to %s', (text, from, to, said) => {
    expect(periodOf(text, WEDNESDAY)).toEqual({ from, to, said });
  });

  it('a Monday’s "this week" is that day alone, and "last month" in January is December', () => {
    expect(periodOf('this week', '2026-11-30')).toMatchObject({ from: '2026-11-30', to: '2026-11-30' });
    expect(periodOf('last month', '2027-01-15')).toMatchObject({ from: '2026-12-01', to: '2026-12-31' });
  });
});
