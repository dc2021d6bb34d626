/**
 * Finds every typed stretch of a sentence. Extractors run from the most to the least specific
 * (phone → time → date → custom types → numbers → names → open values), each on the text with
 * earlier finds blanked out, so "555 123 4567" is never three numbers and "at 10" is never a unit count.
 */
import type { BotDefinition, SlotTypeDefinition } from '../schema.js';
import { CustomTypeMatcher } from './customTypes.js';
import { findDates } from './dates.js';
import { DIN_TYPE, findDins } from './din.js';
import { DONOR_TYPE, findDonors } from './donor.js';
import { findNames } from './names.js';
import { findNumbers } from './numbers.js';
import { findPhones } from './phone.js';
import { mask, tokenize } from './text.js';
import { findTimes } from './times.js';
import type { Entity, ResolveContext } from './types.js';

/** Words that introduce an open value ("for Mercy Hospital") rather than belong to it. */
const OPEN_STOP = new Set(
  'a an the for to at from of in on by and or send sending order need needed needs request requesting units unit please our my their this that with get'.split(
    ' ',
  ),
);

/** Words that never start or make up a hospital's name, however they are capitalised. */
const NOT_A_NAME = new Set(
  'i me you we they it a an the this that theatre surgery patient patients ward er icu ed ae resus monday tuesday wednesday thursday friday saturday sunday today tomorrow tonight please asap stat urgent now units unit blood'.split(
    ' ',
  ),
);
const OPEN_WORD = /^[A-Za-z][A-Za-z'’.]*$/;

/**
 * Unseen values of an OriginalValue type, found three ways: by the head words its sample values end
 * in ("... Hospital", "... Infirmary", "... Clinic", "City General"), as a saint's name ("St Luke's"),
 * and by position: capitalised words right after "for", "to" or "at" ("for Mercy West").
 */
class OpenValueFinder {
  private readonly heads: RegExp | null;

  constructor(private readonly type: SlotTypeDefinition) {
    const heads = new Set(
      type.values
        .map((v) => v.value.trim().split(/\s+/))
        .filter((words) => words.length > 1)
        .map((words) =>
          words
            .at(-1)!
            .toLowerCase()
            .replace(/[^a-z]/g, ''),
        ),
    );
    this.heads = heads.size > 0 ? new RegExp(`\\b(?:${[...heads].join('|')})\\b`, 'gi') : null;
  }

  find(text: string): Entity[] {
    const found: Entity[] = [];
    const claim = (start: number, end: number) => {
      if (found.some((e) => start < e.end && e.start < end)) return;
      const value = tidy(text.slice(start, end));
      if (value) found.push({ type: this.type.name, start, end, value });
    };
    // "St Luke's", "Saint Thomas' Hospital": a saint's name is a hospital's in this domain.
    for (const m of text.matchAll(
      /\b(?:st\.?|saint)\s+[A-Za-z]+(?:['’]s?|s)?(?:\s+(?:hospital|infirmary|clinic))?(?![A-Za-z])/gi,
    )) {
      claim(m.index, m.index + m[0].length);
    }
    if (this.heads) {
      for (const m of text.matchAll(this.heads)) {
        let start = m.index;
        for (let k = 0; k < 3; k += 1) {
          // Only words right next to each other: a blanked-out span in between ends the name.
          const w = /([A-Za-z][A-Za-z'’.]*)\s{1,2}$/.exec(text.slice(0, start));
          if (!w || OPEN_STOP.has(w[1]!.toLowerCase())) break;
          start = w.index;
        }
        if (start === m.index) continue;
        claim(start, m.index + m[0].length);
      }
    }
    for (const m of text.matchAll(/\b(?:for|to|at)\s+(?:the\s+)?/gi)) {
      let end = m.index + m[0].length;
      const start = end;
      let words = 0;
      for (const w of text.slice(start).matchAll(/([^\s,;.!?]+)(\s?)/g)) {
        const word = w[1]!;
        const capitalised = /^[A-Z][a-z]/.test(word) && OPEN_WORD.test(word);
        if (!capitalised || NOT_A_NAME.has(word.toLowerCase()) || words === 4) break;
        words += 1;
        end = start + w.index + word.length;
        if (!w[2]) break;
      }
      if (words > 0) claim(start, end);
    }
    return found;
  }
}

/** "st lukes" → "St Lukes", "Mercy West" stays as typed: all-lower values get capitals. */
function tidy(value: string): string {
  const trimmed = value.trim().replace(/[.,;:]+$/, '');
  if (trimmed !== trimmed.toLowerCase()) return trimmed;
  return trimmed.replace(/(^|\s)([a-z])/g, (_m, sp: string, ch: string) => sp + ch.toUpperCase());
}

/** Types found by their own shape (./din.ts, ./donor.ts), not by listed values or position. */
const BY_SHAPE = new Set([DIN_TYPE, DONOR_TYPE]);

/** "pos" inside "O pos" is a blood group's sign, not a test result: a value inside a longer one of another type is dropped. */
const INSIDE_OTHERS = new Set(['TestResult']);
function dropInside(custom: Entity[]): Entity[] {
  return custom.filter(
    (e) =>
      !INSIDE_OTHERS.has(e.type) ||
      !custom.some(
        (o) => o.type !== e.type && o.start <= e.start && e.end <= o.end && o.end - o.start > e.end - e.start,
      ),
  );
}

export class EntityExtractor {
  private readonly matchers: CustomTypeMatcher[];
  private readonly openFinders: OpenValueFinder[];

  constructor(bot: BotDefinition) {
    this.matchers = bot.slotTypes.map((t) => new CustomTypeMatcher(t));
    this.openFinders = bot.slotTypes
      .filter((t) => t.resolution === 'OriginalValue' && !BY_SHAPE.has(t.name))
      .map((t) => new OpenValueFinder(t));
  }

  matcher(typeName: string): CustomTypeMatcher | undefined {
    return this.matchers.find((m) => m.type.name === typeName);
  }

  extract(text: string, ctx: ResolveContext): Entity[] {
    const dins = findDins(text);
    const phones = findPhones(mask(text, dins), ctx.phoneCountry);
    let rest = mask(mask(text, dins), phones);
    const times = findTimes(rest);
    rest = mask(rest, times);
    const dates = findDates(rest, ctx);
    rest = mask(rest, dates);
    const tokens = tokenize(rest);
    // Custom types may overlap each other ("platelets" is a Component and a DonationType).
    const custom = dropInside(
      this.matchers.filter((m) => !BY_SHAPE.has(m.type.name)).flatMap((m) => m.findAll(rest, tokens)),
    );
    rest = mask(rest, custom);
    const numbers = findNumbers(rest);
    rest = mask(rest, numbers);
    const donors = findDonors(mask(text, [...dins, ...times, ...dates, ...custom, ...numbers]), phones);
    const names = findNames(rest);
    rest = mask(mask(rest, names), donors);
    const open = this.openFinders.flatMap((f) => f.find(rest));
    return [...dins, ...phones, ...times, ...dates, ...custom, ...numbers, ...donors, ...names, ...open].sort(
      (a, b) => a.start - b.start,
    );
  }
}
