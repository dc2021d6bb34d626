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

export const ENGINE_NAMES = ['ensemble', 'linear', 'nlpjs'] as const;
export type EngineName = (typeof ENGINE_NAMES)[number];

/**
 * linear: word, stem and character n-gram logistic regression (./linear.ts). nlpjs: nlp.js's neural
 * NLU (./classifier.ts), the previous engine. ensemble: the mean of both, the default: on the same
 * folds and tuning sets it beat each alone (BENCHMARKS.md), at a few hundred ms more start-up.
 */
export const DEFAULT_ENGINE: EngineName = 'ensemble';

export async function trainEngine(name: EngineName, examples: TrainingExample[]): Promise<IntentScorer> {
  if (name === 'nlpjs') return IntentClassifier.train(examples);
  if (name === 'linear') return LinearClassifier.train(examples);
  const parts: IntentScorer[] = [LinearClassifier.train(examples), await IntentClassifier.train(examples)];
  return {
    // The mean of two probability vectors is one too.
    async scores(text) {
      const all = await Promise.all(parts.map((p) => p.scores(text)));
      const out = new Map<string, number>();
      for (const m of all) for (const [k, v] of m) out.set(k, (out.get(k) ?? 0) + v / all.length);
      return out;
    },
  };
}

/**
 * The confidence below which the local NLU answers FallbackIntent, calibrated per engine on the
 * k-fold and tuning sets (`npm run nlu -- --report` prints the k-fold sweep): nlp.js keeps the bot's
 * (Lex's) threshold; the ensemble's averaged probabilities are best cut a little lower.
 */
const THRESHOLDS: Record<EngineName, number | null> = { ensemble: 0.45, linear: 0.5, nlpjs: null };

export function localThreshold(engine: EngineName, bot: { nluConfidenceThreshold: number }): number {
  return THRESHOLDS[engine] ?? bot.nluConfidenceThreshold;
}
