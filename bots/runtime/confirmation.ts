/**
 * Reading an answer to a confirmation prompt, as Lex's built-in confirmation does: a yes, a no, or
 * neither (then the runtime re-prompts or treats the utterance as a new request).
 */
const YES =
  /^(y|yes|yeah|yep|yup|sure|ok|okay|correct|confirm(ed)?|right|go ahead|do it|please do|yes please|that'?s right|absolutely|of course|affirmative)\b/;
const NO = /^(n|no|nope|nah|cancel|don'?t|do not|stop|wrong|not now|no thanks|negative|never ?mind)\b/;

export function readConfirmation(utterance: string): 'yes' | 'no' | null {
  const t = utterance
    .trim()
    .toLowerCase()
    .replace(/[.!?,]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (NO.test(t)) return 'no';
  if (YES.test(t)) return 'yes';
  return null;
}
