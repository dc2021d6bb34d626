/**
 * AMAZON.FirstName / AMAZON.LastName. In a sentence a name needs a cue ("my name is", "I'm",
 * "register <first> <last>"), and common words never count as names ("I'm new here", "I'm busy").
 * When a name is being elicited, the whole answer minus fillers is the name.
 */
import type { Entity } from './types.js';

const NAME = "([A-Za-z][A-Za-z'’-]*)";
/** Words that follow "I'm" or "register" far more often than any name does. */
const COMMON = new Set(
  (
    'a an the and or but so to for of in on at by from with as up me my myself you your we us our it its this that ' +
    'here there now today tomorrow not no yes ok okay sure just also very really still new old new donor donors ' +
    'blood walk walking interested looking trying wanting going hoping wondering calling writing ready able unable ' +
    'free available busy away sick ill unwell fine good well pregnant allergic afraid scared worried nervous ' +
    'over under about please thanks thank sorry someone somebody patient staff nurse doctor registered signed ' +
    'donating donate giving give booking book register sign enrol enroll add create phone number born dob date ' +
    'positive negative pos neg group type unsure unknown glad happy keen eager back late early out off again ' +
    'what who when where why how is am are was be been will would can could should need needs want wants like ' +
    "first last surname name called i dont don't know idea clue"
  ).split(' '),
);

const CUES: { re: RegExp; both: boolean; only?: 'first' | 'last' }[] = [
  {
    re: new RegExp(
      `\\b(?:my name is|my name's|my names|name is|name's|i am|i'm|i’m|im|this is|call me)\\s+${NAME}(?:\\s+${NAME})?`,
      'gid',
    ),
    both: false,
  },
  {
    re: new RegExp(
      `\\b(?:register|sign up|signup|sign|enrol|enroll|add|new donor|donor)[\\s:,-]+(?:(?:a|the)\\s+)?(?:(?:new|walk[- ]?in)\\s+)*(?:donor[\\s:,-]+)?${NAME}\\s+${NAME}`,
      'gid',
    ),
    both: true,
  },
  {
    // Terse staff entries: "james okafor, dob 12/03/1990", "for j smith, born ...": a name before
    // the label of a birth date or phone.
    re: new RegExp(
      `(?:^|[:;]\\s*|\\s-\\s*|\\bfor\\s+)${NAME}\\s+${NAME}\\s*[,;:-]?\\s+(?:dob|d\\.o\\.b\\.?|born|date of birth|birthday|ph|phone|tel|mob|mobile|cell|number)\\b`,
      'gid',
    ),
    both: true,
  },
  {
    // "walk in - Ana Lima, 1990-01-02, 0770...": after a separator, a name then a date or phone, which
    // are masked (runs of spaces) by the time names are read.
    re: new RegExp(`(?:^|[:;]\\s*|\\s-\\s*)${NAME}\\s+${NAME}\\s*[,;-]\\s{6,}`, 'gid'),
    both: true,
  },
  { re: new RegExp(`\\bfirst\\s*name(?:\\s+is)?\\s+${NAME}`, 'gid'), both: false, only: 'first' },
  {
    re: new RegExp(`\\b(?:last\\s*name|surname|family name)(?:\\s+is)?\\s+${NAME}`, 'gid'),
    both: false,
    only: 'last',
  },
];

/** "o'brien" → "O'Brien", "mary-jane" → "Mary-Jane", "McDonald" stays as typed. */
export function capitaliseName(word: string): string {
  const typedMixed = word !== word.toLowerCase() && word !== word.toUpperCase();
  const base = typedMixed ? word : word.toLowerCase();
  return base.replace(/(^|[-'’])([a-z])/g, (_m, sep: string, ch: string, offset: number) =>
    sep === '' || sep === '-' || offset <= 2 ? sep + ch.toUpperCase() : sep + ch,
  );
}

/** "I'm working", "I'm travelling": a present participle after a cue is never the name. */
const isName = (w: string | undefined): w is string => {
  if (!w) return false;
  const lower = w.toLowerCase().replace(/[’]/g, "'");
  return !COMMON.has(lower) && !(lower.length > 5 && lower.endsWith('ing'));
};

function entity(type: string, m: RegExpExecArray | RegExpMatchArray, group: number): Entity {
  const [start, end] = m.indices![group]!;
  return { type, start, end, value: capitaliseName(m[group]!) };
}

export function findNames(text: string): Entity[] {
  // "first name Ben, surname Whitaker": the two labelled cues add up; any other cue gives both.
  const labelled: Entity[] = [];
  for (const cue of CUES) {
    for (const m of text.matchAll(cue.re)) {
      const [, first, last] = m;
      if (!isName(first) || (cue.both && !isName(last))) continue;
      if (cue.only) {
        labelled.push(entity(cue.only === 'first' ? 'AMAZON.FirstName' : 'AMAZON.LastName', m, 1));
        break;
      }
      const found = [entity('AMAZON.FirstName', m, 1)];
      if (isName(last)) found.push(entity('AMAZON.LastName', m, 2));
      return found;
    }
  }
  return labelled;
}

const NAME_FILLERS =
  /^(?:(?:my\s+)?(?:first\s*|last\s*|sur|family\s+)?name(?:\s+is|'s)?|it's|it is|its|i'm|i am|im|call me|this is|sure|ok|okay|yes|hi|hello)[\s,:]+/i;

/** The whole answer is a name: 1–3 words of letters, fillers aside. */
export function resolveName(text: string): string | null {
  let t = text.trim().replace(/[.!]+$/, '');
  for (let i = 0; i < 3; i += 1) t = t.replace(NAME_FILLERS, '');
  t = t.replace(/[\s,]+(?:please|thanks|thank you)$/i, '').trim();
  const words = t.split(/\s+/).filter(Boolean);
  if (words.length === 0 || words.length > 3) return null;
  if (!words.every((w) => /^[A-Za-z][A-Za-z'’-]*$/.test(w))) return null;
  // "I don't know" is an answer, not a name; "Will Smith" is a name.
  if (words.filter((w) => !isName(w)).length * 2 > words.length) return null;
  return words.map(capitaliseName).join(' ');
}
