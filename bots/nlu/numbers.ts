/** AMAZON.Number: digits, or numbers written as words ("twenty one", "a couple of", "two hundred"). */
import type { Entity } from './types.js';

/** Number words up to nineteen; times read their hours from the same table. */
export const SMALL: Record<string, number> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
};
const TENS: Record<string, number> = {
  twenty: 20,
  thirty: 30,
  forty: 40,
  fourty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};
/** Quantities people say instead of a number when ordering ("a couple of units"). */
const IDIOMS: [RegExp, number][] = [
  [/^half a dozen$/, 6],
  [/^a (?:couple|pair)(?: of)?$/, 2],
  [/^a dozen$/, 12],
  [/^a (?:single|one)$/, 1],
];

const WORD_ALT = [...Object.keys(SMALL), ...Object.keys(TENS), 'hundred', 'thousand'].join('|');
const WORDS_RE = new RegExp(
  `\\b(?:${WORD_ALT}|a(?= hundred| thousand))(?:[\\s-]+(?:and[\\s-]+)?(?:${WORD_ALT}))*\\b`,
  'gi',
);
const IDIOM_RE = /\b(?:half a dozen|a (?:couple|pair)|a dozen)\b/gi;
const DIGITS_RE =
  /(?<![\d.,:/+-])\d{1,3}(?:,\d{3})+(?![\d.,:/])|(?<![\d.,:/+-])\d+(?:\.\d+)?(?![\d:/]|\.\d)/g;

/** "two hundred and five" → 205; null when the words do not form a number. */
export function wordsToNumber(phrase: string): number | null {
  const clean = phrase
    .toLowerCase()
    .replace(/[\s-]+/g, ' ')
    .trim();
  for (const [re, n] of IDIOMS) if (re.test(clean)) return n;
  let total = 0;
  let current = 0;
  let seen = false;
  for (const word of clean.split(' ')) {
    if (word === 'and') continue;
    if (word === 'a' && !seen) {
      current = 1;
      continue;
    }
    if (word in SMALL) current += SMALL[word]!;
    else if (word in TENS) current += TENS[word]!;
    else if (word === 'hundred') current = (current || 1) * 100;
    else if (word === 'thousand') {
      total += (current || 1) * 1000;
      current = 0;
    } else return null;
    seen = true;
  }
  return seen ? total + current : null;
}

/** The whole text is one number ("4", "four", "twenty-one", "4 units" is not). */
export function resolveNumber(text: string): string | null {
  const t = text.trim().replace(/[.!]$/, '');
  if (/^\d{1,3}(?:,\d{3})+$|^\d+(?:\.\d+)?$/.test(t)) return String(Number(t.replace(/,/g, '')));
  const n = wordsToNumber(t);
  return n === null ? null : String(n);
}

export function findNumbers(text: string): Entity[] {
  const found: Entity[] = [];
  const claim = (start: number, end: number, value: number | null) => {
    if (value === null || found.some((e) => start < e.end && e.start < end)) return;
    found.push({ type: 'AMAZON.Number', start, end, value: String(value) });
  };
  for (const m of text.matchAll(IDIOM_RE)) claim(m.index, m.index + m[0].length, wordsToNumber(m[0]));
  for (const m of text.matchAll(WORDS_RE)) claim(m.index, m.index + m[0].length, wordsToNumber(m[0]));
  for (const m of text.matchAll(DIGITS_RE))
    claim(m.index, m.index + m[0].length, Number(m[0].replace(/,/g, '')));
  return found.sort((a, b) => a.start - b.start);
}
