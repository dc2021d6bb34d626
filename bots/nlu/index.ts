/**
 * The local NLU the local Lex runtime calls: intent classification plus slot resolution over the
 * bot definition in bots/definition. Dialog manager → interpret / resolveSlot → this module.
 */
import type { BotDefinition, IntentDefinition } from '../schema.js';
import { NONE } from './classifier.js';
import { resolveElicited } from './elicit.js';
import { DEFAULT_ENGINE, type EngineName, localThreshold, trainEngine } from './engine.js';
import { EntityExtractor } from './entities.js';
import { OUT_OF_DOMAIN } from './outOfDomain.js';
import { SlotFiller } from './slotFilling.js';
import { delexicalise, TRAINING_CLOCK, trainingExamples } from './training.js';
import {
  type Entity,
  type Interpretation,
  type NluOptions,
  resolveContext,
  type SlotValue,
} from './types.js';

export { phoneCountryOfPolicy } from './phone.js';
export type { Interpretation, NluOptions, PhoneCountry, SlotValue } from './types.js';

export interface LocalNlu {
  /** Best first; always contains FallbackIntent; the top one is FallbackIntent when the best score is below the engine's calibrated threshold (engine.ts). At most 5. */
  interpret(text: string, options: NluOptions): Promise<Interpretation[]>;
  /** The whole utterance answers one slot being elicited. null when it does not resolve to that slot's type. */
  resolveSlot(intentName: string, slotName: string, text: string, options: NluOptions): SlotValue | null;
  /**
   * An answer to a slot prompt, with everything else it says for the same intent: the asked slot
   * (as resolveSlot reads it) plus other slots it fills ("tomorrow at 10" at the date prompt fills
   * the time too; a full name at the first-name prompt fills the last name). null when the asked
   * slot does not resolve.
   */
  resolveAnswer(
    intentName: string,
    slotName: string,
    text: string,
    options: NluOptions,
  ): Record<string, SlotValue> | null;
}

/** A call naming an intent or slot the bot does not have: a bug in the caller, not user input. */
export class NluError extends Error {
  override name = 'NluError';
}

export const FALLBACK_INTENT = 'FallbackIntent';
const MAX_INTERPRETATIONS = 5;
/** In a context, another intent scoring this much is what was meant, whatever answer words it has. */
const CLEARLY_OTHER = 0.8;
/** Intents scoring below this are not worth offering as alternatives. */
const MIN_ALTERNATIVE = 0.01;

/** A reply that is only an emoji ("👍") is small talk; the classifier sees words, so give it the word. */
const EMOJI_WORDS: [RegExp, string][] = [
  [/👍|👌|✅/gu, ' ok '],
  [/🙏|❤️?|😊|🙂/gu, ' thanks '],
  [/👋/gu, ' bye '],
];
const emojiAsWords = (text: string) =>
  /\p{Extended_Pictographic}/u.test(text)
    ? EMOJI_WORDS.reduce((t, [re, w]) => t.replace(re, w), text).trim() || text
    : text;

const round = (n: number) => Math.round(n * 10_000) / 10_000;

export interface CreateNluOptions {
  /** Which intent engine to train (./engine.ts); the measured winner by default. */
  engine?: EngineName;
  /** Train on these intents' sample utterances instead of the bot's (k-fold cross-validation). */
  trainingBot?: BotDefinition;
  /** Out-of-domain sentences for the NONE class instead of ./outOfDomain.ts (cross-validation). */
  outOfDomain?: readonly string[];
  /** Below this best score the top interpretation is FallbackIntent; the engine's calibrated one by default. */
  threshold?: number;
}

export async function createNlu(bot: BotDefinition, options: CreateNluOptions = {}): Promise<LocalNlu> {
  const extractor = new EntityExtractor(bot);
  const filler = new SlotFiller(bot);
  const extractForTraining = (text: string) => extractor.extract(text, TRAINING_CLOCK);
  const examples = [
    ...trainingExamples(options.trainingBot ?? bot, extractForTraining),
    ...(options.outOfDomain ?? OUT_OF_DOMAIN).map((text) => ({
      intent: NONE,
      text: delexicalise(text, extractForTraining(text)),
    })),
  ];
  const engine = options.engine ?? DEFAULT_ENGINE;
  const classifier = await trainEngine(engine, examples);
  const threshold = options.threshold ?? localThreshold(engine, bot);
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
  /** The same intent's slot value somewhere in a longer answer ("no sorry im away this week"). */
  const mentionsContextSlot = (intent: IntentDefinition, entities: Entity[]): boolean => {
    if (intent.inputContexts.length === 0) return false;
    const slot = intent.slots.find((s) => s.required);
    return !!slot && entities.some((e) => e.type === slot.slotType);
  };

  return {
    async interpret(said, options) {
      const text = emojiAsWords(said);
      const ctx = resolveContext(options);
      const active = new Set(options.activeContexts ?? []);
      const entities = extractor.extract(text, ctx);
      const scores = await classifier.scores(delexicalise(text, entities));
      const available = intents.filter((i) => i.inputContexts.every((c) => active.has(c.name)));
      // Within its context, an intent whose answer is in the text wins unless another is clearly meant.
      const strongestOther = Math.max(
        0,
        ...available.filter((i) => i.inputContexts.length === 0).map((i) => scores.get(i.name) ?? 0),
      );
      const ranked = available
        .map((intent) => {
          const score = scores.get(intent.name) ?? 0;
          if (answersContextIntent(intent, text)) return { intent, score: Math.max(0.95, score) };
          if (mentionsContextSlot(intent, entities) && strongestOther < CLEARLY_OTHER)
            return { intent, score: Math.max(0.9, score) };
          return { intent, score };
        })
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
      if (best < threshold || alternatives.length === 0) return [fallback, ...alternatives];
      const [top, ...rest] = alternatives;
      return [top!, ...[...rest, fallback].sort((a, b) => b.confidence - a.confidence)];
    },

    resolveSlot(intentName, slotName, text, options) {
      const intent = intentByName.get(intentName);
      const slot = intent?.slots.find((s) => s.name === slotName);
      if (!slot) throw new NluError(`${intentName}.${slotName} is not a slot of this bot`);
      return resolveElicited(slot, text, resolveContext(options), extractor);
    },

    resolveAnswer(intentName, slotName, text, options) {
      const intent = intentByName.get(intentName);
      const slot = intent?.slots.find((s) => s.name === slotName);
      if (!intent || !slot) throw new NluError(`${intentName}.${slotName} is not a slot of this bot`);
      const ctx = resolveContext(options);
      const value = resolveElicited(slot, text, ctx, extractor);
      if (!value) return null;
      const answer: Record<string, SlotValue> = {
        ...filler.fill(intent, text, extractor.extract(text, ctx)),
        [slotName]: value,
      };
      // "Maria Gonzalez" at "What is your first name?": the first word is the first name, the rest
      // the last name, as people write a full name.
      const last = intent.slots.find((s) => s.slotType === 'AMAZON.LastName');
      const words = value.interpretedValue.split(' ');
      if (slot.slotType === 'AMAZON.FirstName' && last && words.length >= 2) {
        const first = words[0]!;
        const rest = words.slice(1).join(' ');
        answer[slotName] = { originalValue: first, interpretedValue: first, resolvedValues: [first] };
        answer[last.name] = { originalValue: rest, interpretedValue: rest, resolvedValues: [rest] };
      }
      return answer;
    },
  };
}
