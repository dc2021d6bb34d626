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

export const SMS_TEXT = {
  stopped:
    'Blood Service: you are unsubscribed and will get no more texts from us. Reply START to subscribe again.',
  started: 'Blood Service: you are subscribed again. Reply HELP for help, STOP to stop all texts.',
  help: 'Blood Service donor line: text us to book or answer appeals. Msg&data rates may apply. Reply STOP to stop all texts.',
  unknown:
    'Blood Service: we could not match this number. Please register or sign in on our website. Reply STOP to stop texts.',
  failed: 'Blood Service: sorry, something went wrong. Please try again later.',
} as const;
