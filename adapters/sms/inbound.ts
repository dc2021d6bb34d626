/**
 * One inbound SMS (End User Messaging's JSON; SNS delivers it on AWS, `POST /api/sms/inbound` locally)
 * → at most one reply. Adapter → bot runtime → fulfillment.
 *
 * Primary course: validate → claim the inboundMessageId (a redelivery is handled once) → carrier
 * keywords (STOP/START/HELP) → nothing more for an opted-out number → donor by hashed phone → the bot,
 * with a session id derived from that hash (no phone number in Lex) and a signed donor principal →
 * reply through the sender. An unknown number gets a short reply that reveals nothing.
 */
import { createHash } from 'node:crypto';
import type { Logger } from '@aws-lambda-powertools/logger';
import * as z from 'zod';
import type { BotActiveContext, BotRuntime } from '../../bots/runtime/port.js';
import { PRINCIPAL_ATTRIBUTE, type Principal, signPrincipal } from '../../fulfillment/auth/principal.js';
import { logTag, type PhoneHasher } from '../../fulfillment/privacy.js';
import type { Actor, IdentityStore } from '../../fulfillment/store/port.js';
import { asksToStop, isBareAnswer, keywordOf, SMS_TEXT } from './keywords.js';
import { toSmsText } from './render.js';
import { respectingOptOut, type SmsSender } from './sender.js';

const e164 = z.string().regex(/^\+[1-9]\d{6,14}$/, 'E.164 phone number');

export const inboundSmsSchema = z.looseObject({
  originationNumber: e164,
  destinationNumber: z.string().min(1).max(32),
  messageKeyword: z.string().max(100).optional(),
  messageBody: z.string().max(1600),
  inboundMessageId: z.string().min(1).max(200),
  previousPublishedMessageId: z.string().max(200).optional(),
});
export type InboundSms = z.infer<typeof inboundSmsSchema>;

export type SmsOutcome =
  | 'invalid'
  | 'duplicate'
  | 'opted_out'
  | 'opted_in'
  | 'help'
  | 'suppressed'
  | 'unknown_number'
  | 'replied';

export interface SmsDeps {
  identity: Pick<
    IdentityStore,
    'claimOnce' | 'releaseClaim' | 'optOutPhone' | 'optInPhone' | 'isPhoneOptedOut'
  >;
  donorIdByPhone: (phoneE164: string) => Promise<string | null>;
  hashPhone: PhoneHasher;
  runtime: BotRuntime;
  signingKey: string;
  now: () => Date;
  /** The raw sender; opt-outs are applied here, except for the STOP/HELP answers. */
  sender: SmsSender;
  logger: Logger;
  /**
   * Contexts to restore for this donor's turn: the `shortageAlert` context while an appeal awaits
   * their answer (adapters/alerts/smsContext.ts), so a "YES" is read as that answer.
   */
  activeContexts?: (donorId: string) => Promise<BotActiveContext[]>;
}

/** Carriers and SNS redeliver within minutes; a day covers any retry. */
const DEDUPE_TTL_SECONDS = 24 * 60 * 60;

/** A Lex session id for this number that carries no personal data and is not the lookup key itself. */
export function smsSessionId(phoneHash: string): string {
  return `sms-${createHash('sha256').update(`sms-session:${phoneHash}`).digest('hex').slice(0, 40)}`;
}

export async function handleInboundSms(raw: unknown, deps: SmsDeps): Promise<SmsOutcome> {
  const parsed = inboundSmsSchema.safeParse(raw);
  if (!parsed.success) {
    deps.logger.warn('sms invalid', { issues: parsed.error.issues.length });
    return 'invalid';
  }
  const sms = parsed.data;
  const dedupeKey = `sms:${sms.inboundMessageId}`;
  if (!(await deps.identity.claimOnce(dedupeKey, DEDUPE_TTL_SECONDS))) {
    deps.logger.info('sms duplicate', { inboundMessage: logTag(sms.inboundMessageId) });
    return 'duplicate';
  }
  try {
    const outcome = await respond(sms, deps);
    deps.logger.info('sms handled', { outcome, from: logTag(deps.hashPhone(sms.originationNumber)) });
    return outcome;
  } catch (error) {
    // Give the claim back so the platform's retry of this message is handled, not dropped.
    await deps.identity.releaseClaim(dedupeKey).catch(() => undefined);
    throw error;
  }
}

async function respond(sms: InboundSms, deps: SmsDeps): Promise<SmsOutcome> {
  const phone = sms.originationNumber;
  const phoneHash = deps.hashPhone(phone);
  const reply = (text: string, sender: SmsSender = deps.sender) =>
    sender.send({ to: phone, text, from: sms.destinationNumber });
  const actor: Actor = { userId: `sms:${phoneHash.slice(0, 16)}`, role: 'anonymous', channel: 'sms' };

  const keyword = keywordOf(sms.messageBody) ?? (asksToStop(sms.messageBody) ? 'stop' : null);
  if (keyword === 'stop') {
    await deps.identity.optOutPhone(phone, actor);
    // The one message an opted-out number still gets: the confirmation carriers require.
    await reply(SMS_TEXT.stopped);
    return 'opted_out';
  }
  if (keyword === 'start') {
    await deps.identity.optInPhone(phone, actor);
    await reply(SMS_TEXT.started);
    return 'opted_in';
  }
  if (keyword === 'help') {
    await reply(SMS_TEXT.help);
    return 'help';
  }
  if (await deps.identity.isPhoneOptedOut(phone)) return 'suppressed';

  const guarded = respectingOptOut(deps.sender, (p) => deps.identity.isPhoneOptedOut(p));
  const donorId = await deps.donorIdByPhone(phone);
  if (!donorId) {
    await reply(SMS_TEXT.unknown, guarded);
    return 'unknown_number';
  }
  const principal: Principal = { userId: `donor:${donorId}`, role: 'donor', channel: 'sms', donorId };
  const text = sms.messageBody.trim();
  if (!text) {
    await reply(SMS_TEXT.help, guarded);
    return 'help';
  }
  const contexts = deps.activeContexts ? await deps.activeContexts(donorId) : [];
  const result = await deps.runtime.recognizeText({
    sessionId: smsSessionId(phoneHash),
    text,
    sessionState: {
      sessionAttributes: { [PRINCIPAL_ATTRIBUTE]: signPrincipal(principal, deps.signingKey, deps.now()) },
      ...(contexts.length ? { activeContexts: contexts } : {}),
    },
  });
  await reply(smsAnswer(text, result), guarded);
  return 'replied';
}

/**
 * What the bot said, as one SMS. The bot's fallback is a menu of buttons an SMS cannot show, so a
 * text it did not understand gets one line of examples instead; a bare YES or NO it could not place
 * (no appeal waiting, no question asked) is told so rather than shown that menu.
 */
function smsAnswer(text: string, result: Awaited<ReturnType<BotRuntime['recognizeText']>>): string {
  // The fallback elicits a new intent and may leave no intent in the session: its interpretation says.
  const intent = result.sessionState.intent?.name ?? result.interpretations[0]?.intent.name;
  if (intent === 'FallbackIntent') {
    return isBareAnswer(text) ? SMS_TEXT.noAppeal : SMS_TEXT.notUnderstood;
  }
  return toSmsText(result.messages) || SMS_TEXT.failed;
}
