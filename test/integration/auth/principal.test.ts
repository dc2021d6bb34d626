/**
 * Forging the principal: anyone who can reach Lex can set session attributes, so fulfillment must
 * give a missing, forged, tampered, stale or malformed principal exactly the anonymous column of the
 * matrix. Tested through the real handler: RequestUnits is refused and CheckStock shows levels only,
 * while the genuine principal (the control) gets staff rights.
 */
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../../adapters/local/seed.js';
import { type Principal, signPrincipal, verifyPrincipal } from '../../../fulfillment/auth/principal.js';
import { policyFor } from '../../../fulfillment/domain/policy.js';
import { createFulfillment } from '../../../fulfillment/handler.js';
import type { LexResponse } from '../../../fulfillment/lex/event.js';
import type { DynamoStore } from '../../../fulfillment/store/dynamo/index.js';
import { lexEvent, TEST_SIGNING_KEY } from '../../support/lexEvents.js';
import { createTestStore } from '../../support/store.js';

const NOW = new Date('2026-11-24T10:00:00Z');
const STAFF: Principal = { userId: 'staff-user', role: 'staff', channel: 'slack' };
const DONOR: Principal = { userId: 'sub-donor', role: 'donor', channel: 'web' };
const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
const mac = (key: string, payload: string) => createHmac('sha256', key).update(payload).digest('base64url');
const text = (r: LexResponse) =>
  (r.messages ?? []).map((m) => (m.contentType === 'PlainText' ? m.content : '')).join('\n');

let store: DynamoStore;
let fulfil: ReturnType<typeof createFulfillment>;

beforeAll(async () => {
  store = await createTestStore({ now: () => NOW });
  await seedDemo(store, { today: '2026-11-24', policy: policyFor('US') });
  fulfil = createFulfillment({
    store,
    policy: policyFor('US'),
    timeZone: 'UTC',
    defaultSite: 'central',
    principalSigningKey: TEST_SIGNING_KEY,
    now: () => NOW,
  });
});
afterAll(() => store.destroy());

const forgeries: Array<[string, () => string | undefined]> = [
  ['missing', () => undefined],
  ['empty', () => ''],
  ['signed with another key', () => signPrincipal(STAFF, 'an-attacker-key-an-attacker-key-000000', NOW)],
  [
    'a donor token with its role rewritten to admin',
    () => {
      const [, signature] = signPrincipal(DONOR, TEST_SIGNING_KEY, NOW).split('.');
      return `${b64({ ...DONOR, role: 'admin', exp: Math.floor(NOW.getTime() / 1000) + 900 })}.${signature}`;
    },
  ],
  [
    'stale (signed 16 minutes ago, 15-minute life)',
    () => signPrincipal(STAFF, TEST_SIGNING_KEY, new Date(NOW.getTime() - 16 * 60_000)),
  ],
  ['unsigned JSON', () => JSON.stringify(STAFF)],
  ['payload only', () => b64({ ...STAFF, exp: 9_999_999_999 })],
  ['three parts', () => `${signPrincipal(STAFF, TEST_SIGNING_KEY, NOW)}.extra`],
  [
    'correctly signed but not a principal (unknown role)',
    () => {
      const payload = b64({ userId: 'x', role: 'superuser', channel: 'web', exp: 9_999_999_999 });
      return `${payload}.${mac(TEST_SIGNING_KEY, payload)}`;
    },
  ],
];

describe('a principal fulfillment cannot verify gets anonymous rights', () => {
  it('control: the genuine staff principal requests units and sees counts', async () => {
    const request = await fulfil(
      lexEvent({
        intent: 'RequestUnits',
        slots: { units: '1', bloodGroup: 'A+', component: 'plasma', urgency: 'routine' },
        principal: STAFF,
        now: NOW,
      }),
    );
    expect(text(request)).toMatch(/Allocated 1 units/);
    const stock = await fulfil(
      lexEvent({ intent: 'CheckStock', slots: { bloodGroup: 'O-' }, principal: STAFF, now: NOW }),
    );
    expect(text(stock)).toMatch(/units available/);
  });

  it.each(forgeries)('%s → RequestUnits refused, nothing allocated', async (_label, forge) => {
    // Prepare
    const token = forge();
    const before = (await store.auditByDay('2026-11-24')).length;
    // Act
    const response = await fulfil(
      lexEvent({
        intent: 'RequestUnits',
        slots: { units: '1', bloodGroup: 'A+', component: 'plasma', urgency: 'routine' },
        now: NOW,
        ...(token === undefined ? {} : { sessionAttributes: { principal: token } }),
      }),
    );
    // Assess
    expect(response.sessionState.intent?.state).toBe('Failed');
    expect(text(response)).toMatch(/Only blood bank and hospital staff/);
    expect((await store.auditByDay('2026-11-24')).length).toBe(before);
  });

  it.each(forgeries)('%s → CheckStock shows levels only', async (_label, forge) => {
    const token = forge();
    const response = await fulfil(
      lexEvent({
        intent: 'CheckStock',
        slots: { bloodGroup: 'O-' },
        now: NOW,
        ...(token === undefined ? {} : { sessionAttributes: { principal: token } }),
      }),
    );
    expect(text(response)).toMatch(/stock is (ok|low|critical)/);
    expect(text(response)).not.toMatch(/units available/);
  });
});

describe('verifyPrincipal says why', () => {
  it.each([
    ['missing', undefined, 'missing'],
    ['another key', signPrincipal(STAFF, 'an-attacker-key-an-attacker-key-000000', NOW), 'bad_signature'],
    ['stale', signPrincipal(STAFF, TEST_SIGNING_KEY, new Date(NOW.getTime() - 16 * 60_000)), 'expired'],
    ['garbage', 'not-a-token', 'malformed'],
  ])('%s → %s', (_label, token, reason) => {
    expect(verifyPrincipal(token, TEST_SIGNING_KEY, NOW)).toEqual({ ok: false, reason });
  });
});
