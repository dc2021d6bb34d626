/** Text helpers shared by the resolvers: offset-keeping tokenising and masking of claimed spans. */

export interface Token {
  /** Lower-cased, apostrophes dropped ("Mary's" → "marys"). */
  text: string;
  start: number;
  end: number;
}

const WORD = /[\p{L}\p{N}]/u;
const APOSTROPHE = /['’`]/;
const DASH = /[-‐‑–—]/;

/**
 * Words plus "+" and "-" as tokens of their own, because they carry the RhD sign ("O+", "ab -").
 * A dash between two letters or digits is a joiner, not a sign: "o-neg" reads as "o neg".
 */
export function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input[i]!;
    if (WORD.test(c)) {
      const start = i;
      let text = '';
      while (i < input.length) {
        const d = input[i]!;
        if (WORD.test(d)) text += d.toLowerCase();
        else if (!(APOSTROPHE.test(d) && WORD.test(input[i + 1] ?? ''))) break;
        i += 1;
      }
      tokens.push({ text, start, end: i });
      continue;
    }
    if (c === '+') tokens.push({ text: '+', start: i, end: i + 1 });
    else if (DASH.test(c) && !(WORD.test(input[i - 1] ?? '') && WORD.test(input[i + 1] ?? ''))) {
      tokens.push({ text: '-', start: i, end: i + 1 });
    }
    i += 1;
  }
  return tokens;
}

/** The comparison key of a phrase: its tokens joined by single spaces. */
export function phraseKey(input: string): string {
  return tokenize(input)
    .map((t) => t.text)
    .join(' ');
}

/** Blanks [start, end) ranges with spaces so later extractors skip them but offsets stay valid. */
export function mask(input: string, spans: { start: number; end: number }[]): string {
  let out = input;
  for (const s of spans) out = out.slice(0, s.start) + ' '.repeat(s.end - s.start) + out.slice(s.end);
  return out;
}

/** Fillers people put around a one-slot answer ("it's", "um", "please"); stripped when eliciting. */
const LEADING_FILLERS =
  /^(?:(?:um+|uh+|er+|erm|ok(?:ay)?|so|well|yes|yeah|sure|hi|hello|oh)\b[\s,.!]*|(?:it's|it is|its|that's|that is|i think|i guess|maybe|probably)\b\s*)+/i;
const TRAILING_FILLERS = /[\s,.!?]*(?:\b(?:please|pls|thanks|thank you|thx|cheers|i think)\b[\s,.!?]*)*$/i;

export function stripFillers(input: string): string {
  return input.trim().replace(LEADING_FILLERS, '').replace(TRAILING_FILLERS, '').trim();
}
