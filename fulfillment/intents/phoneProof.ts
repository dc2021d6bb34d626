/**
 * The phone code step of RegisterDonor for a donor registering themselves (access 'own'): text a
 * code, read it back, and only then look at whether the number is on file. Every answer here is the
 * same whether or not the number belongs to a donor, so the step cannot be used to ask that.
 * Staff registering a walk-in never come here: they have seen the person.
 */

import { close, elicitSlot, slotValue, withSlots } from '../lex/dialog.js';
import type { LexResponse } from '../lex/event.js';
import { parseCodeInput } from '../usecases/phoneVerification.js';
import type { IntentContext, SelfRegistrationDeps } from './context.js';

export const CODE_SLOT = 'phoneCode';

const NEW_CODE = /\b(new|another|resend|re-send|send (it |one |a code )?again|didn'?t (get|receive))\b/i;
const GIVE_UP = /^\s*(cancel|stop|quit|never ?mind|forget it)\b/i;

export const UNAVAILABLE =
  "I can't check a mobile number by text right now, so I can't register you here yet. Please try again later, or register at a donation session.";

const ending = (phone: string) => phone.slice(-2);
const ASK_AGAIN = 'Say "new code" and I\'ll text you another.';

function askCode(ctx: IntentContext, text: string): LexResponse {
  return elicitSlot(ctx.event, CODE_SLOT, { text }, withSlots(ctx.intent, { [CODE_SLOT]: null }));
}

/** Texts a fresh code and asks for it; the same words whoever the number belongs to. */
async function sendCode(
  ctx: IntentContext,
  self: SelfRegistrationDeps,
  phone: string,
  fresh: boolean,
): Promise<LexResponse> {
  const sent = await self.phones.send(ctx.principal.userId, phone);
  if (!sent.ok) {
    return close(ctx.event, 'Failed', {
      text: "I've sent as many codes to that number as I can for now. Please try again in an hour.",
    });
  }
  const what = fresh ? 'a new 6-digit code' : 'a 6-digit code';
  return askCode(ctx, `I've texted ${what} to the number ending ${ending(phone)}. What is it?`);
}

/**
 * The dialog hook's step once the details are confirmed: null when the number is proven (the
 * intent may go on to fulfilment), otherwise the reply to send.
 */
export async function provePhone(ctx: IntentContext, phone: string): Promise<LexResponse | null> {
  const self = ctx.deps.selfRegistration;
  if (!self) return close(ctx.event, 'Failed', { text: UNAVAILABLE });
  const typed = slotValue(ctx.intent, CODE_SLOT);
  if (!typed) return sendCode(ctx, self, phone, false);
  if (GIVE_UP.test(typed)) return close(ctx.event, 'Failed', { text: 'OK, I have not registered anyone.' });
  const code = parseCodeInput(typed);
  if (!code) {
    if (NEW_CODE.test(typed)) return sendCode(ctx, self, phone, true);
    return askCode(
      ctx,
      `The code is the 6 digits in the text I sent to the number ending ${ending(phone)}. What is it? ${ASK_AGAIN}`,
    );
  }
  const checked = await self.phones.check(ctx.principal.userId, phone, code);
  if (checked.ok) return null;
  switch (checked.reason) {
    case 'wrong':
      return askCode(
        ctx,
        `That code is not right. You have ${checked.triesLeft} ${checked.triesLeft === 1 ? 'try' : 'tries'} left.`,
      );
    case 'too_many':
      return askCode(ctx, `That was too many tries for this code. ${ASK_AGAIN}`);
    case 'expired':
      return askCode(ctx, `That code has expired. ${ASK_AGAIN}`);
    case 'none':
      return askCode(ctx, `I have no code waiting for that number. ${ASK_AGAIN}`);
  }
}

/**
 * At fulfilment: uses the proof once. False means there is none (never proven, already used, or
 * expired); the caller then starts the code step again.
 */
export function consumeProof(
  self: SelfRegistrationDeps,
  ctx: IntentContext,
  phone: string,
): Promise<boolean> {
  return self.phones.consume(ctx.principal.userId, phone);
}

/** After a failed consume: a fresh code, as if the step had just begun. */
export async function restartProof(ctx: IntentContext, phone: string): Promise<LexResponse> {
  const self = ctx.deps.selfRegistration;
  if (!self) return close(ctx.event, 'Failed', { text: UNAVAILABLE });
  return sendCode(ctx, self, phone, false);
}
