/**
 * The AWS bot runtime (Lex V2 RecognizeText) with the Lex client faked at the SDK boundary, the only
 * place there is no local engine: what it sends (bot, alias, locale, session, the adapter's signed
 * attributes) and how Lex's answer maps back to the RecognizeText shape the adapters read.
 */
import type { RecognizeTextCommand, RecognizeTextCommandOutput } from '@aws-sdk/client-lex-runtime-v2';
import { describe, expect, it } from 'vitest';
import { LexRuntime, LexRuntimeError } from '../../../bots/runtime/lexRuntime.js';

const CONFIG = { botId: 'BOT123', botAliasId: 'ALIAS45', localeId: 'en_GB' };

function fakeLex(output: Partial<RecognizeTextCommandOutput> | Error) {
  const sent: Array<RecognizeTextCommand['input']> = [];
  return {
    sent,
    client: {
      async send(command: RecognizeTextCommand): Promise<RecognizeTextCommandOutput> {
        sent.push(command.input);
        if (output instanceof Error) throw output;
        return { $metadata: {}, ...output };
      },
    },
  };
}

describe('LexRuntime', () => {
  it('sends the turn to the configured bot, alias and locale with the adapter’s attributes', async () => {
    // Prepare
    const lex = fakeLex({ sessionId: 's-1', messages: [] });
    const runtime = new LexRuntime(CONFIG, lex.client);
    // Act
    await runtime.recognizeText({
      sessionId: 's-1',
      text: 'how many O- red cells',
      sessionState: {
        sessionAttributes: { principal: 'signed.token' },
        activeContexts: [{ name: 'shortageAlert', timeToLive: { timeToLiveInSeconds: 600, turnsToLive: 3 } }],
      },
      requestAttributes: { channel: 'slack' },
    });
    // Assess
    expect(lex.sent).toEqual([
      {
        botId: 'BOT123',
        botAliasId: 'ALIAS45',
        localeId: 'en_GB',
        sessionId: 's-1',
        text: 'how many O- red cells',
        sessionState: {
          sessionAttributes: { principal: 'signed.token' },
          activeContexts: [
            {
              name: 'shortageAlert',
              timeToLive: { timeToLiveInSeconds: 600, turnsToLive: 3 },
              contextAttributes: {},
            },
          ],
        },
        requestAttributes: { channel: 'slack' },
      },
    ]);
  });

  it('maps Lex’s answer: messages with cards, dialog action, intent and slots, interpretations', async () => {
    // Prepare
    const lex = fakeLex({
      sessionId: 's-2',
      messages: [
        { contentType: 'PlainText', content: 'Request 2 units?' },
        {
          contentType: 'ImageResponseCard',
          imageResponseCard: { title: 'Confirm', buttons: [{ text: 'Yes', value: 'yes' }] },
        },
      ],
      sessionState: {
        dialogAction: { type: 'ConfirmIntent' },
        intent: {
          name: 'RequestUnits',
          state: 'InProgress',
          confirmationState: 'None',
          slots: {
            units: { value: { originalValue: 'two', interpretedValue: '2', resolvedValues: ['2'] } },
            hospital: undefined as never,
          },
        },
        sessionAttributes: { principal: 'signed.token' },
      },
      interpretations: [
        { intent: { name: 'RequestUnits' }, nluConfidence: { score: 0.93 } },
        { intent: { name: 'FallbackIntent' } },
      ],
    });
    // Act
    const result = await new LexRuntime(CONFIG, lex.client).recognizeText({ sessionId: 's-2', text: 'two' });
    // Assess
    expect(result).toEqual({
      sessionId: 's-2',
      messages: [
        { contentType: 'PlainText', content: 'Request 2 units?' },
        {
          contentType: 'ImageResponseCard',
          imageResponseCard: { title: 'Confirm', buttons: [{ text: 'Yes', value: 'yes' }] },
        },
      ],
      sessionState: {
        dialogAction: { type: 'ConfirmIntent' },
        intent: {
          name: 'RequestUnits',
          state: 'InProgress',
          confirmationState: 'None',
          slots: {
            units: { value: { originalValue: 'two', interpretedValue: '2', resolvedValues: ['2'] } },
            hospital: null,
          },
        },
        sessionAttributes: { principal: 'signed.token' },
      },
      interpretations: [
        { intent: { name: 'RequestUnits', slots: {} }, nluConfidence: { score: 0.93 } },
        { intent: { name: 'FallbackIntent', slots: {} } },
      ],
    });
  });

  it('wraps a Lex failure without echoing the request', async () => {
    const lex = fakeLex(
      Object.assign(new Error('User: arn:... text "secret words"'), { name: 'AccessDeniedException' }),
    );
    const failure = new LexRuntime(CONFIG, lex.client).recognizeText({
      sessionId: 's-3',
      text: 'secret words',
    });
    await expect(failure).rejects.toBeInstanceOf(LexRuntimeError);
    await expect(failure).rejects.toThrow('Lex RecognizeText failed (AccessDeniedException)');
  });
});
