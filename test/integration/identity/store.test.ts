/**
 * The IdentityStore on DynamoDB Local: linking a Cognito sub to an existing donor (transactional with
 * its SUB# lookup), Slack links, SMS opt-outs that follow the number and the donor, claims that make
 * deliveries idempotent (and expire), and rate windows shared through the table.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoIdentity } from '../../../fulfillment/store/dynamo/identity.js';
import type { DynamoStore } from '../../../fulfillment/store/dynamo/index.js';
import type { Actor } from '../../../fulfillment/store/port.js';
import { createTestStore } from '../../support/store.js';

const ADMIN: Actor = { userId: 'admin@example.org', role: 'admin', channel: 'slack' };
let clock = new Date('2026-11-24T10:00:00Z');
let store: DynamoStore;
let identity: DynamoIdentity;

async function newDonor(phone: string, cognitoSub?: string): Promise<string> {
  const out = await store.registerDonor(
    {
      firstName: 'Test',
      lastName: 'Donor',
      dateOfBirth: '1985-01-01',
      phoneE164: phone,
      bloodGroup: 'A+',
      homeSite: 'central',
      ...(cognitoSub ? { cognitoSub } : {}),
    },
    ADMIN,
  );
  if (!out.ok) throw new Error(out.reason);
  return out.donor.donorId;
}

beforeAll(async () => {
  store = await createTestStore({ now: () => clock });
  identity = new DynamoIdentity(store.options, store.client);
});
afterAll(() => store.destroy());

describe('linkDonorSub', () => {
  it('links an existing donor to a sub, with the lookup, and audits it', async () => {
    // Prepare
    const donorId = await newDonor('+12025550101');
    // Act
    const outcome = await identity.linkDonorSub(donorId, 'sub-1', ADMIN);
    // Assess
    expect(outcome).toEqual({ ok: true });
    expect(await store.donorIdBySub('sub-1')).toBe(donorId);
    expect((await store.donorById(donorId))?.cognitoSub).toBe('sub-1');
    expect((await store.auditByEntity('donor', donorId)).map((a) => a.action)).toContain(
      'donor.account_linked',
    );
  });

  it('is idempotent for the same pair', async () => {
    const donorId = await newDonor('+12025550102', 'sub-2');
    expect(await identity.linkDonorSub(donorId, 'sub-2', ADMIN)).toEqual({ ok: true });
  });

  it('refuses a donor already linked to another account', async () => {
    const donorId = await newDonor('+12025550103', 'sub-3');
    expect(await identity.linkDonorSub(donorId, 'sub-other', ADMIN)).toEqual({
      ok: false,
      reason: 'donor_linked_elsewhere',
    });
    expect(await store.donorIdBySub('sub-other')).toBeNull();
  });

  it('refuses an account already linked to another donor, and changes nothing', async () => {
    // Prepare
    await newDonor('+12025550104', 'sub-4');
    const second = await newDonor('+12025550105');
    // Act
    const outcome = await identity.linkDonorSub(second, 'sub-4', ADMIN);
    // Assess
    expect(outcome).toEqual({ ok: false, reason: 'account_linked' });
    expect((await store.donorById(second))?.cognitoSub).toBeUndefined();
  });

  it('reports an unknown donor', async () => {
    expect(await identity.linkDonorSub('no-such-donor', 'sub-5', ADMIN)).toEqual({
      ok: false,
      reason: 'not_found',
    });
  });
});

describe('Slack links', () => {
  it('links, relinks with another role, and unlinks, auditing each', async () => {
    expect(await identity.slackLink('T1', 'U1')).toBeNull();
    await identity.linkSlackUser(
      { teamId: 'T1', slackUserId: 'U1', account: 'staff@example.org', role: 'staff' },
      ADMIN,
    );
    expect(await identity.slackLink('T1', 'U1')).toMatchObject({
      account: 'staff@example.org',
      role: 'staff',
      linkedBy: ADMIN.userId,
    });
    await identity.linkSlackUser(
      { teamId: 'T1', slackUserId: 'U1', account: 'staff@example.org', role: 'admin' },
      ADMIN,
    );
    expect((await identity.slackLink('T1', 'U1'))?.role).toBe('admin');
    expect(await identity.slackLink('T2', 'U1')).toBeNull();
    expect(await identity.unlinkSlackUser('T1', 'U1', ADMIN)).toBe(true);
    expect(await identity.unlinkSlackUser('T1', 'U1', ADMIN)).toBe(false);
    expect(await identity.slackLink('T1', 'U1')).toBeNull();
    const actions = (await store.auditByEntity('slack_user', 'T1:U1')).map((a) => a.action);
    // The test clock stands still, so entries share a timestamp: compare as a multiset.
    expect(actions.sort()).toEqual(['slack.user_linked', 'slack.user_linked', 'slack.user_unlinked']);
  });
});

describe('SMS opt-out', () => {
  it('opts a donor’s number out (and the donor’s flag with it), then back in', async () => {
    // Prepare
    const donorId = await newDonor('+12025550106');
    // Act
    await identity.optOutPhone('+12025550106', { userId: 'sms', role: 'anonymous', channel: 'sms' });
    // Assess
    expect(await identity.isPhoneOptedOut('+12025550106')).toBe(true);
    expect((await store.donorById(donorId))?.smsOptIn).toBe(false);
    await identity.optInPhone('+12025550106', { userId: 'sms', role: 'anonymous', channel: 'sms' });
    expect(await identity.isPhoneOptedOut('+12025550106')).toBe(false);
    expect((await store.donorById(donorId))?.smsOptIn).toBe(true);
  });

  it('opts out a number that belongs to no donor', async () => {
    await identity.optOutPhone('+12025550999', { userId: 'sms', role: 'anonymous', channel: 'sms' });
    expect(await identity.isPhoneOptedOut('+12025550999')).toBe(true);
    expect(await identity.isPhoneOptedOut('+12025550998')).toBe(false);
  });
});

describe('claims and rate windows', () => {
  it('claims a key once until it expires or is released', async () => {
    expect(await identity.claimOnce('sms:abc', 60)).toBe(true);
    expect(await identity.claimOnce('sms:abc', 60)).toBe(false);
    await identity.releaseClaim('sms:abc');
    expect(await identity.claimOnce('sms:abc', 60)).toBe(true);
    // TTL deletion is lazy; an expired marker must not block a new claim.
    clock = new Date(clock.getTime() + 61_000);
    expect(await identity.claimOnce('sms:abc', 60)).toBe(true);
  });

  it('allows `limit` hits per window, then says how long to wait', async () => {
    clock = new Date('2026-11-24T10:05:10Z');
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await identity.hitRateLimit('user:x', 3, 60));
    expect(results.map((r) => r.allowed)).toEqual([true, true, true, false]);
    expect(results[3]!.retryAfterSeconds).toBe(50);
    clock = new Date('2026-11-24T10:06:00Z');
    expect((await identity.hitRateLimit('user:x', 3, 60)).allowed).toBe(true);
  });
});
