/**
 * The classifier's training set, generated from the bot definition: each sample utterance with
 * its `{slot}` placeholders filled by sample values (several variants, chosen deterministically),
 * then delexicalised exactly as user text is at run time.
 */
import type { BotDefinition, IntentDefinition, SlotDefinition } from '../schema.js';
import { phraseKey } from './text.js';
import type { Entity } from './types.js';

/** Sample values for built-in types; not used anywhere else (the held-out set has its own). */
const BUILT_IN_SAMPLES: Record<string, string[]> = {
  'AMAZON.Date': [
    'tomorrow',
    'friday',
    'next monday',
    'December 3rd',
    '12/05',
    'the 9th',
    'today',
    'in two days',
  ],
  'AMAZON.Time': ['10am', '2:30 pm', 'noon', 'half past eleven', '9:15', '4 in the afternoon'],
  'AMAZON.Number': ['4', 'two', 'ten', '6', 'twelve', '3'],
  'AMAZON.PhoneNumber': ['555 321 7654', '(555) 222-3333', '+1 555 410 9988'],
  'AMAZON.FirstName': ['Alice', 'Samuel', 'Grace', 'Ahmed'],
  'AMAZON.LastName': ['Nguyen', 'Okafor', 'Lindqvist', 'Brown'],
  'AMAZON.AlphaNumeric': ['AB123'],
  'AMAZON.FreeFormInput': ['something else'],
};
const BIRTH_DATE_SAMPLES = ['07/21/1984', 'May 2 1995', '1979-11-30', '3rd of August 1988'];
const VARIANTS = 6;

export interface TrainingExample {
  intent: string;
  text: string;
}

function samplesFor(bot: BotDefinition, slot: SlotDefinition): string[] {
  if (slot.slotType === 'AMAZON.Date' && /birth|dob/i.test(slot.name)) return BIRTH_DATE_SAMPLES;
  const custom = bot.slotTypes.find((t) => t.name === slot.slotType);
  if (custom) return custom.values.flatMap((v) => [v.value.replace(/_/g, ' '), ...v.synonyms]);
  return BUILT_IN_SAMPLES[slot.slotType] ?? ['something'];
}

function fill(bot: BotDefinition, intent: IntentDefinition, template: string, variant: number): string {
  return template.replace(/\{([^}]+)\}/g, (_m, name: string) => {
    const index = intent.slots.findIndex((s) => s.name === name);
    const samples = samplesFor(bot, intent.slots[index]!);
    // A stride co-prime with most list lengths walks through synonyms rather than repeating one.
    return samples[(variant * 7 + index * 3) % samples.length]!;
  });
}

/** First and last names look alike, so they share one token. */
function typeToken(type: string): string {
  if (type === 'AMAZON.FirstName' || type === 'AMAZON.LastName') return 'slotname';
  return `slot${type.replace(/^AMAZON\./, '').toLowerCase()}`;
}

/** Replaces every entity with `slot<type>` so the classifier learns shapes, not sample values. */
export function delexicalise(text: string, entities: Entity[]): string {
  const sorted = [...entities].sort((a, b) => a.start - b.start || b.end - a.end);
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
  for (const intent of bot.intents) {
    for (const template of intent.sampleUtterances) {
      const variants = template.includes('{') ? VARIANTS : 1;
      for (let v = 0; v < variants; v += 1) {
        const filled = fill(bot, intent, template, v);
        const text = delexicalise(filled, extract(filled));
        const key = `${intent.name}\u0000${text}`;
        if (seen.has(key)) continue;
        seen.add(key);
        examples.push({ intent: intent.name, text });
      }
    }
  }
  return examples;
}
