/**
 * Resolver for custom slot types: values and synonyms matched case-insensitively on token keys
 * (so "O-neg", "o neg", "O NEG." and "o -" line up with the listed forms), longest match first.
 */
import type { SlotTypeDefinition } from '../schema.js';
import { phraseKey, stripFillers, type Token, tokenize } from './text.js';
import type { Entity } from './types.js';

export class CustomTypeError extends Error {
  override name = 'CustomTypeError';
}

export class CustomTypeMatcher {
  readonly type: SlotTypeDefinition;
  private readonly index = new Map<string, string>();
  private readonly maxTokens: number;

  constructor(type: SlotTypeDefinition) {
    this.type = type;
    let max = 1;
    for (const { value, synonyms } of type.values) {
      for (const phrase of [value, ...synonyms]) {
        const key = phraseKey(phrase);
        if (!key) continue;
        const existing = this.index.get(key);
        // Two values sharing a form would make the type ambiguous; the definition must be fixed.
        if (existing !== undefined && existing !== value) {
          throw new CustomTypeError(`${type.name}: "${phrase}" means both ${existing} and ${value}`);
        }
        this.index.set(key, value);
        max = Math.max(max, key.split(' ').length);
      }
    }
    this.maxTokens = max;
  }

  /** Non-overlapping matches, left to right, each the longest form starting at its token. */
  findAll(text: string, tokens: Token[] = tokenize(text)): Entity[] {
    const found: Entity[] = [];
    let i = 0;
    while (i < tokens.length) {
      const hit = this.longestAt(tokens, i);
      if (hit) {
        found.push({
          type: this.type.name,
          start: tokens[i]!.start,
          end: tokens[hit.next - 1]!.end,
          value: hit.value,
        });
        i = hit.next;
      } else {
        i += 1;
      }
    }
    return found;
  }

  /** The whole text (fillers aside) is one value of this type. */
  resolveWhole(text: string): string | null {
    return this.index.get(phraseKey(text)) ?? this.index.get(phraseKey(stripFillers(text))) ?? null;
  }

  private longestAt(tokens: Token[], i: number): { value: string; next: number } | null {
    for (let n = Math.min(this.maxTokens, tokens.length - i); n >= 1; n -= 1) {
      const slice = tokens.slice(i, i + n);
      // Tokens separated by more than a little punctuation belong to different phrases.
      if (slice.some((t, k) => k > 0 && t.start - slice[k - 1]!.end > 3)) continue;
      const value = this.index.get(slice.map((t) => t.text).join(' '));
      if (value !== undefined) return { value, next: i + n };
    }
    return null;
  }
}
