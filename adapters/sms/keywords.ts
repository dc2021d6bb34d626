/**
 * The carrier keywords every SMS program must honour, and our fixed answers to them. A keyword is
 * the whole message (so "cancel my appointment" is a request, while a bare "CANCEL" opts out, as
 * carriers require). Answers stay under 160 characters and never say whose number this is.
 */
export type Keyword = 'stop' | 'start' | 'help';

const KEYWORDS: Record<string, Keyword> = {
  STOP: 'stop',
  STOPALL: 'stop',
  UNSUBSCRIBE: 'stop',
  CANCEL: 'stop',
  END: 'stop',
  QUIT: 'stop',
  OPTOUT: 'stop',
  'OPT-OUT': 'stop',
  'OPT OUT': 'stop',
  REVOKE: 'stop',
  START: 'start',
  UNSTOP: 'start',
  HELP: 'help',
  INFO: 'help',
};

export function keywordOf(body: string): Keyword | null {
  const word = body
    .trim()
    .replace(/[.!?\s]+$/u, '')
    .replace(/\s+/g, ' ')
    .toUpperCase();
  return KEYWORDS[word] ?? null;
}

/**
 * A donor who asks in their own words to stop ("stop texting me", "no more messages please", "take me
 * off your list") is opted out like STOP: more than carriers require, and what a person expects. The
 * verb must govern the texts ("stop … texts", at most two words between), so "I don't know, text me
 * later" or "I never got your text" are not opt-outs.
 */
const STOP_REQUEST = new RegExp(
  [
    String.raw`\b(?:stop|quit|no more|don'?t|do not)\s+(?:[a-z']+\s+){0,2}(?:text|texts|texting|txt|txts|messages?|messaging|sms|contact(?:ing)?|send(?:ing)? me)\b`,
    String.raw`\bunsubscribe\b`,
    String.raw`\bopt\s*(?:me\s+)?-?\s*out\b`,
    String.raw`\btake me off\b`,
    String.raw`\bleave me alone\b`,
  ].join('|'),
  'i',
);

export function asksToStop(body: string): boolean {
  return STOP_REQUEST.test(body.replace(/\s+/g, ' '));
}

/** A bare yes or no: an answer to something, which outside a dialog or an appeal has nothing to answer. */
const BARE_ANSWER = /^(?:y|yes|yeah|yep|yup|ok|okay|sure|n|no|nope|nah|no thanks?)[.!\s]*$/i;

export function isBareAnswer(body: string): boolean {
  return BARE_ANSWER.test(body.trim());
}

export const SMS_TEXT = {
  stopped:
    'Blood Service: you are unsubscribed and will get no more texts from us. Reply START to subscribe again.',
  started: 'Blood Service: you are subscribed again. Reply HELP for help, STOP to stop all texts.',
  help: 'Blood Service donor line: text us to book or answer appeals. Msg&data rates may apply. Reply STOP to stop all texts.',
  unknown:
    'Blood Service: we could not match this number. Please register or sign in on our website. Reply STOP to stop texts.',
  failed: 'Blood Service: sorry, something went wrong. Please try again later.',
  noAppeal:
    'Blood Service: there is no appeal waiting for your answer right now. To book, text e.g. "book a donation on Friday". Reply HELP for help.',
  notUnderstood:
    'Blood Service: sorry, I did not get that. Text e.g. "book a donation on Friday", "cancel my appointment" or "when can I donate".',
} as const;
