/** The slice of nlp.js (no bundled types) that classifier.ts uses. */
declare module '@nlpjs/core' {
  export interface Container {
    use(plugin: unknown): void;
  }
  export function containerBootstrap(): Promise<Container>;
}

declare module '@nlpjs/lang-en-min' {
  export const LangEn: unknown;
}

declare module '@nlpjs/nlp' {
  import type { Container } from '@nlpjs/core';
  export interface NlpClassification {
    intent: string;
    score: number;
  }
  export interface NlpSettings {
    languages?: string[];
    autoSave?: boolean;
    autoLoad?: boolean;
    forceNER?: boolean;
    nlu?: { log?: boolean; useNoneFeature?: boolean; spellCheck?: boolean; spellCheckDistance?: number };
  }
  export class Nlp {
    constructor(settings: NlpSettings & { container?: Container });
    addLanguage(locale: string): void;
    addDocument(locale: string, utterance: string, intent: string): void;
    train(): Promise<void>;
    nluManager: {
      process(locale: string, utterance: string): Promise<{ classifications: NlpClassification[] }>;
    };
  }
}
