/**
 * The SmallTalk handler through the real fulfillment door: replies by kind and role, and touches
 * no store at all (a store that throws on any use proves it changes nothing).
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { describe, expect, it } from 'vitest';
import { policyFor } from '../../../fulfillment/domain/policy.js';
import { createFulfillment } from '../../../fulfillment/handler.js';
import type { FulfillmentDeps } from '../../../fulfillment/intents/context.js';
import type { Store } from '../../../fulfillment/store/port.js';
import type { UnitStore } from '../../../fulfillment/store/unitPort.js';
import { lexEvent, TEST_SIGNING_KEY } from '../../support/lexEvents.js';

const NOW = new Date('2026-11-24T10:00:00Z');
const untouchable = new Proxy({} as Store & UnitStore, {
  get: (_t, name) => {
    throw new Error(`SmallTalk used the store (${String(name)})`);
  },
});
const deps: FulfillmentDeps = {
  store: untouchable,
  policy: policyFor('US'),
  timeZone: 'UTC',
  defaultSite: 'central',
  principalSigningKey: TEST_SIGNING_KEY,
  now: () => NOW,
};
const fulfil = createFulfillment(deps, new Logger({ serviceName: 'test', logLevel: 'SILENT' }));

describe('SmallTalk handler', () => {
  it.each([
    ['thanks', 'donor', /^You're welcome!/],
    ['goodbye', 'donor', /^Goodbye, thank you for being a donor\./],
    ['goodbye', 'staff', /^Goodbye, thank you for everything you do for patients\./],
    ['acknowledgement', 'staff', /^Great\./],
    [null, 'donor', /anything else/],
  ] as const)('kind %s for a %s → %s', async (kind, role, expected) => {
    // Prepare
    const event = lexEvent({
      intent: 'SmallTalk',
      slots: { kind },
      principal: { userId: `${role}-1`, role, channel: 'web' },
      now: NOW,
    });

    // Act
    const response = await fulfil(event);

    // Assess
    expect(response.sessionState.dialogAction.type).toBe('Close');
    expect(response.sessionState.intent?.state).toBe('Fulfilled');
    expect(response.messages?.[0]).toMatchObject({
      contentType: 'PlainText',
      content: expect.stringMatching(expected),
    });
  });
});
