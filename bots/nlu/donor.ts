/**
 * The `donor` slot (slot type `Donor`): who a donation or a lookback is about, as staff name them:
 * a name, a phone number or a donor number, right after a cue ("donation for", "donor", "lookback
 * on", "bled"). The value is what fulfillment searches by; it tells the three apart itself.
 */
import type { Entity } from './types.js';

export const DONOR_TYPE = 'Donor';

const CUES = [
  /\b(?:donors?|donations?|donated|bled|lookback|look[- ]back)\b(?:\s+(?:for|from|by|on|of|is|was|no\.?|number|#|id))?\s*[:,-]?\s+(?:(?:for|from|by|on|of)\s+)?(?:(?:the\s+)?donor\s+)?(?:(?:no\.?|number|#|id)\s*[:]?\s*)?/gi,
  // "donation W1234 26 000123 S for Dana Donor": a few words (or a blanked DIN) between.
  /\bdonations?\s+(?:\S+\s+){0,2}?(?:for|from|by)\s+(?:(?:the\s+)?donor\s+)?/gi,
];
const WORD = /^([A-Za-z][A-Za-z'’-]*)(\s{1,2}|,\s?|$)/;
const DONOR_NUMBER = /^(?=[A-Za-z0-9-]*\d)[A-Za-z0-9][A-Za-z0-9-]{3,35}(?![A-Za-z0-9-])/;
/** Words that end or never make up a donor's name. */
const STOP = new Set(
  (
    'a an the this that these those today yesterday tonight morning afternoon evening now din dins unit units bag bags ' +
    'donation donations at on in with was is has had and or but to for from of by as it its their his her ' +
    'dob born ph phone tel mob mobile number no id please pls record log add enter run start who where which what when ' +
    'were gave donated bled all everything previous earlier past prior recent went go issued blood stock quarantine ' +
    'hold recall recipients components lookback look back just here there so then type group results result ' +
    'me my i you your our us we done'
  ).split(' '),
);

function tidy(value: string): string {
  const trimmed = value.trim().replace(/[.,;:]+$/, '');
  if (trimmed !== trimmed.toLowerCase()) return trimmed;
  return trimmed.replace(/(^|[\s'-])([a-z])/g, (_m, sp: string, ch: string) => sp + ch.toUpperCase());
}

/**
 * `text` has DINs, dates, custom values and numbers blanked out (names are not: a donor's name is
 * also a first and last name); `phones` are the phone numbers found in it.
 */
export function findDonors(text: string, phones: Entity[]): Entity[] {
  const found: Entity[] = [];
  const cues = CUES.flatMap((re) => [...text.matchAll(re)]).sort((a, b) => a.index - b.index);
  for (const m of cues) {
    const start = m.index + m[0].length;
    if (found.some((e) => start < e.end)) continue;
    const phone = phones.find((p) => p.start === start);
    if (phone) {
      found.push({ type: DONOR_TYPE, start: phone.start, end: phone.end, value: phone.value });
      continue;
    }
    const rest = text.slice(start);
    const number = DONOR_NUMBER.exec(rest);
    if (number && /\d/.test(number[0])) {
      found.push({ type: DONOR_TYPE, start, end: start + number[0].length, value: number[0] });
      continue;
    }
    let end = start;
    let cursor = start;
    let words = 0;
    let capitalised = false;
    while (words < 3) {
      const w = WORD.exec(text.slice(cursor));
      if (!w || STOP.has(w[1]!.toLowerCase())) break;
      words += 1;
      capitalised ||= /^[A-Z]/.test(w[1]!);
      end = cursor + w[1]!.length;
      cursor += w[0].length;
      if (!w[2] || w[2].includes(',')) break;
    }
    // One lower-case word after a cue is more often an ordinary word than a name.
    if (words >= 2 || (words === 1 && capitalised)) {
      found.push({ type: DONOR_TYPE, start, end, value: tidy(text.slice(start, end)) });
    }
  }
  return found;
}
