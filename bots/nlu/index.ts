/**
 * The local NLU the local Lex runtime calls: intent classification plus slot resolution over the
 * bot definition in bots/definition. Dialog manager → interpret / resolveSlot → this module.
 */
import type { BotDefinition, IntentDefinition } from '../schema.js';
import { IntentClassifier, NONE } from './classifier.js';
import { resolveElicited } from './elicit.js';
import { EntityExtractor } from './entities.js';
import { OUT_OF_DOMAIN } from './outOfDomain.js';
import { SlotFiller } from './slotFilling.js';
import { delexicalise, trainingExamples } from './training.js';
import { type Interpretation, type NluOptions, resolveContext, type SlotValue } from './types.js';

export type { Interpretation, NluOptions, PhoneCountry, SlotValue } from './types.js';

export interface LocalNlu {
  /** Best first; always contains FallbackIntent; the top one is FallbackIntent when the best score < bot.nluConfidenceThreshold. At most 5. */
  interpret(text: string, options: NluOptions): Promise<Interpretation[]>;
  /** The whole utterance answers one slot being elicited. null when it does not resolve to that slot's type. */
  resolveSlot(intentName: string, slotName: string, text: string, options: NluOptions): SlotValue | null;
}

/** A call naming an intent or slot the bot does not have: a bug in the caller, not user input. */
export class NluError extends Error {
  override name = 'NluError';
}

export const FALLBACK_INTENT = 'FallbackIntent';
const MAX_INTERPRETATIONS = 5;
/** Intents scoring below this are not worth offering as alternatives. */
const MIN_ALTERNATIVE = 0.01;
/** Training texts are generated with this fixed clock, so the model never depends on today's date. */
const TRAINING_CLOCK = {
  now: new Date('2026-01-05T09:00:00Z'),
  timeZone: 'UTC',
  phoneCountry: 'US' as const,
};

const round = (n: number) => Math.round(n * 10_000) / 10_000;

export async function createNlu(bot: BotDefinition): Promise<LocalNlu> {
  const extractor = new EntityExtractor(bot);
  const filler = new SlotFiller(bot);
  const extractForTraining = (text: string) => extractor.extract(text, TRAINING_CLOCK);
  const examples = [
    ...trainingExamples(bot, extractForTraining),
    ...OUT_OF_DOMAIN.map((text) => ({ intent: NONE, text: delexicalise(text, extractForTraining(text)) })),
  ];
  const classifier = await IntentClassifier.train(examples);
  const intents = bot.intents.filter((i) => i.name !== FALLBACK_INTENT);
  const intentByName = new Map(bot.intents.map((i) => [i.name, i]));

  /**
   * An intent that only exists inside a context ("shortageAlert"), answered with nothing but its
   * slot value ("Y", "can't make it"), is what Lex would pick: the context is the strongest cue.
   */
  const answersContextIntent = (intent: IntentDefinition, text: string): boolean => {
    if (intent.inputContexts.length === 0) return false;
    const slot = intent.slots.find((s) => s.required);
    return !!slot && extractor.matcher(slot.slotType)?.resolveWhole(text) != null;
  };

  return {
    async interpret(text, options) {
      const ctx = resolveContext(options);
      const active = new Set(options.activeContexts ?? []);
      const entities = extractor.extract(text, ctx);
      const scores = await classifier.scores(delexicalise(text, entities));
      const ranked = intents
        .filter((i) => i.inputContexts.every((c) => active.has(c.name)))
        .map((intent) => ({
          intent,
          score: answersContextIntent(intent, text)
            ? Math.max(0.95, scores.get(intent.name) ?? 0)
            : (scores.get(intent.name) ?? 0),
        }))
        .sort((a, b) => b.score - a.score);
      const best = ranked[0]?.score ?? 0;
      const fallback: Interpretation = { intent: FALLBACK_INTENT, confidence: round(1 - best), slots: {} };
      const alternatives: Interpretation[] = ranked
        .filter((r) => r.score >= MIN_ALTERNATIVE)
        .slice(0, MAX_INTERPRETATIONS - 1)
        .map((r) => ({
          intent: r.intent.name,
          confidence: round(r.score),
          slots: filler.fill(r.intent, text, entities),
        }));
      if (best < bot.nluConfidenceThreshold || alternatives.length === 0) return [fallback, ...alternatives];
      const [top, ...rest] = alternatives;
      return [top!, ...[...rest, fallback].sort((a, b) => b.confidence - a.confidence)];
    },

    resolveSlot(intentName, slotName, text, options) {
      const intent = intentByName.get(intentName);
      const slot = intent?.slots.find((s) => s.name === slotName);
      if (!slot) throw new NluError(`${intentName}.${slotName} is not a slot of this bot`);
      return resolveElicited(slot, text, resolveContext(options), extractor);
    },
  };
}
