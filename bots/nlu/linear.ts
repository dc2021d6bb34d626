/**
 * Intent classifier: multinomial logistic regression over word, word-pair and character n-gram
 * features of the delexicalised text, trained at start-up (well under a second on this bot) with
 * plain deterministic SGD. Character n-grams carry typos and SMS spellings ("stok", "pls", "2moro")
 * to the words they resemble; word pairs tell "can I donate" from "can I book". Scores are softmax
 * probabilities, in [0, 1], summing to 1. No dependencies and nothing downloaded.
 */
import { NONE } from './classifier.js';
import type { IntentScorer } from './engine.js';
import type { TrainingExample } from './training.js';

export interface LinearParams {
  epochs: number;
  learningRate: number;
  l2: number;
  /** Weight of a character n-gram relative to a word or word pair. */
  charWeight: number;
  /** Weight of an out-of-domain (NONE) example relative to an in-domain one. */
  noneWeight: number;
}

/** Chosen on the k-fold and the tuning sets (BENCHMARKS.md); higher rates gave no better folds. */
export const LINEAR_PARAMS: LinearParams = {
  epochs: 30,
  learningRate: 6,
  l2: 1e-6,
  charWeight: 0.5,
  noneWeight: 1,
};
const SEED = 0x5eed;

/** A crude stem ("donating", "donated", "donations" → "donat"), so inflections share a feature. */
function stem(w: string): string {
  if (w.length <= 4) return w;
  return w.replace(/(?:ations?|ings?|ed|es|s|ly|ion|ions|er|ers|ment)$/, '') || w;
}

/** Features of one text with their weights, scaled to unit length so long texts do not shout. */
export function features(text: string, params: LinearParams = LINEAR_PARAMS): Map<string, number> {
  const words = text.split(' ').filter(Boolean);
  const out = new Map<string, number>();
  const add = (f: string, w: number) => out.set(f, Math.max(out.get(f) ?? 0, w));
  const padded = ['<s>', ...words, '</s>'];
  for (const w of words) {
    add(`w:${w}`, 1);
    if (!w.startsWith('slot')) add(`s:${stem(w)}`, 1);
    // Slot tokens ("slotbloodgroup") are whole symbols; their letters mean nothing.
    if (w.startsWith('slot')) continue;
    const marked = `#${w}#`;
    for (let n = 3; n <= 5; n += 1) {
      for (let i = 0; i + n <= marked.length; i += 1) add(`c:${marked.slice(i, i + n)}`, params.charWeight);
    }
  }
  for (let i = 0; i + 1 < padded.length; i += 1) add(`b:${padded[i]}_${padded[i + 1]}`, 1);
  let norm = 0;
  for (const v of out.values()) norm += v * v;
  const scale = 1 / Math.sqrt(Math.max(norm, 1e-9));
  for (const [f, v] of out) out.set(f, v * scale);
  return out;
}

/** A small seeded generator, so training is the same on every start (and in every test). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function softmax(logits: Float64Array): Float64Array {
  let max = Number.NEGATIVE_INFINITY;
  for (const l of logits) max = Math.max(max, l);
  const out = new Float64Array(logits.length);
  let sum = 0;
  for (let k = 0; k < logits.length; k += 1) {
    out[k] = Math.exp(logits[k]! - max);
    sum += out[k]!;
  }
  for (let k = 0; k < out.length; k += 1) out[k]! /= sum;
  return out;
}

export class LinearClassifier implements IntentScorer {
  private constructor(
    private readonly labels: string[],
    private readonly vocabulary: Map<string, number>,
    /** Row-major: feature × label, plus one bias row at the end. */
    private readonly weights: Float64Array,
    private readonly params: LinearParams,
  ) {}

  static train(examples: TrainingExample[], params: LinearParams = LINEAR_PARAMS): LinearClassifier {
    const labels = [...new Set(examples.map((e) => e.intent))].sort();
    const labelIndex = new Map(labels.map((l, i) => [l, i]));
    const vocabulary = new Map<string, number>();
    const encoded = examples.map((e) => {
      const ids: number[] = [];
      const values: number[] = [];
      for (const [f, v] of features(e.text, params)) {
        let id = vocabulary.get(f);
        if (id === undefined) {
          id = vocabulary.size;
          vocabulary.set(f, id);
        }
        ids.push(id);
        values.push(v);
      }
      return {
        ids,
        values,
        label: labelIndex.get(e.intent)!,
        weight: e.intent === NONE ? params.noneWeight : 1,
      };
    });
    const k = labels.length;
    const bias = vocabulary.size;
    const weights = new Float64Array((vocabulary.size + 1) * k);
    const random = mulberry32(SEED);
    const order = encoded.map((_, i) => i);
    const logits = new Float64Array(k);
    for (let epoch = 0; epoch < params.epochs; epoch += 1) {
      // Fisher–Yates with the seeded generator: a fixed but well-mixed order per epoch.
      for (let i = order.length - 1; i > 0; i -= 1) {
        const j = Math.floor(random() * (i + 1));
        [order[i], order[j]] = [order[j]!, order[i]!];
      }
      const rate = params.learningRate / (1 + epoch * 0.1);
      for (const index of order) {
        const { ids, values, label, weight } = encoded[index]!;
        for (let c = 0; c < k; c += 1) logits[c] = weights[bias * k + c]!;
        for (let f = 0; f < ids.length; f += 1) {
          const row = ids[f]! * k;
          for (let c = 0; c < k; c += 1) logits[c]! += weights[row + c]! * values[f]!;
        }
        const p = softmax(logits);
        for (let c = 0; c < k; c += 1) {
          const gradient = (p[c]! - (c === label ? 1 : 0)) * weight;
          for (let f = 0; f < ids.length; f += 1) {
            const w = ids[f]! * k + c;
            weights[w] = weights[w]! - rate * (gradient * values[f]! + params.l2 * weights[w]!);
          }
          weights[bias * k + c] = weights[bias * k + c]! - rate * gradient * 0.1;
        }
      }
    }
    return new LinearClassifier(labels, vocabulary, weights, params);
  }

  async scores(text: string): Promise<Map<string, number>> {
    const k = this.labels.length;
    const bias = this.vocabulary.size;
    const logits = new Float64Array(k);
    for (let c = 0; c < k; c += 1) logits[c] = this.weights[bias * k + c]!;
    // Unseen features carry no weight but keep their share of the norm: a text of unseen words
    // is a less certain one.
    for (const [f, v] of features(text, this.params)) {
      const id = this.vocabulary.get(f);
      if (id === undefined) continue;
      for (let c = 0; c < k; c += 1) logits[c]! += this.weights[id * k + c]! * v;
    }
    const p = softmax(logits);
    return new Map(this.labels.map((l, c) => [l, p[c]!]));
  }
}
