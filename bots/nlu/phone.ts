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

/** Dates next to a number ("03/15/1990, 646 555 0182") make libphonenumber skip it; blank them first. */
const DATE_LIKE = /\b\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}\b/g;

function findIn(text: string, country: PhoneCountry): Entity[] {
  // `extended` accepts possible-but-unassigned numbers (555 ones in demos and tests) as Lex does.
  return findPhoneNumbersInText(text, { defaultCountry: country, extended: true })
    .filter((m) => m.number.nationalNumber.length >= MIN_NATIONAL_DIGITS)
    .map((m) => ({ type: 'AMAZON.PhoneNumber', start: m.startsAt, end: m.endsAt, value: m.number.number }));
}

export function findPhones(text: string, country: PhoneCountry): Entity[] {
  const masked = text.replace(DATE_LIKE, (d) => ' '.repeat(d.length));
  const found = findIn(masked, country);
  // A number written with a leading trunk 0 ("07700 900123", "020 7946 0321") cannot be a US one:
  // people registering in the US with a UK mobile give it that way, so read it as British.
  if (country === 'US') {
    for (const e of findIn(masked, 'GB')) {
      const overlaps = found.some((f) => f.start < e.end && e.start < f.end);
      if (!overlaps && masked.slice(e.start, e.end).trim().startsWith('0')) found.push(e);
    }
  }
  return found.sort((a, b) => a.start - b.start);
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
