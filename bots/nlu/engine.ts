/**
 * The intent engines the local NLU can train, chosen by measurement (`npm run nlu -- --report
 * --engine all` scores them on the same folds and sets). Both see the same delexicalised text and
 * answer a score per intent (and NONE, the out-of-domain class).
 */
import { IntentClassifier } from './classifier.js';
import { LinearClassifier } from './linear.js';
import type { TrainingExample } from './training.js';

export type { TrainingExample } from './training.js';

export interface IntentScorer {
  /** Score per intent name (and NONE) for an already delexicalised text, in [0, 1], summing to 1. */
  scores(delexicalised: string): Promise<Map<string, number>>;
}

export const ENGINE_NAMES = ['linear', 'nlpjs'] as const;
export type EngineName = (typeof ENGINE_NAMES)[number];

/**
 * linear: word + character n-gram logistic regression (./linear.ts), the default: it wins on the
 * k-fold and the tuning sets (BENCHMARKS.md). nlpjs: the previous engine, kept for comparison.
 */
export const DEFAULT_ENGINE: EngineName = 'linear';

export async function trainEngine(name: EngineName, examples: TrainingExample[]): Promise<IntentScorer> {
  return name === 'nlpjs' ? IntentClassifier.train(examples) : LinearClassifier.train(examples);
}

/**
 * The confidence below which the local NLU answers FallbackIntent. nlp.js scores on the scale Lex
 * uses, so it takes the bot's threshold; the linear engine's softmax spreads over twelve classes and
 * takes the threshold that maximised k-fold accuracy (`npm run nlu -- --report` prints the sweep).
 */
export function localThreshold(engine: EngineName, bot: { nluConfidenceThreshold: number }): number {
  return engine === 'linear' ? Number(process.env.LIN_T ?? LINEAR_THRESHOLD) : bot.nluConfidenceThreshold;
}
const LINEAR_THRESHOLD = 0.5;
