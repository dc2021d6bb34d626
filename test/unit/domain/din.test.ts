import { describe, expect, it } from 'vitest';
import { dinCheckCharacter, formatDin, isValidDin, makeDin } from '../../../fulfillment/domain/din.js';
import { DomainError, InvalidDinError } from '../../../fulfillment/domain/errors.js';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ*';

/** The published wrong variant, (37 − sum) mod 37, written independently to prove the test tells them apart. */
function wrongVariant(din: string): string {
  let sum = 0;
  [...din].reverse().forEach((char, i) => {
    sum += ALPHABET.indexOf(char) * 2 ** (i + 1);
  });
  return ALPHABET[(((37 - sum) % 37) + 37) % 37]!;
}

describe('dinCheckCharacter (ISO 7064 mod 37-2)', () => {
  it.each([
    ['G123417654321', 'A'], // DOMAIN.md worked example
    ['G123498654321', 'H'], // JPAC example
  ])('%s → %s', (din, expected) => {
    // Act
    const check = dinCheckCharacter(din);
    // Assess
    expect(check).toBe(expected);
  });

  it('differs from the wrong (37 − sum) mod 37 variant, which gives 9 for the first example', () => {
    // Act
    const wrong = wrongVariant('G123417654321');
    // Assess
    expect(wrong).toBe('9');
    expect(dinCheckCharacter('G123417654321')).not.toBe(wrong);
  });

  const base = 'G123417654321';
  const substitutions = [...base].flatMap((original, position) => {
    const allowed =
      position === 0 ? 'ABCDEFGHIJKLMNOPQRSTUVWXYZ' : position < 5 ? ALPHABET.slice(0, 36) : '0123456789';
    return [...allowed]
      .filter((c) => c !== original)
      .map((c) => [position, c, base.slice(0, position) + c + base.slice(position + 1)] as const);
  });

  it.each(substitutions)(
    'changing position %i to %s changes the check character',
    (_position, _char, changed) => {
      // Act
      const check = dinCheckCharacter(changed);
      // Assess
      expect(check).not.toBe(dinCheckCharacter(base));
    },
  );

  it.each(['', 'G12341765432', 'G1234176543210', 'g123417654321', 'G1234 17 654321', 'G123417654321A'])(
    'throws InvalidDinError for %j',
    (bad) => {
      // Act
      const act = () => dinCheckCharacter(bad);
      // Assess
      expect(act).toThrow(InvalidDinError);
      expect(act).toThrow(DomainError);
      try {
        act();
      } catch (error) {
        expect((error as Error).name).toBe('InvalidDinError');
      }
    },
  );
});

describe('isValidDin', () => {
  it.each([
    ['G123417654321', true],
    ['AB12C26000001', true], // facility: letter + 4 alphanumerics
    ['G12341765432', false], // 12 characters
    ['G123417654321A', false], // the check character is not part of the DIN
    ['1123417654321', false], // facility must start with a letter
    ['g123417654321', false],
    ['G1234A7654321', false], // year is digits
    ['G12341765432B', false], // sequence is digits
    ['G1234-17-654321', false],
    ['G*23417654321', false], // * is only a check value
  ])('%s → %s', (din, expected) => {
    // Act
    const valid = isValidDin(din);
    // Assess
    expect(valid).toBe(expected);
  });
});

describe('makeDin', () => {
  it.each([
    ['G1234', 17, 654321, 'G123417654321'],
    ['G1234', 2026, 1, 'G123426000001'],
    ['G1234', 5, 42, 'G123405000042'],
    ['AB12C', 2000, 0, 'AB12C00000000'],
  ])('(%s, %i, %i) → %s', (facility, year, sequence, expected) => {
    // Act
    const din = makeDin(facility, year, sequence);
    // Assess
    expect(din).toBe(expected);
    expect(isValidDin(din)).toBe(true);
  });

  it.each([
    ['g1234', 26, 1],
    ['1G234', 26, 1],
    ['G123', 26, 1],
    ['G1234', -1, 1],
    ['G1234', 100, 1],
    ['G1234', 26.5, 1],
    ['G1234', 26, 1_000_000],
    ['G1234', 26, -1],
    ['G1234', 26, 1.5],
  ])('throws for (%s, %s, %s)', (facility, year, sequence) => {
    // Act / Assess
    expect(() => makeDin(facility, year, sequence)).toThrow(InvalidDinError);
  });
});

describe('formatDin', () => {
  it.each([
    ['G123417654321', 'G1234 17 654321 A'],
    ['G123498654321', 'G1234 98 654321 H'],
  ])('%s → %s', (din, expected) => {
    // Act
    const printed = formatDin(din);
    // Assess
    expect(printed).toBe(expected);
  });

  it('throws for a malformed DIN', () => {
    // Act / Assess
    expect(() => formatDin('G1234')).toThrow(InvalidDinError);
  });
});
