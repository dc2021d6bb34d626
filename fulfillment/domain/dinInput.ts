/**
 * DINs as staff give them (the bot contract's slot `din`): printed, `W1234 26 000123 S`, with or without spaces
 * and check character (verified when given), or scanned ISBT 128 data structure 001, `=` + the 13
 * characters + two flag characters. Bad input is a value naming what is wrong, never a throw.
 */
import { dinCheckCharacter } from './din.js';

export type DinRejection =
  | { code: 'empty' }
  | { code: 'wrong_length'; length: number }
  | { code: 'bad_facility'; facility: string }
  | { code: 'bad_year'; year: string }
  | { code: 'bad_sequence'; sequence: string }
  | { code: 'bad_check_character'; given: string }
  | { code: 'wrong_check_character'; din: string; given: string; expected: string }
  | { code: 'bad_flags'; flags: string };

export type DinParse =
  | { ok: true; din: string; form: 'printed' | 'scanned'; checkVerified: boolean }
  | { ok: false; reason: DinRejection };

const FACILITY = /^[A-Z][A-Z0-9]{4}$/;
const CHECK_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ*';
const FLAGS = /^[0-9A-Z]{2}$/;

/** Words a person would say, for a reply ("the check character should be A, not S"). */
export function describeDinRejection(reason: DinRejection): string {
  switch (reason.code) {
    case 'empty':
      return 'no DIN was given';
    case 'wrong_length':
      return `a DIN has 13 characters (14 with the check character), this has ${reason.length}`;
    case 'bad_facility':
      return `the facility code must be a letter and 4 letters or digits, not ${reason.facility}`;
    case 'bad_year':
      return `the year must be 2 digits, not ${reason.year}`;
    case 'bad_sequence':
      return `the sequence number must be 6 digits, not ${reason.sequence}`;
    case 'bad_check_character':
      return `${reason.given} cannot be a check character`;
    case 'wrong_check_character':
      return `the check character of ${reason.din} is ${reason.expected}, not ${reason.given}`;
    case 'bad_flags':
      return `a scanned DIN ends in two flag characters, not ${JSON.stringify(reason.flags)}`;
  }
}

/** One DIN in any accepted form → the canonical 13 characters, or why not. */
export function parseDin(text: string): DinParse {
  const compact = text.replace(/\s+/g, '').toUpperCase();
  if (compact === '') return { ok: false, reason: { code: 'empty' } };
  if (compact.startsWith('=')) return parseScanned(compact.slice(1));
  return parsePrinted(compact);
}

function parseScanned(data: string): DinParse {
  if (data.length !== 15) return { ok: false, reason: { code: 'wrong_length', length: data.length } };
  const structure = checkStructure(data.slice(0, 13));
  if (structure) return { ok: false, reason: structure };
  const flags = data.slice(13);
  if (!FLAGS.test(flags)) return { ok: false, reason: { code: 'bad_flags', flags } };
  return { ok: true, din: data.slice(0, 13), form: 'scanned', checkVerified: false };
}

function parsePrinted(compact: string): DinParse {
  if (compact.length !== 13 && compact.length !== 14) {
    return { ok: false, reason: { code: 'wrong_length', length: compact.length } };
  }
  const din = compact.slice(0, 13);
  const structure = checkStructure(din);
  if (structure) return { ok: false, reason: structure };
  if (compact.length === 13) return { ok: true, din, form: 'printed', checkVerified: false };
  const given = compact[13]!;
  if (!CHECK_ALPHABET.includes(given)) return { ok: false, reason: { code: 'bad_check_character', given } };
  const expected = dinCheckCharacter(din);
  if (given !== expected) {
    return { ok: false, reason: { code: 'wrong_check_character', din, given, expected } };
  }
  return { ok: true, din, form: 'printed', checkVerified: true };
}

/** The first part that breaks the format, in reading order. */
function checkStructure(din: string): DinRejection | null {
  const facility = din.slice(0, 5);
  const year = din.slice(5, 7);
  const sequence = din.slice(7, 13);
  if (!FACILITY.test(facility)) return { code: 'bad_facility', facility };
  if (!/^\d{2}$/.test(year)) return { code: 'bad_year', year };
  if (!/^\d{6}$/.test(sequence)) return { code: 'bad_sequence', sequence };
  return null;
}

/** A run of tokens that has the shape of one DIN, so a wrong check character is reported, not split off. */
function dinShaped(compact: string): boolean {
  if (compact.startsWith('=')) return compact.length === 16 && checkStructure(compact.slice(1, 14)) === null;
  if (compact.length === 13) return checkStructure(compact) === null;
  return compact.length === 14 && checkStructure(compact.slice(0, 13)) === null;
}

export interface DinList {
  /** Canonical DINs in the order given, each once. */
  dins: string[];
  /** Pieces that looked like a DIN and were not one, with why. */
  rejected: Array<{ text: string; reason: DinRejection }>;
  /** DINs given more than once (kept once in `dins`). */
  duplicates: string[];
}

// Lists are separated by commas, semicolons, new lines, "and", "&", "+" or plain spaces.
const SEPARATORS = /[,;\n\r&+]+|\band\b/i;
const MAX_TOKENS_PER_DIN = 4; // facility, year, sequence, check character

/**
 * Every DIN in a message ("W1234 26 000123 S, W1234 26 000124 and =W12342600012500"). Spaces both
 * separate DINs and sit inside printed ones, so within a piece the longest run of up to four tokens
 * that has a DIN's shape is taken first. Words without digits ("units", "please") are skipped; other
 * leftover tokens next to each other are reported together as one rejected piece.
 */
export function parseDins(text: string): DinList {
  const result: DinList = { dins: [], rejected: [], duplicates: [] };
  const seen = new Set<string>();
  const accept = (din: string) => {
    if (seen.has(din)) {
      if (!result.duplicates.includes(din)) result.duplicates.push(din);
      return;
    }
    seen.add(din);
    result.dins.push(din);
  };
  for (const piece of text.split(SEPARATORS)) {
    const tokens = piece
      .split(/\s+/)
      .map((t) => t.replace(/^[^\w=]+|[^\w*]+$/g, ''))
      .filter((t) => t !== '');
    let leftover: string[] = [];
    const flush = () => {
      if (leftover.length === 0) return;
      const joined = leftover.join(' ');
      const parsed = parseDin(joined);
      if (parsed.ok) accept(parsed.din);
      else result.rejected.push({ text: joined, reason: parsed.reason });
      leftover = [];
    };
    let i = 0;
    while (i < tokens.length) {
      let taken = 0;
      for (let n = Math.min(MAX_TOKENS_PER_DIN, tokens.length - i); n >= 1; n--) {
        if (
          dinShaped(
            tokens
              .slice(i, i + n)
              .join('')
              .toUpperCase(),
          )
        ) {
          taken = n;
          break;
        }
      }
      if (taken > 0) {
        flush();
        const run = tokens.slice(i, i + taken).join(' ');
        const parsed = parseDin(run);
        if (parsed.ok) accept(parsed.din);
        else result.rejected.push({ text: run, reason: parsed.reason });
        i += taken;
        continue;
      }
      const token = tokens[i]!;
      if (/^[A-Za-z]{2,}$/.test(token)) flush();
      else leftover.push(token);
      i++;
    }
    flush();
  }
  return result;
}
