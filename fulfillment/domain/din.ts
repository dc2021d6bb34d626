/**
 * ISBT 128 Donation Identification Number: facility (1 letter + 4 alphanumerics), 2-digit year,
 * 6-digit sequence, and a printed check character that is not part of the DIN (DOMAIN.md "ISBT 128").
 * Implemented from the published rules only; no ICCBBA tables.
 */
import { InvalidDinError } from './errors.js';

const DIN = /^[A-Z][A-Z0-9]{4}\d{2}\d{6}$/;
const FACILITY = /^[A-Z][A-Z0-9]{4}$/;
// ISO 7064 mod 37-2 alphabet: 0–9 → 0–9, A–Z → 10–35, * → 36.
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ*';

export function isValidDin(din: string): boolean {
  return DIN.test(din);
}

/**
 * ISO 7064 mod 37-2: sum value × 2^n with n counted from the right starting at 1, then
 * (38 − sum mod 37) mod 37. Not (37 − sum) mod 37, a published variant that is wrong.
 */
export function dinCheckCharacter(din: string): string {
  if (!isValidDin(din)) throw new InvalidDinError(`Not a 13-character ISBT 128 DIN: ${JSON.stringify(din)}`);
  let sum = 0;
  let weight = 2; // 2^1 for the rightmost character
  for (let i = din.length - 1; i >= 0; i--) {
    // Reduce as we go: 2^13 × 35 is small, but staying below 37² keeps it exact for any length.
    sum = (sum + ALPHABET.indexOf(din[i]!) * weight) % 37;
    weight = (weight * 2) % 37;
  }
  return ALPHABET[(38 - sum) % 37]!;
}

/** Builds a DIN; `year` is two digits (26) or four (2026, reduced to 26). */
export function makeDin(facility: string, year: number, sequence: number): string {
  if (!FACILITY.test(facility)) {
    throw new InvalidDinError(
      `Facility code must be 1 letter + 4 letters or digits: ${JSON.stringify(facility)}`,
    );
  }
  const yy = Number.isInteger(year) && year >= 0 && year <= 99 ? year : fourDigitYear(year);
  if (!Number.isInteger(sequence) || sequence < 0 || sequence > 999_999) {
    throw new InvalidDinError(`Sequence must be an integer 0–999999: ${sequence}`);
  }
  return `${facility}${String(yy).padStart(2, '0')}${String(sequence).padStart(6, '0')}`;
}

function fourDigitYear(year: number): number {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) {
    throw new InvalidDinError(`Year must be two or four digits: ${year}`);
  }
  return year % 100;
}

/** Eye-readable form with the check character, e.g. "G1234 17 654321 A". */
export function formatDin(din: string): string {
  const check = dinCheckCharacter(din);
  return `${din.slice(0, 5)} ${din.slice(5, 7)} ${din.slice(7)} ${check}`;
}
