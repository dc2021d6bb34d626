/**
 * Control characters in chat text (issue 12, finding 9): stripped at the edge, so the bot, the
 * transcript and the logs see only what a person can read; text made only of them is a clear 400.
 */
import { describe, expect, it } from 'vitest';
import { handleChat } from '../../../adapters/web/chat.js';
import type { BotRuntime, RecognizeTextRequest, RecognizeTextResult } from '../../../bots/runtime/port.js';
import { anonymous } from '../../../fulfillment/auth/principal.js';

/** A bot runtime that records what it was asked and answers nothing (the port, not our bot). */
function recordingRuntime(): BotRuntime & { seen: string[] } {
  const seen: string[] = [];
  return {
    seen,
    async recognizeText(request: RecognizeTextRequest): Promise<RecognizeTextResult> {
      seen.push(request.text);
      return {
        sessionId: request.sessionId,
        messages: [],
        sessionState: { dialogAction: { type: 'ElicitIntent' } },
        interpretations: [],
      };
    },
  };
}

async function chat(text: string) {
  const runtime = recordingRuntime();
  const response = await handleChat(
    { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text }) },
    {
      runtime,
      identify: async () => anonymous('web'),
      signingKey: 'test-signing-key-test-signing-key-0123456789',
      now: () => new Date('2026-11-24T10:00:00Z'),
      newSessionId: () => 'session-0001',
    },
  );
  return {
    status: response.status,
    body: JSON.parse(response.body) as Record<string, unknown>,
    seen: runtime.seen,
  };
}

describe('control characters in chat text', () => {
  it.each([
    ['how is\u0000 blood stock', 'how is blood stock'],
    ['how is\u001b[31m blood stock', 'how is[31m blood stock'],
    ['book\ta\nslot\r\ntomorrow', 'book a slot  tomorrow'],
    ['stock\u007f\u0085\u009f of O-', 'stock of O-'],
    ['\u202eO- stock\u202c', 'O- stock'],
    ['\u2066status\u2069', 'status'],
    ['café – 10:00 🩸', 'café – 10:00 🩸'],
  ])('%j reaches the bot as %j', async (sent, received) => {
    // Act
    const { status, seen } = await chat(sent);
    // Assess
    expect(status).toBe(200);
    expect(seen).toEqual([received]);
  });

  it.each(['\u0000', '\u0000\u0001\u0002', '\u001b\u007f', '\t\n\r', '\u202e'])(
    'text of only control characters %j is a 400 that says the text is empty',
    async (sent) => {
      const { status, body, seen } = await chat(sent);
      expect(status).toBe(400);
      expect(body).toMatchObject({ error: 'invalid_request', message: 'text: text must not be empty' });
      expect(seen).toEqual([]);
    },
  );
});
