import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dinCheckCharacter, formatDin } from '../../../fulfillment/domain/din.js';
import {
  type DinRejection,
  describeDinRejection,
  parseDin,
  parseDins,
} from '../../../fulfillment/domain/dinInput.js';

describe('parseDin', () => {
  it.each([
    // DOMAIN.md worked examples, as printed, compact, lower case and without the check character.
    ['G1234 17 654321 A', 'G123417654321', 'printed', true],
    ['G123417654321A', 'G123417654321', 'printed', true],
    ['G1234 98 654321 H', 'G123498654321', 'printed', true],
    ['g1234 98 654321 h', 'G123498654321', 'printed', true],
    ['G123417654321', 'G123417654321', 'printed', false],
    ['G1234 17 654321', 'G123417654321', 'printed', false],
    ['  W1234 26 000081 S  ', 'W123426000081', 'printed', true], // issue 14's discard example
    ['W1234 26 000125 *', 'W123426000125', 'printed', true], // * is a check value
    ['AB12C 26 000001', 'AB12C26000001', 'printed', false],
    // Scanned ISBT 128 data structure 001: "=" + DIN + two flag characters.
    ['=W12342600012300', 'W123426000123', 'scanned', false],
    ['=G12341765432100', 'G123417654321', 'scanned', false],
    ['=W123426000123A7', 'W123426000123', 'scanned', false],
  ] as const)('%j → %s (%s, check verified %s)', (text, din, form, checkVerified) => {
    // Act
    const parsed = parseDin(text);
    // Assess
    expect(parsed).toEqual({ ok: true, din, form, checkVerified });
  });

  it.each<[string, DinRejection]>([
    ['', { code: 'empty' }],
    ['   ', { code: 'empty' }],
    ['G1234 17 654321 9', { code: 'wrong_check_character', din: 'G123417654321', given: '9', expected: 'A' }],
    ['W1234 26 000123 S', { code: 'wrong_check_character', din: 'W123426000123', given: 'S', expected: '3' }],
    ['G123498654321A', { code: 'wrong_check_character', din: 'G123498654321', given: 'A', expected: 'H' }],
    ['G1234 17 65432', { code: 'wrong_length', length: 12 }],
    ['G1234 17 654321 AB', { code: 'wrong_length', length: 15 }],
    ['11234 17 654321', { code: 'bad_facility', facility: '11234' }],
    ['G12*4 17 654321', { code: 'bad_facility', facility: 'G12*4' }],
    ['G1234 1X 654321', { code: 'bad_year', year: '1X' }],
    ['G1234 17 65432B', { code: 'bad_sequence', sequence: '65432B' }],
    ['G1234 17 654321 -', { code: 'bad_check_character', given: '-' }],
    ['=W123426000123', { code: 'wrong_length', length: 13 }],
    ['=W1234260001230', { code: 'wrong_length', length: 14 }],
    ['=W123426000123-0', { code: 'bad_flags', flags: '-0' }],
    ['=W1234X600012300', { code: 'bad_year', year: 'X6' }],
  ])('%j is refused: %o', (text, reason) => {
    // Act
    const parsed = parseDin(text);
    // Assess
    expect(parsed).toEqual({ ok: false, reason });
  });

  it.each<[DinRejection, string]>([
    [{ code: 'wrong_check_character', din: 'W123426000123', given: 'S', expected: '3' }, 'is 3, not S'],
    [{ code: 'wrong_length', length: 12 }, 'this has 12'],
    [{ code: 'bad_facility', facility: '11234' }, 'not 11234'],
  ])('describes %o in words', (reason, expected) => {
    // Act
    const words = describeDinRejection(reason);
    // Assess
    expect(words).toContain(expected);
  });

  const dinArb = fc
    .tuple(
      fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'),
      fc.string({
        unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'),
        minLength: 4,
        maxLength: 4,
      }),
      fc.integer({ min: 0, max: 99 }),
      fc.integer({ min: 0, max: 999_999 }),
    )
    .map(([l, rest, yy, seq]) => `${l}${rest}${String(yy).padStart(2, '0')}${String(seq).padStart(6, '0')}`);

  it('property: every DIN as printed, compact, without check or scanned parses back to itself', () => {
    fc.assert(
      fc.property(dinArb, (din) => {
        // Act
        const forms = [formatDin(din), din + dinCheckCharacter(din), din, `=${din}00`].map(parseDin);
        // Assess
        return forms.every((p) => p.ok && p.din === din);
      }),
    );
  });

  it('property: any other check character is refused and names the right one', () => {
    fc.assert(
      fc.property(dinArb, fc.constantFrom(...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ*'), (din, given) => {
        // Prepare
        const expected = dinCheckCharacter(din);
        fc.pre(given !== expected);
        // Act
        const parsed = parseDin(`${din}${given}`);
        // Assess
        expect(parsed).toEqual({
          ok: false,
          reason: { code: 'wrong_check_character', din, given, expected },
        });
      }),
    );
  });
});

describe('parseDins', () => {
  it.each([
    ['W1234 26 000081 S, G1234 17 654321 A', ['W123426000081', 'G123417654321']],
    ['W1234 26 000081 S and G1234 17 654321 A', ['W123426000081', 'G123417654321']],
    [
      'W1234 26 000081 S\nG1234 17 654321 A\nG1234 98 654321 H',
      ['W123426000081', 'G123417654321', 'G123498654321'],
    ],
    ['W123426000081 G123417654321 G123498654321', ['W123426000081', 'G123417654321', 'G123498654321']],
    ['W1234 26 000081 G1234 17 654321', ['W123426000081', 'G123417654321']], // spaced, no check characters
    ['W1234 26 000081 S G1234 17 654321', ['W123426000081', 'G123417654321']],
    ['=W12342600008100 =G12341765432100', ['W123426000081', 'G123417654321']],
    ['units W1234 26 000081 S & G123417654321A please.', ['W123426000081', 'G123417654321']],
    [
      'discard W1234 26 000081 S; G1234 17 654321 A + G1234 98 654321 H',
      ['W123426000081', 'G123417654321', 'G123498654321'],
    ],
    ['(W123426000081), (G123417654321).', ['W123426000081', 'G123417654321']],
  ])('%j → %o', (text, dins) => {
    // Act
    const list = parseDins(text);
    // Assess
    expect(list).toEqual({ dins, rejected: [], duplicates: [] });
  });

  it.each([
    [
      'W1234 26 000081 S, W1234 26 000123 S',
      ['W123426000081'],
      [
        {
          text: 'W1234 26 000123 S',
          reason: { code: 'wrong_check_character', din: 'W123426000123', given: 'S', expected: '3' },
        },
      ],
    ],
    [
      'G1234 17 654321 A and G1234 17 65432',
      ['G123417654321'],
      [{ text: 'G1234 17 65432', reason: { code: 'wrong_length', length: 12 } }],
    ],
    [
      'W1234 26 00081 S, G123417654321',
      ['G123417654321'],
      [{ text: 'W1234 26 00081 S', reason: { code: 'bad_sequence', sequence: '00081S' } }],
    ],
  ])('%j keeps the good DINs and names the bad piece', (text, dins, rejected) => {
    // Act
    const list = parseDins(text);
    // Assess
    expect(list).toEqual({ dins, rejected, duplicates: [] });
  });

  it('lists a DIN given twice once, and says it was a duplicate', () => {
    // Act
    const list = parseDins('W1234 26 000081 S, =W12342600008100, G123417654321');
    // Assess
    expect(list).toEqual({
      dins: ['W123426000081', 'G123417654321'],
      rejected: [],
      duplicates: ['W123426000081'],
    });
  });

  it.each(['', 'the usual ones', 'and, and'])('%j holds no DIN and nothing to complain about', (text) => {
    // Act
    const list = parseDins(text);
    // Assess
    expect(list).toEqual({ dins: [], rejected: [], duplicates: [] });
  });

  it('property: any list of DINs in mixed forms and separators comes back in order', () => {
    const dinArb = fc
      .tuple(
        fc.constantFrom('W1234', 'G1234', 'AB12C', 'Z9Z9Z'),
        fc.integer({ min: 0, max: 99 }),
        fc.integer({ min: 0, max: 999_999 }),
      )
      .map(([f, yy, seq]) => `${f}${String(yy).padStart(2, '0')}${String(seq).padStart(6, '0')}`);
    fc.assert(
      fc.property(
        fc.uniqueArray(dinArb, { minLength: 1, maxLength: 8 }),
        fc.array(fc.constantFrom(0, 1, 2, 3), { minLength: 8, maxLength: 8 }),
        fc.array(fc.constantFrom(', ', ' and ', '\n', ' ', '; '), { minLength: 8, maxLength: 8 }),
        (dins, forms, separators) => {
          // Prepare
          const written = dins.map(
            (din, i) =>
              [
                formatDin(din),
                din + dinCheckCharacter(din),
                `${din.slice(0, 5)} ${din.slice(5, 7)} ${din.slice(7)}`,
                `=${din}00`,
              ][forms[i]!]!,
          );
          const text = written.reduce((acc, w, i) => (i === 0 ? w : acc + separators[i]! + w), '');
          // Act
          const list = parseDins(text);
          // Assess
          expect(list).toEqual({ dins, rejected: [], duplicates: [] });
        },
      ),
    );
  });
});
