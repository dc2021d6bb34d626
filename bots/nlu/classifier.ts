/**
 * Intent classifier: nlp.js's neural NLU (a well-kept, dependency-light library; its training is
 * deterministic, weights start at zero) trained on delexicalised utterances, out-of-domain ones
 * labelled NONE. Scores are nlp.js's normalised squared outputs, in [0, 1], summing to 1.
 */
import { containerBootstrap } from '@nlpjs/core';
import { LangEn } from '@nlpjs/lang-en-min';
import { Nlp } from '@nlpjs/nlp';
import type { TrainingExample } from './training.js';

export const NONE = 'None';

/**
 * nlp.js sees a bag of words; word pairs added as extra tokens let it tell "can I donate" from
 * "can I book" and "cancel my booking" from "book my".
 */
function withPairs(text: string): string {
  const words = text.split(' ').filter(Boolean);
  const pairs = words.slice(1).map((w, i) => `${words[i]}zz${w}`);
  return [...words, ...pairs].join(' ');
}

export class IntentClassifier {
  private constructor(private readonly nlp: Nlp) {}

  static async train(examples: TrainingExample[]): Promise<IntentClassifier> {
    const container = await containerBootstrap();
    container.use(LangEn);
    const nlp = new Nlp({
      container,
      languages: ['en'],
      autoSave: false,
      autoLoad: false,
      forceNER: false,
      nlu: { log: false, useNoneFeature: true, spellCheck: true, spellCheckDistance: 1 },
    });
    nlp.addLanguage('en');
    for (const e of examples) nlp.addDocument('en', withPairs(e.text), e.intent);
    await nlp.train();
    return new IntentClassifier(nlp);
  }

  /** Score per intent name (and NONE) for an already delexicalised text. */
  async scores(delexicalised: string): Promise<Map<string, number>> {
    const out = await this.nlp.nluManager.process('en', withPairs(delexicalised));
    return new Map(out.classifications.map((c) => [c.intent, c.score]));
  }
}
