/**
 * The classifier's training set, generated from the bot definition: each sample utterance with
 * its `{slot}` placeholders filled by sample values (several variants, chosen deterministically),
 * then delexicalised exactly as user text is at run time.
 */
import type { BotDefinition, IntentDefinition, SlotDefinition } from '../schema.js';
import { dateSense } from './slotFilling.js';
import { phraseKey } from './text.js';
import type { Entity } from './types.js';

/** Training texts are generated with this fixed clock, so the model never depends on today's date. */
export const TRAINING_CLOCK = {
  now: new Date('2026-01-05T09:00:00Z'),
  timeZone: 'UTC',
  phoneCountry: 'US' as const,
};

/**
 * Sample values for built-in types, each with what it resolves to at TRAINING_CLOCK (a Monday), so
 * cross-validation can check slots too. Not used anywhere else (the held-out sets have their own).
 */
const BUILT_IN_SAMPLES: Record<string, [string, string][]> = {
  'AMAZON.Date': [
    ['tomorrow', '2026-01-06'],
    ['friday', '2026-01-09'],
    ['next monday', '2026-01-12'],
    ['December 3rd', '2026-12-03'],
    ['12/05', '2026-12-05'],
    ['the 9th', '2026-01-09'],
    ['today', '2026-01-05'],
    ['saturday', '2026-01-10'],
    ['Wednesday the 7th of January', '2026-01-07'],
    ['thu 8th', '2026-01-08'],
  ],
  'AMAZON.Time': [
    ['10am', '10:00'],
    ['2:30 pm', '14:30'],
    ['noon', '12:00'],
    ['half past eleven', '11:30'],
    ['9:15', '09:15'],
    ['4 in the afternoon', '16:00'],
  ],
  'AMAZON.Number': [
    ['4', '4'],
    ['two', '2'],
    ['ten', '10'],
    ['6', '6'],
    ['twelve', '12'],
    ['3', '3'],
  ],
  'AMAZON.PhoneNumber': [
    ['555 321 7654', '+15553217654'],
    ['(555) 222-3333', '+15552223333'],
    ['+1 555 410 9988', '+15554109988'],
  ],
  'AMAZON.FirstName': ['Alice', 'Samuel', 'Grace', 'Ahmed', 'Maria', 'James'].map((n) => [n, n]),
  'AMAZON.LastName': ['Nguyen', 'Okafor', 'Lindqvist', 'Brown', 'Gonzalez', 'Patel'].map((n) => [n, n]),
  'AMAZON.AlphaNumeric': [['AB123', 'AB123']],
  'AMAZON.FreeFormInput': [['something else', 'something else']],
};
const BIRTH_DATE_SAMPLES: [string, string][] = [
  ['07/21/1984', '1984-07-21'],
  ['May 2 1995', '1995-05-02'],
  ['1979-11-30', '1979-11-30'],
  ['3rd of August 1988', '1988-08-03'],
];
/** When something happened lately (`since`), read looking back from TRAINING_CLOCK (Mon 5 Jan 2026). */
const RECENT_PAST_SAMPLES: [string, string][] = [
  ['last week', '2025-12-29'],
  ['3 weeks ago', '2025-12-15'],
  ['yesterday', '2026-01-04'],
  ['in October', '2025-10-31'],
  ['last friday', '2026-01-02'],
  ['10 days ago', '2025-12-26'],
  ['on the 2nd of January', '2026-01-02'],
  ['two months ago', '2025-11-30'],
];
const VARIANTS = 6;

export interface TrainingExample {
  intent: string;
  text: string;
}

/** [what is said, what it resolves to] for a slot. */
function samplesFor(bot: BotDefinition, slot: SlotDefinition): [string, string][] {
  if (slot.slotType === 'AMAZON.Date' && /birth|dob/i.test(slot.name)) return BIRTH_DATE_SAMPLES;
  if (slot.slotType === 'AMAZON.Date' && dateSense(slot) === 'recent_past') return RECENT_PAST_SAMPLES;
  const custom = bot.slotTypes.find((t) => t.name === slot.slotType);
  if (custom) {
    return custom.values.flatMap((v) => [
      [v.value.replace(/_/g, ' '), v.value] as [string, string],
      ...v.synonyms.map((s): [string, string] => [s, v.value]),
    ]);
  }
  return BUILT_IN_SAMPLES[slot.slotType] ?? [['something', 'something']];
}

function variantsOf(bot: BotDefinition, intent: IntentDefinition, template: string): number {
  if (!template.includes('{')) return 1;
  const only = /^\{([^}]+)\}$/.exec(template.trim())?.[1];
  const slot = intent.slots.find((s) => s.name === only);
  if (slot && KEPT_AS_WORDS.has(slot.slotType))
    return Math.min(MAX_WORD_VARIANTS, samplesFor(bot, slot).length);
  return VARIANTS;
}

/** A template with its `{slot}`s filled by sample values, and the values they should resolve to. */
export function fillTemplate(
  bot: BotDefinition,
  intent: IntentDefinition,
  template: string,
  variant: number,
): { text: string; slots: Record<string, string> } {
  const slots: Record<string, string> = {};
  const text = template.replace(/\{([^}]+)\}/g, (_m, name: string) => {
    const index = intent.slots.findIndex((s) => s.name === name);
    const samples = samplesFor(bot, intent.slots[index]!);
    // A single-slot template walks the list in order so that every value is seen once; otherwise
    // a stride co-prime with most list lengths walks through synonyms rather than repeating one.
    const [said, value] =
      template.trim() === `{${name}}`
        ? samples[variant % samples.length]!
        : samples[(variant * 7 + index * 3) % samples.length]!;
    slots[name] = value;
    return said;
  });
  return { text, slots };
}

/** First and last names look alike, so they share one token. */
function typeToken(type: string): string {
  if (type === 'AMAZON.FirstName' || type === 'AMAZON.LastName') return 'slotname';
  return `slot${type.replace(/^AMAZON\./, '').toLowerCase()}`;
}

/**
 * Types whose words are the message itself ("thanks", "bye", "ok", "I'm free"): the classifier reads
 * them as words, since a token in their place would make every "ok" in a sentence small talk and
 * every "I'm free on friday" an alert answer.
 */
export const KEPT_AS_WORDS = new Set(['SmallTalkKind', 'Answer']);
/** A one-slot template of such a type is filled with up to this many of its values and synonyms. */
const MAX_WORD_VARIANTS = 150;

/** Replaces every entity with `slot<type>` so the classifier learns shapes, not sample values. */
export function delexicalise(text: string, entities: Entity[]): string {
  const sorted = entities
    // A bare month is a date only for `since`; as words it leaves every other intent's reading alone.
    .filter((e) => !KEPT_AS_WORDS.has(e.type) && !e.pastOnly)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  let out = '';
  let cursor = 0;
  let lastSpan = { start: -1, end: -1 };
  for (const e of sorted) {
    const token = ` ${typeToken(e.type)} `;
    if (e.start === lastSpan.start && e.end === lastSpan.end) {
      out += token;
      continue;
    }
    if (e.start < cursor) continue;
    out += text.slice(cursor, e.start) + token;
    cursor = e.end;
    lastSpan = e;
  }
  return phraseKey(out + text.slice(cursor));
}

export function trainingExamples(bot: BotDefinition, extract: (text: string) => Entity[]): TrainingExample[] {
  const seen = new Set<string>();
  const examples: TrainingExample[] = [];
  // Sample values repeat across templates; reading each filled text once halves start-up.
  const read = new Map<string, string>();
  const delex = (filled: string) => {
    const known = read.get(filled);
    if (known !== undefined) return known;
    const text = delexicalise(filled, extract(filled));
    read.set(filled, text);
    return text;
  };
  for (const intent of bot.intents) {
    for (const template of intent.sampleUtterances) {
      const variants = variantsOf(bot, intent, template);
      for (let v = 0; v < variants; v += 1) {
        const filled = fillTemplate(bot, intent, template, v).text;
        const text = delex(filled);
        const key = `${intent.name}\u0000${text}`;
        if (seen.has(key)) continue;
        seen.add(key);
        examples.push({ intent: intent.name, text });
      }
    }
  }
  return examples;
}
