/**
 * The local Lex runtime's dialog management, through the real bot definition, NLU and fulfillment:
 * slot elicitation with prompts and retries, confirmation and declination, change of subject,
 * fallback, active contexts with a time to live, and session expiry.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmbeddedApp } from '../../adapters/local/app.js';
import type { BotActiveContext } from '../../bots/runtime/port.js';
import { PRINCIPAL_ATTRIBUTE, type Principal, signPrincipal } from '../../fulfillment/auth/principal.js';
import { startTestApp } from '../support/embedded.js';

let app: EmbeddedApp;
let clock = Date.parse('2026-11-24T10:00:00Z');
let sessionSeq = 0;

beforeAll(async () => {
  app = await startTestApp({ now: () => new Date(clock) });
});
afterAll(async () => {
  await app.stop();
});

const STAFF: Principal = { userId: 'staff-1', role: 'staff', channel: 'web' };

/** Talk to the runtime directly, as an adapter does, signing the principal with the app's key. */
function session(principal: Principal = STAFF) {
  const sessionId = `dialog-test-${++sessionSeq}`;
  return async (text: string, extra: { activeContexts?: BotActiveContext[] } = {}) => {
    const attrs = {
      [PRINCIPAL_ATTRIBUTE]: signPrincipal(principal, app.config.principalSigningKey, new Date(clock)),
    };
    const out = await app.runtime.recognizeText({
      sessionId,
      text,
      sessionState: {
        sessionAttributes: attrs,
        ...(extra.activeContexts ? { activeContexts: extra.activeContexts } : {}),
      },
    });
    return { ...out, text: out.messages.map((m) => m.content ?? '').join('\n') };
  };
}

describe('local Lex runtime dialogs', () => {
  it('elicits missing required slots in order with their prompts', async () => {
    const say = session();
    const first = await say('I need to request some blood');
    expect(first.sessionState.intent?.name).toBe('RequestUnits');
    expect(first.sessionState.dialogAction).toEqual({ type: 'ElicitSlot', slotToElicit: 'units' });
    const second = await say('three');
    expect(second.sessionState.intent?.slots?.units?.value?.interpretedValue).toBe('3');
    expect(second.sessionState.dialogAction?.type).toBe('ElicitSlot');
    expect(second.sessionState.dialogAction?.slotToElicit).not.toBe('units');
  });

  it('re-prompts an answer that does not fit, then gives up after the retry limit', async () => {
    const say = session();
    await say('I need to request some blood');
    const retry1 = await say('banana');
    expect(retry1.sessionState.dialogAction).toEqual({ type: 'ElicitSlot', slotToElicit: 'units' });
    const retry2 = await say('banana');
    expect(retry2.sessionState.dialogAction).toEqual({ type: 'ElicitSlot', slotToElicit: 'units' });
    const failed = await say('banana');
    expect(failed.sessionState.dialogAction?.type).toBe('Close');
    expect(failed.sessionState.intent?.state).toBe('Failed');
  });

  it('switches intent when the answer is clearly a new request', async () => {
    const say = session();
    await say('I need to request some blood');
    const switched = await say('how many O negative red cells do we have');
    expect(switched.sessionState.intent).toMatchObject({ name: 'CheckStock', state: 'Fulfilled' });
  });

  it('asks for confirmation and, on no, says the declination and allocates nothing', async () => {
    const say = session();
    const before = (await app.store.auditByDay('2026-11-24')).filter(
      (e) => e.action === 'request.created',
    ).length;
    const ask = await say('2 units of AB- plasma routine');
    expect(ask.sessionState.dialogAction?.type).toBe('ConfirmIntent');
    const no = await say('no');
    expect(no.sessionState.intent).toMatchObject({
      name: 'RequestUnits',
      state: 'Failed',
      confirmationState: 'Denied',
    });
    const after = (await app.store.auditByDay('2026-11-24')).filter(
      (e) => e.action === 'request.created',
    ).length;
    expect(after).toBe(before);
  });

  it('falls back below the confidence threshold', async () => {
    const say = session();
    const reply = await say('what is the capital of peru');
    expect(reply.interpretations[0]?.intent.name).toBe('FallbackIntent');
    expect(reply.sessionState.dialogAction?.type).toBe('ElicitIntent');
    expect(reply.text).toMatch(/didn't understand/);
  });

  it('recognises RespondToAlert only while the shortageAlert context is active, for its time to live', async () => {
    const say = session({ userId: 'donor-x', role: 'donor', channel: 'sms' });
    const withContext = await say('yes', {
      activeContexts: [
        {
          name: 'shortageAlert',
          timeToLive: { timeToLiveInSeconds: 600, turnsToLive: 1 },
          contextAttributes: {},
        },
      ],
    });
    expect(withContext.sessionState.intent?.name).toBe('RespondToAlert');
    // The context had one turn to live: the same answer now means nothing in particular.
    const later = await say('yes');
    expect(later.sessionState.intent?.name ?? 'none').not.toBe('RespondToAlert');
  });

  it('forgets a conversation after the idle session time to live', async () => {
    const say = session();
    await say('I need to request some blood');
    clock += 60 * 60 * 1000; // an hour later, beyond the bot's idle TTL
    const reply = await say('four');
    expect(reply.sessionState.intent?.name ?? 'none').not.toBe('RequestUnits');
    clock -= 60 * 60 * 1000;
  });
});
