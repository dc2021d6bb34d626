/**
 * The lab file's rows, pure: every row validated first (line numbers kept), rows grouped by DIN, and
 * a DIN with any bad or contradictory row kept back whole, so a bad row never half-applies its DIN.
 */
import { describe, expect, it } from 'vitest';
import { dinCheckCharacter } from '../../../fulfillment/domain/din.js';
import {
  labGroup,
  labMarker,
  labResult,
  planLabBatch,
  validateRow,
} from '../../../fulfillment/usecases/units/labResultsBatch.js';

const A = 'W123426000081';
const B = 'W123426000082';

describe('lab words', () => {
  it.each([
    ['HIV-1/2', 'hiv'],
    ['HBsAg', 'hbv'],
    ['anti-HCV', 'hcv'],
    ['HTLV-I/II', 'htlv'],
    ['T. cruzi', 'chagas'],
    ['West Nile', 'wnv'],
    ['HEV', 'hev'],
    ['CMV', null],
  ])('marker %s → %s', (text, marker) => {
    // Act / Assess
    expect(labMarker(text)).toBe(marker);
  });

  it.each([
    ['Negative', 'negative'],
    ['non-reactive', 'negative'],
    ['NR', 'negative'],
    ['REACTIVE', 'reactive'],
    ['positive', 'reactive'],
    ['indeterminate', null],
  ])('result %s → %s', (text, result) => {
    expect(labResult(text)).toBe(result);
  });

  it.each([
    ['O+', 'O+'],
    ['O POS', 'O+'],
    ['AB RhD negative', 'AB-'],
    ['b neg', 'B-'],
    ['A Rh+', 'A+'],
    ['C+', null],
    ['O', null],
  ])('group %s → %s', (text, group) => {
    expect(labGroup(text)).toBe(group);
  });
});

describe('validateRow', () => {
  it.each<[string, Record<string, unknown>, string]>([
    ['no DIN', { line: 2, marker: 'hiv', result: 'negative' }, 'din'],
    [
      'a wrong check character',
      { line: 3, din: `${A}Z`, marker: 'hiv', result: 'negative' },
      'check character',
    ],
    ['a marker without result', { line: 4, din: A, marker: 'hiv' }, 'no result for hiv'],
    ['a result without marker', { line: 5, din: A, result: 'negative' }, 'without its marker'],
    ['an unknown marker', { line: 6, din: A, marker: 'cmv', result: 'negative' }, 'unknown marker'],
    ['an unreadable result', { line: 7, din: A, marker: 'hiv', result: 'maybe' }, 'negative or reactive'],
    ['an unknown group', { line: 8, din: A, group: 'Q+' }, 'unknown blood group'],
    ['nothing to apply', { line: 9, din: A }, 'needs a marker'],
  ])('rejects %s, with its line', (_, row, message) => {
    // Act
    const out = validateRow(row, 0);
    // Assess
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.line).toBe(row.line);
    expect(out.message).toContain(message);
  });

  it('reads a printed DIN with its check character and a scanned one', () => {
    // Prepare
    const printed = `W1234 26 000081 ${dinCheckCharacter(A)}`;
    // Act
    const one = validateRow({ line: 2, din: printed, marker: 'HIV', result: 'neg' }, 0);
    const two = validateRow({ line: 3, din: `=${A}00`, abo: 'O pos' }, 1);
    // Assess
    expect(one).toEqual({ ok: true, row: { line: 2, din: A, marker: 'hiv', result: 'negative' } });
    expect(two).toEqual({ ok: true, row: { line: 3, din: A, group: 'O+' } });
  });
});

describe('planLabBatch', () => {
  it('groups good rows by DIN and keeps back every row of a DIN with a bad row', () => {
    // Prepare
    const rows = [
      { line: 2, din: A, marker: 'hiv', result: 'negative' },
      { line: 3, din: A, group: 'O+' },
      { line: 4, din: B, marker: 'hiv', result: 'negative' },
      { line: 5, din: B, marker: 'hcv', result: 'sort of' },
    ];
    // Act
    const plan = planLabBatch(rows);
    // Assess
    expect([...plan.apply.keys()]).toEqual([A]);
    expect(plan.apply.get(A)).toEqual({ lines: [2, 3], results: { hiv: 'negative' }, testedGroup: 'O+' });
    expect(plan.notApplied.map((r) => [r.line, r.status])).toEqual([
      [5, 'rejected'],
      [4, 'skipped'],
    ]);
    expect(plan.notApplied[1]?.message).toContain('line 5');
  });

  it('rejects a DIN whose rows contradict each other', () => {
    // Prepare
    const rows = [
      { line: 2, din: A, marker: 'hiv', result: 'negative' },
      { line: 3, din: A, marker: 'hiv', result: 'reactive' },
    ];
    // Act
    const plan = planLabBatch(rows);
    // Assess
    expect(plan.apply.size).toBe(0);
    expect(plan.notApplied.map((r) => r.line)).toEqual([2, 3]);
    expect(plan.notApplied[0]?.message).toContain('both negative and reactive');
  });

  it('numbers a row without a line by its position', () => {
    // Act
    const plan = planLabBatch([{ din: A, marker: 'hiv', result: 'negative' }]);
    // Assess
    expect(plan.notApplied[0]).toMatchObject({ line: 1, status: 'rejected' });
  });
});
