/**
 * Chooses which found entities fill which slots of an intent. Each slot takes entities of its own
 * type; when a sentence holds several candidates (two numbers, two dates), the words around them
 * decide, learnt from the words around `{slot}` in the intent's sample utterances ("{units} units",
 * "by {neededBy}", "born {dateOfBirth}").
 */
import type { BotDefinition, IntentDefinition, SlotDefinition } from '../schema.js';
import type { DateSense } from './dates.js';
import { resolveNumber } from './numbers.js';
import { type Entity, type SlotValue, slotValue } from './types.js';

interface Cues {
  before: Set<string>;
  after: Set<string>;
}

const WORD_BEFORE = /([a-z0-9']+)[^a-z0-9']*$/;
const WORD_AFTER = /^[^a-z0-9']*([a-z0-9']+)/;

/** SmallTalk kinds: several in one message ("ok thanks bye") resolve to the first listed value. */
const RANKED_TYPES = new Set(['SmallTalkKind']);

/** Slots whose AMAZON.Date is a birth date, so "March 12" means the past one. */
const isBirthDate = (slot: SlotDefinition) => /birth|dob/i.test(slot.name);
/** Slots whose AMAZON.Date is when something happened lately (`since`: "last tuesday" just gone). */
const isRecentPastDate = (slot: SlotDefinition) => /^since$/i.test(slot.name);

function dateSense(slot: SlotDefinition): DateSense {
  if (isBirthDate(slot)) return 'birth';
  return isRecentPastDate(slot) ? 'recent_past' : 'future';
}

function cuesOf(intent: IntentDefinition, slot: SlotDefinition): Cues {
  const cues: Cues = { before: new Set(), after: new Set() };
  for (const template of [...intent.sampleUtterances, ...slot.sampleUtterances]) {
    const words = template.toLowerCase().split(/\s+/);
    words.forEach((w, i) => {
      if (w !== `{${slot.name.toLowerCase()}}`) return;
      const prev = words[i - 1];
      const next = words[i + 1];
      if (prev && !prev.startsWith('{')) cues.before.add(prev);
      if (next && !next.startsWith('{')) cues.after.add(next);
    });
  }
  return cues;
}

/** Slots counting days or minutes, and how each is said ("3 days", "20 mins"). */
const DURATIONS: Record<string, RegExp> = {
  days: /\b([a-z]+|\d+)\s+days?\b/i,
  minutesOut: /\b([a-z]+|\d+)\s*(?:minutes?|mins?)\b/i,
};

/**
 * "expiring in 3 days" and "20 mins out" are dates to the date finder, but an intent with no date
 * slot and a slot counting days or minutes (ExpiringUnits' `days`, ReturnUnits' `minutesOut`) means
 * the number: the date becomes that number again.
 */
function durationsAsNumbers(intent: IntentDefinition, text: string, entities: Entity[]): Entity[] {
  if (intent.slots.some((s) => s.slotType === 'AMAZON.Date')) return entities;
  const patterns = intent.slots
    .filter((s) => s.slotType === 'AMAZON.Number' && DURATIONS[s.name])
    .map((s) => DURATIONS[s.name]!);
  if (patterns.length === 0) return entities;
  return entities.map((e) => {
    if (e.type !== 'AMAZON.Date') return e;
    for (const re of patterns) {
      const m = re.exec(text.slice(e.start, e.end));
      const n = m ? resolveNumber(m[1]!) : null;
      if (!m || n === null) continue;
      const start = e.start + m.index;
      return { type: 'AMAZON.Number', start, end: start + m[1]!.length, value: n };
    }
    return e;
  });
}

export class SlotFiller {
  private readonly cues = new Map<string, Cues>();
  /** Types whose values rank by their order in the definition rather than by position. */
  private readonly precedence = new Map<string, string[]>();

  constructor(bot: BotDefinition) {
    for (const type of bot.slotTypes.filter((t) => RANKED_TYPES.has(t.name)))
      this.precedence.set(
        type.name,
        type.values.map((v) => v.value),
      );
    for (const intent of bot.intents) {
      for (const slot of intent.slots) this.cues.set(`${intent.name}.${slot.name}`, cuesOf(intent, slot));
    }
  }

  fill(intent: IntentDefinition, text: string, found: Entity[]): Record<string, SlotValue> {
    const entities = durationsAsNumbers(intent, text, found);
    const lower = text.toLowerCase();
    const score = (slot: SlotDefinition, e: Entity): number => {
      const cues = this.cues.get(`${intent.name}.${slot.name}`)!;
      const before = WORD_BEFORE.exec(lower.slice(0, e.start))?.[1];
      const after = WORD_AFTER.exec(lower.slice(e.end))?.[1];
      return (before && cues.before.has(before) ? 1 : 0) + (after && cues.after.has(after) ? 1 : 0);
    };
    const slots: Record<string, SlotValue> = {};
    const used = new Set<Entity>();
    const byType = new Map<string, SlotDefinition[]>();
    for (const slot of intent.slots) byType.set(slot.slotType, [...(byType.get(slot.slotType) ?? []), slot]);
    for (const [type, group] of byType) {
      // A bare month ("in October") is a date only for a slot about the past.
      const found = entities.filter(
        (e) => e.type === type && (!e.pastOnly || group.some((s) => dateSense(s) === 'recent_past')),
      );
      const order = this.precedence.get(type);
      // The strongest kind said wins: "ok thanks" is thanks, "thanks, bye" a goodbye.
      const candidates = order
        ? [...found].sort((a, b) => order.indexOf(a.value) - order.indexOf(b.value))
        : found;
      if (candidates.length === 0) continue;
      // First the slots a candidate is clearly cued for, then the rest in reading order.
      const pending: SlotDefinition[] = [];
      for (const slot of group) {
        const ranked = candidates
          .filter((e) => !used.has(e))
          .map((e, i) => ({ e, i, s: order ? 0 : score(slot, e) }))
          .sort((a, b) => b.s - a.s || a.i - b.i);
        const best = ranked[0];
        if (best && (best.s > 0 || group.length === 1)) {
          used.add(best.e);
          slots[slot.name] = this.value(slot, text, best.e);
        } else {
          pending.push(slot);
        }
      }
      for (const slot of pending) {
        const next = candidates.find((e) => !used.has(e));
        if (!next) break;
        used.add(next);
        slots[slot.name] = this.value(slot, text, next);
      }
    }
    return slots;
  }

  private value(slot: SlotDefinition, text: string, e: Entity): SlotValue {
    const sense = slot.slotType === 'AMAZON.Date' ? dateSense(slot) : 'future';
    const v =
      sense === 'birth' && e.pastValue
        ? e.pastValue
        : sense === 'recent_past' && e.recentPastValue
          ? e.recentPastValue
          : e.value;
    return slotValue(text, e, v);
  }
}

export { dateSense, isBirthDate };
