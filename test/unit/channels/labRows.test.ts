/**
 * The lab results body, pure (adapters/web/labRows.ts): JSON and CSV into numbered rows, problems by
 * line, DINs with a bad row held back whole; the morning expiring-units message; the credential
 * comparison. No engines.
 */
import { describe, expect, it } from 'vitest';
import { expiringMessage, MAX_LINES_PER_SITE } from '../../../adapters/alerts/expiringMessage.js';
import {
  applicableRows,
  csvFields,
  MAX_LAB_BODY_BYTES,
  MAX_LAB_ROWS,
  parseLabBatch,
} from '../../../adapters/web/labRows.js';
import { sameCredential } from '../../../adapters/web/units.js';
import { formatDin, makeDin } from '../../../fulfillment/domain/din.js';

const A = makeDin('W1234', 26, 1);
const B = makeDin('W1234', 26, 2);

describe('csvFields', () => {
  it.each([
    ['a,b,c', ['a', 'b', 'c']],
    [' a , b ', ['a', 'b']],
    ['"a,b",c', ['a,b', 'c']],
    ['"say ""hi""",x', ['say "hi"', 'x']],
    ['a,,c', ['a', '', 'c']],
    ['"open,b', null],
    ['"a"b,c', null],
  ])('%j → %j', (line, fields) => {
    expect(csvFields(line)).toEqual(fields);
  });
});

describe('parseLabBatch', () => {
  it('numbers CSV rows by their line (the header is line 1), skipping blank lines', () => {
    // Act
    const out = parseLabBatch(
      'text/csv; charset=utf-8',
      `din,marker,result\r\n${formatDin(A)},hiv,negative\r\n\r\n${A},hbv,NEG\n`,
    );
    // Assess
    expect(out).toEqual({
      ok: true,
      rows: [
        { line: 2, din: formatDin(A), marker: 'hiv', result: 'negative' },
        { line: 4, din: A, marker: 'hbv', result: 'NEG' },
      ],
      problems: [],
    });
  });

  it('takes the columns in the order the header gives, and drops empty cells of the combined header', () => {
    const out = parseLabBatch('text/csv', `group,din,result,marker\nO+,${A},,\n,${A},negative,hiv`);
    expect(out.ok && out.rows).toEqual([
      { line: 2, din: A, group: 'O+' },
      { line: 3, din: A, marker: 'hiv', result: 'negative' },
    ]);
  });

  it('reports a CSV line with the wrong number of fields by its line, with the DIN it names', () => {
    const out = parseLabBatch('text/csv', `din,marker,result\n${A},hiv,negative\n${B},hcv\n"x,hiv,negative`);
    expect(out.ok && out.problems).toEqual([
      { line: 3, din: B, message: 'expected 3 fields (din,marker,result), found 2' },
      { line: 4, din: null, message: 'an unterminated quote' },
    ]);
  });

  it('numbers JSON rows from 1 and reports the ones that are not rows', () => {
    // Act
    const out = parseLabBatch(
      'application/json',
      JSON.stringify({
        results: [{ din: A, marker: 'hiv', result: 'negative' }, 'x', { din: B, colour: 'red' }, { din: 7 }],
      }),
    );
    // Assess
    expect(out.ok && out.rows).toEqual([
      { line: 1, din: A, marker: 'hiv', result: 'negative' },
      { line: 4, din: '7' },
    ]);
    expect(out.ok && out.problems.map((p) => [p.line, p.din])).toEqual([
      [2, null],
      [3, B],
    ]);
  });

  it.each([
    ['text/plain', 'din,group', 415, 'unsupported_media_type'],
    [undefined, '{}', 415, 'unsupported_media_type'],
    ['text/csv', 'din,colour\nx,y', 400, 'invalid_request'],
    ['text/csv', 'din,group\n\n', 400, 'invalid_request'],
    ['text/csv', `din,group\n${`${A},O+\n`.repeat(MAX_LAB_ROWS + 1)}`, 413, 'too_many_rows'],
    ['application/json', '{"results":', 400, 'invalid_json'],
    ['application/json', '{"results":[]}', 400, 'invalid_request'],
    ['application/json', '[]', 400, 'invalid_request'],
    [
      'application/json',
      JSON.stringify({ results: Array(MAX_LAB_ROWS + 1).fill({ din: A }) }),
      413,
      'too_many_rows',
    ],
    ['text/csv', 'x'.repeat(MAX_LAB_BODY_BYTES + 1), 413, 'payload_too_large'],
  ])('%s %#: refused with %i %s', (type, body, status, error) => {
    expect(parseLabBatch(type, body)).toMatchObject({ ok: false, status, error });
  });
});

describe('applicableRows', () => {
  it('holds back every row of a DIN that has a bad row, as printed or not, and keeps the others', () => {
    // Prepare
    const batch = parseLabBatch(
      'text/csv',
      `din,marker,result\n${A},hiv,negative\n${formatDin(B)},hiv,negative\n${B},hcv\n${B},hbv,negative`,
    );
    if (!batch.ok) throw new Error('parse failed');
    // Act
    const { rows, held } = applicableRows(batch);
    // Assess
    expect(rows.map((r) => r.line)).toEqual([2]);
    expect(held).toEqual([
      { line: 3, din: B, message: 'not applied: line 4 of the same DIN is wrong' },
      { line: 5, din: B, message: 'not applied: line 4 of the same DIN is wrong' },
    ]);
  });
});

describe('sameCredential', () => {
  it.each([
    ['the same value', 'k'.repeat(40), 'k'.repeat(40), true],
    ['a different value of the same length', 'k'.repeat(40), `${'k'.repeat(39)}x`, false],
    ['a prefix', 'k'.repeat(20), 'k'.repeat(40), false],
    ['an empty expected value', '', '', false],
  ])('%s → %s', (_what, given, expected, same) => {
    expect(sameCredential(given, expected)).toBe(same);
  });
});

describe('expiringMessage', () => {
  const unit = (din: string, site: string, expiresOn: string) => ({
    din,
    code: 'red_cells',
    component: 'red_cells' as const,
    group: 'O+' as const,
    expiresOn,
    site,
  });

  it('says nothing when nothing expires soon', () => {
    expect(expiringMessage([], '2026-11-24')).toBeNull();
  });

  it('lists the units per site, soonest first, with the count in the text', () => {
    // Act
    const message = expiringMessage(
      [
        unit(B, 'northside', '2026-11-25'),
        unit(A, 'central', '2026-11-25'),
        unit(B, 'central', '2026-11-24'),
      ],
      '2026-11-24',
    );
    // Assess
    expect(message?.text).toBe(
      '3 units expire within 48 hours (central 2, northside 1). Use or move them first.',
    );
    const sections = message!.blocks.filter((b) => b.type === 'section') as Array<{ text: { text: string } }>;
    expect(sections.map((b) => b.text.text.split('\n')[0])).toEqual(['*central* (2)', '*northside* (1)']);
    expect(sections[0]!.text.text).toContain(`\`${formatDin(B)}\` O+ red cells (red_cells), expires tonight`);
    expect(sections[0]!.text.text.indexOf(formatDin(B))).toBeLessThan(
      sections[0]!.text.text.indexOf(formatDin(A)),
    );
  });

  it('caps each site at a readable length', () => {
    const many = Array.from({ length: MAX_LINES_PER_SITE + 5 }, (_, i) =>
      unit(makeDin('W1234', 26, 100 + i), 'central', '2026-11-25'),
    );
    const section = expiringMessage(many, '2026-11-24')!.blocks[1] as { text: { text: string } };
    expect(section.text.text).toContain('…and 5 more');
    expect(section.text.text.length).toBeLessThan(3000);
  });
});
