/**
 * Chooses which found entities fill which slots of an intent. Each slot takes entities of its own
 * type; when a sentence holds several candidates (two numbers, two dates), the words around them
 * decide, learnt from the words around `{slot}` in the intent's sample utterances ("{units} units",
 * "by {neededBy}", "born {dateOfBirth}").
 */
import type { BotDefinition, IntentDefinition, SlotDefinition } from '../schema.js';
import { type Entity, type SlotValue, slotValue } from './types.js';

interface Cues {
  before: Set<string>;
  after: Set<string>;
}

const WORD_BEFORE = /([a-z0-9']+)[^a-z0-9']*$/;
const WORD_AFTER = /^[^a-z0-9']*([a-z0-9']+)/;

/** Slots whose AMAZON.Date is a birth date, so "March 12" means the past one. */
const isBirthDate = (slot: SlotDefinition) => /birth|dob/i.test(slot.name);

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

export class SlotFiller {
  private readonly cues = new Map<string, Cues>();

  constructor(bot: BotDefinition) {
    for (const intent of bot.intents) {
      for (const slot of intent.slots) this.cues.set(`${intent.name}.${slot.name}`, cuesOf(intent, slot));
    }
  }

  fill(intent: IntentDefinition, text: string, entities: Entity[]): Record<string, SlotValue> {
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
      const candidates = entities.filter((e) => e.type === type);
      if (candidates.length === 0) continue;
      // First the slots a candidate is clearly cued for, then the rest in reading order.
      const pending: SlotDefinition[] = [];
      for (const slot of group) {
        const ranked = candidates
          .filter((e) => !used.has(e))
          .map((e) => ({ e, s: score(slot, e) }))
          .sort((a, b) => b.s - a.s || a.e.start - b.e.start);
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
    const v = slot.slotType === 'AMAZON.Date' && isBirthDate(slot) && e.pastValue ? e.pastValue : e.value;
    return slotValue(text, e, v);
  }
}

export { isBirthDate };
