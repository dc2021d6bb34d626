/**
 * DINs in a sentence (slot type `Din`): one or several, printed (`W1234 26 000123 S`, spaces and
 * check character optional) or scanned (`=W12342600012300`). Found by shape before anything else,
 * so their digits are never read as a phone, a number or a date. The value is each DIN's canonical
 * 13 characters, several separated by spaces; a DIN-shaped piece that fails (a wrong check
 * character) keeps its compact form so fulfillment can say what is wrong (domain/dinInput.ts).
 */
import { parseDin } from '../../fulfillment/domain/dinInput.js';
import type { Entity } from './types.js';

export const DIN_TYPE = 'Din';

const SCANNED = String.raw`=[A-Za-z][A-Za-z0-9]{4}\d{8}[0-9A-Za-z]{2}`;
const PRINTED = String.raw`[A-Za-z][A-Za-z0-9]{4}[ ]?\d{2}[ ]?\d{6}(?:[ ]?[0-9A-Za-z*](?![A-Za-z0-9]))?`;
const ONE = `(?:${SCANNED}|${PRINTED})`;
const SINGLE = new RegExp(`(?<![A-Za-z0-9=])${ONE}`, 'g');
/** What may stand between two DINs of one list. */
const BETWEEN = /^\s*(?:[,;&+/]|\band\b)?\s*$/i;

/**
 * One DIN-shaped piece → its canonical value and length. A trailing single lower-case letter that
 * is no valid check character is a word ("… 000123 a unit", "… 000081 b-pos"), so it is left out.
 */
function canonical(piece: string): { value: string; length: number } {
  const parsed = parseDin(piece);
  if (parsed.ok) return { value: parsed.din, length: piece.length };
  const trimmed = /^(.*\d)\s?([a-z])$/.exec(piece);
  if (trimmed) {
    const again = parseDin(trimmed[1]!);
    if (again.ok) return { value: again.din, length: trimmed[1]!.length };
  }
  return { value: piece.replace(/\s+/g, '').toUpperCase(), length: piece.length };
}

export function findDins(text: string): Entity[] {
  const found: Entity[] = [];
  for (const m of text.matchAll(SINGLE)) {
    const { value, length } = canonical(m[0]);
    const start = m.index;
    const end = start + length;
    const last = found.at(-1);
    // DINs one after another, apart only by a comma, "and" or spaces, are one list.
    if (last && BETWEEN.test(text.slice(last.end, start))) {
      last.end = end;
      last.value = `${last.value} ${value}`;
    } else {
      found.push({ type: DIN_TYPE, start, end, value });
    }
  }
  return found;
}

/** The whole answer is DINs (at the DIN prompt); null when none is there. */
export function resolveDins(text: string): string | null {
  const found = findDins(text);
  return found.length === 0 ? null : found.map((e) => e.value).join(' ');
}
