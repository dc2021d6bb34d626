/**
 * The world the authorization matrix runs in: a seeded table on DynamoDB Local, the real
 * fulfillment handler (with the shortage-alert store), principals as adapters sign them, and a
 * `turn` that reports what the role was told and how many audit entries it caused. Every state
 * change writes an audit entry, so "nothing written" is "no new audit entry by that actor".
 */
import { seedDemo } from '../../../adapters/local/seed.js';
import type { Principal } from '../../../fulfillment/auth/principal.js';
import { addDays } from '../../../fulfillment/domain/dates.js';
import { policyFor } from '../../../fulfillment/domain/policy.js';
import type { Role } from '../../../fulfillment/domain/vocabulary.js';
import { createFulfillment } from '../../../fulfillment/handler.js';
import type { LexResponse } from '../../../fulfillment/lex/event.js';
import { DynamoAlertStore } from '../../../fulfillment/store/dynamo/alerts.js';
import type { DynamoStore } from '../../../fulfillment/store/dynamo/index.js';
import type { Actor } from '../../../fulfillment/store/port.js';
import { lexEvent, TEST_SIGNING_KEY } from '../../support/lexEvents.js';
import { createTestStore } from '../../support/store.js';

export const NOW = new Date('2026-11-24T10:00:00Z'); // a Tuesday
export const TODAY = '2026-11-24';
export const BOOK_DATE = addDays(TODAY, 2); // Thursday: central is open
export const ROLES: Role[] = ['anonymous', 'donor', 'staff', 'admin'];
export const SIGN_IN = /sign in/i;
export const STAFF_ONLY = /Only blood bank and hospital staff/;

const SETUP: Actor = { userId: 'setup', role: 'admin', channel: 'system' };

export interface TestDonor {
  sub: string;
  donorId: string;
  phone: string;
}

/** Staff and admins speak from Slack here, donors and visitors from the web. */
export function principalFor(role: Role, donor?: { sub: string; donorId?: string }): Principal {
  if (role === 'anonymous') return { userId: 'anonymous', role, channel: 'web' };
  if (role === 'donor') {
    return {
      userId: donor!.sub,
      role,
      channel: 'web',
      ...(donor?.donorId ? { donorId: donor.donorId } : {}),
    };
  }
  return { userId: `${role}-user`, role, channel: 'slack' };
}

type EventInput = Parameters<typeof lexEvent>[0];

export interface MatrixWorld {
  store: DynamoStore;
  alerts: DynamoAlertStore;
  nextPhone(): string;
  /** A donor with an account and a donation `lastGaveDaysAgo` days ago (63: eligible today). */
  freshDonor(lastGaveDaysAgo?: number): Promise<TestDonor>;
  turn(
    intent: string,
    principal: Principal,
    extra?: Partial<EventInput>,
  ): Promise<{ response: LexResponse; reply: string; writes: number }>;
  destroy(): void;
}

export async function createMatrixWorld(): Promise<MatrixWorld> {
  const store = await createTestStore({ now: () => NOW });
  const policy = policyFor('US');
  await seedDemo(store, { today: TODAY, policy });
  const alerts = new DynamoAlertStore(store.options, store.client);
  const fulfil = createFulfillment({
    store,
    alerts,
    policy,
    timeZone: 'UTC',
    defaultSite: 'central',
    principalSigningKey: TEST_SIGNING_KEY,
    now: () => NOW,
  });
  let phoneSeq = 100;
  const nextPhone = () => `+1202555${String(phoneSeq++).padStart(4, '0')}`;
  const writesBy = async (userId: string) =>
    (await store.auditByDay(TODAY)).filter((a) => a.actor.userId === userId).length;

  return {
    store,
    alerts,
    nextPhone,
    async freshDonor(lastGaveDaysAgo = 63) {
      const phone = nextPhone();
      const sub = `sub-${phone.slice(-4)}`;
      const out = await store.registerDonor(
        {
          firstName: 'Test',
          lastName: 'Donor',
          dateOfBirth: '1988-02-02',
          phoneE164: phone,
          bloodGroup: 'O+',
          homeSite: 'central',
          cognitoSub: sub,
        },
        SETUP,
      );
      if (!out.ok) throw new Error(out.reason);
      await store.recordPastDonation(
        out.donor.donorId,
        { date: addDays(TODAY, -lastGaveDaysAgo), type: 'whole_blood' },
        SETUP,
      );
      return { sub, donorId: out.donor.donorId, phone };
    },
    async turn(intent, principal, extra = {}) {
      const before = await writesBy(principal.userId);
      const response = await fulfil(lexEvent({ intent, principal, now: NOW, ...extra }));
      const reply = (response.messages ?? [])
        .map((m) => (m.contentType === 'PlainText' ? m.content : ''))
        .join('\n');
      return { response, reply, writes: (await writesBy(principal.userId)) - before };
    },
    destroy: () => store.destroy(),
  };
}
