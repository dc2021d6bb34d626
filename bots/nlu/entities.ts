/**
 * Finds every typed stretch of a sentence. Extractors run from the most to the least specific
 * (phone → time → date → custom types → numbers → names → open values), each on the text with
 * earlier finds blanked out, so "555 123 4567" is never three numbers and "at 10" is never a unit count.
 */
import type { BotDefinition, SlotTypeDefinition } from '../schema.js';
import { CustomTypeMatcher } from './customTypes.js';
import { findDates } from './dates.js';
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

/**
 * Unseen values of an OriginalValue type, recognised by the head words its sample values end in
 * ("... Hospital", "... Infirmary", "... Clinic"): up to three words before a head word.
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
    if (!this.heads) return [];
    const found: Entity[] = [];
    for (const m of text.matchAll(this.heads)) {
      let start = m.index;
      for (let k = 0; k < 3; k += 1) {
        // Only words right next to each other: a blanked-out span in between ends the name.
        const w = /([A-Za-z][A-Za-z'’.]*)\s{1,2}$/.exec(text.slice(0, start));
        if (!w || OPEN_STOP.has(w[1]!.toLowerCase())) break;
        start = w.index;
      }
      if (start === m.index) continue;
      const end = m.index + m[0].length;
      found.push({ type: this.type.name, start, end, value: text.slice(start, end) });
    }
    return found;
  }
}

export class EntityExtractor {
  private readonly matchers: CustomTypeMatcher[];
  private readonly openFinders: OpenValueFinder[];

  constructor(bot: BotDefinition) {
    this.matchers = bot.slotTypes.map((t) => new CustomTypeMatcher(t));
    this.openFinders = bot.slotTypes
      .filter((t) => t.resolution === 'OriginalValue')
      .map((t) => new OpenValueFinder(t));
  }

  matcher(typeName: string): CustomTypeMatcher | undefined {
    return this.matchers.find((m) => m.type.name === typeName);
  }

  extract(text: string, ctx: ResolveContext): Entity[] {
    const phones = findPhones(text, ctx.phoneCountry);
    let rest = mask(text, phones);
    const times = findTimes(rest);
    rest = mask(rest, times);
    const dates = findDates(rest, ctx);
    rest = mask(rest, dates);
    const tokens = tokenize(rest);
    // Custom types may overlap each other ("platelets" is a Component and a DonationType).
    const custom = this.matchers.flatMap((m) => m.findAll(rest, tokens));
    rest = mask(rest, custom);
    const numbers = findNumbers(rest);
    rest = mask(rest, numbers);
    const names = findNames(rest);
    rest = mask(rest, names);
    const open = this.openFinders.flatMap((f) => f.find(rest));
    return [...phones, ...times, ...dates, ...custom, ...numbers, ...names, ...open].sort(
      (a, b) => a.start - b.start,
    );
  }
}
