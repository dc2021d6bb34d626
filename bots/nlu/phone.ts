/** AMAZON.PhoneNumber → E.164 via libphonenumber-js, national numbers read in the caller's country. */
import { findPhoneNumbersInText, parsePhoneNumberFromString } from 'libphonenumber-js';
import type { Entity, PhoneCountry } from './types.js';

/** The phone country of a policy preset (fulfillment/domain/policy.ts): national numbers read there. */
export function phoneCountryOfPolicy(policy: 'US' | 'UK'): PhoneCountry {
  return policy === 'UK' ? 'GB' : 'US';
}

/** Shorter numbers are local or extensions we cannot text; US and UK mobiles have 10 digits. */
const MIN_NATIONAL_DIGITS = 9;

const DIGIT_WORDS: Record<string, string> = {
  zero: '0',
  oh: '0',
  o: '0',
  one: '1',
  two: '2',
  three: '3',
  four: '4',
  five: '5',
  six: '6',
  seven: '7',
  eight: '8',
  nine: '9',
};

export function findPhones(text: string, country: PhoneCountry): Entity[] {
  // `extended` accepts possible-but-unassigned numbers (555 ones in demos and tests) as Lex does.
  return findPhoneNumbersInText(text, { defaultCountry: country, extended: true })
    .filter((m) => m.number.nationalNumber.length >= MIN_NATIONAL_DIGITS)
    .map((m) => ({ type: 'AMAZON.PhoneNumber', start: m.startsAt, end: m.endsAt, value: m.number.number }));
}

/** An elicitation answer; spelled-out digits ("five five five ...") are read as digits. */
export function resolvePhone(text: string, country: PhoneCountry): string | null {
  const found = findPhones(text, country)[0];
  if (found) return found.value;
  const words = text
    .toLowerCase()
    .split(/[\s,.-]+/)
    .filter(Boolean);
  if (words.length >= MIN_NATIONAL_DIGITS && words.every((w) => w in DIGIT_WORDS || /^\d+$/.test(w))) {
    const digits = words.map((w) => DIGIT_WORDS[w] ?? w).join('');
    const parsed = parsePhoneNumberFromString(digits, country);
    if (parsed?.isPossible()) return parsed.number;
  }
  return null;
}
