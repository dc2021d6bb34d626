/**
 * The code-hook handler's edges: tolerant parsing of real Lex events, safe replies for unknown
 * intents, malformed events and internal errors, and no personal data in its logs.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { policyFor } from '../../../fulfillment/domain/policy.js';
import { createFulfillment } from '../../../fulfillment/handler.js';
import type { FulfillmentDeps } from '../../../fulfillment/intents/context.js';
import type { LexResponse } from '../../../fulfillment/lex/event.js';
import type { DynamoStore } from '../../../fulfillment/store/dynamo/index.js';
import { lexEvent, TEST_SIGNING_KEY } from '../../support/lexEvents.js';
import { createTestStore } from '../../support/store.js';

let store: DynamoStore;
let deps: FulfillmentDeps;
const NOW = new Date('2026-11-24T10:00:00Z');

beforeAll(async () => {
  store = await createTestStore();
  deps = {
    store,
    policy: policyFor('US'),
    timeZone: 'UTC',
    defaultSite: 'central',
    principalSigningKey: TEST_SIGNING_KEY,
    now: () => NOW,
  };
});
afterAll(() => store.destroy());

function text(response: LexResponse): string {
  return (response.messages ?? []).map((m) => (m.contentType === 'PlainText' ? m.content : '')).join(' ');
}

describe('fulfillment handler', () => {
  it.each([
    ['a number', 0.87],
    ['an object with score', { score: 0.87 }],
  ])('accepts nluConfidence as %s and fields it does not know', async (_label, confidence) => {
    // Prepare
    const event = lexEvent({ intent: 'Help' }) as Record<string, unknown>;
    (event.interpretations as Array<Record<string, unknown>>)[0]!.nluConfidence = confidence;
    event.someFutureField = { nested: true };
    // Act
    const response = await createFulfillment(deps)(event);
    // Assess
    expect(response.sessionState.dialogAction.type).toBe('Close');
    expect(response.sessionState.intent?.state).toBe('Fulfilled');
  });

  it('treats unfilled (null) slots as absent', async () => {
    const response = await createFulfillment(deps)(
      lexEvent({ intent: 'CheckStock', slots: { bloodGroup: null, component: null, site: null } }),
    );
    expect(response.sessionState.intent?.state).toBe('Fulfilled');
  });

  it('answers an unknown intent safely instead of crashing', async () => {
    const response = await createFulfillment(deps)(lexEvent({ intent: 'OrderPizza' }));
    expect(response.sessionState.dialogAction.type).toBe('Close');
    expect(response.sessionState.intent).toMatchObject({ name: 'OrderPizza', state: 'Failed' });
  });

  it.each([
    [null],
    [{}],
    [{ sessionState: {} }],
    ['not an event'],
    [{ messageVersion: '1.0', invocationSource: 'Nope' }],
  ])('answers a malformed event (%j) with a valid Close', async (raw) => {
    const response = await createFulfillment(deps)(raw);
    expect(response.sessionState.dialogAction.type).toBe('Close');
    expect(response.sessionState.intent?.state).toBe('Failed');
    expect(text(response)).toMatch(/nothing was changed/);
  });

  it('turns an internal error into a safe reply and logs no transcript or personal data', async () => {
    // Prepare: a store that fails, and a logger whose output we read.
    const failing = {
      ...deps,
      store: { ...store, stockSnapshot: async () => Promise.reject(new Error('boom')) },
    } as unknown as FulfillmentDeps;
    const logger = new Logger({ serviceName: 'test' });
    // Powertools writes through its own Console on the process streams: capture those.
    const lines: string[] = [];
    const capture = (chunk: unknown) => {
      lines.push(String(chunk));
      return true;
    };
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation(capture);
    const spyInfo = vi.spyOn(process.stderr, 'write').mockImplementation(capture);
    const event = lexEvent({ intent: 'CheckStock', slots: { bloodGroup: 'O-' } });
    event.inputTranscript = 'my name is Zelda Quux, +15555550123';
    // Act
    const response = await createFulfillment(failing, logger)(event);
    spy.mockRestore();
    spyInfo.mockRestore();
    // Assess
    expect(response.sessionState.intent?.state).toBe('Failed');
    expect(text(response)).toMatch(/Sorry/);
    const logged = lines.join('\n');
    expect(logged).toMatch(/intent failed/);
    expect(logged).toMatch(/"intent":"CheckStock"/);
    expect(logged).not.toMatch(/Zelda|Quux|5555550123/);
  });

  it('does not mutate the incoming event', async () => {
    const event = lexEvent({ intent: 'CheckStock', slots: { bloodGroup: 'O-' } });
    const before = JSON.stringify(event);
    await createFulfillment(deps)(event);
    expect(JSON.stringify(event)).toBe(before);
  });
});
