/**
 * The authorization matrix (fulfillment/auth/authorize.ts, README "What each kind of user can do"), part 1: CheckStock, RegisterDonor, RequestUnits, Help and
 * FallbackIntent, every role, through the real fulfillment handler over DynamoDB Local with Lex
 * events built directly. Part 2 (records a donor owns) is matrixDonor.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../../fulfillment/domain/vocabulary.js';
import {
  createMatrixWorld,
  type MatrixWorld,
  principalFor,
  ROLES,
  SIGN_IN,
  STAFF_ONLY,
} from './matrixWorld.js';

let w: MatrixWorld;
beforeAll(async () => {
  w = await createMatrixWorld();
});
afterAll(() => w.destroy());

describe('CheckStock', () => {
  const slots = { bloodGroup: 'O-', component: 'red_cells' };
  it.each(['anonymous', 'donor'] as const)('%s → levels only, no counts', async (role) => {
    const { reply, writes } = await w.turn('CheckStock', principalFor(role, { sub: 'sub-levels' }), {
      slots,
    });
    expect(reply).toMatch(/O- red cells stock is (ok|low|critical)/);
    expect(reply).not.toMatch(/\d+ units/);
    expect(writes).toBe(0);
  });
  it.each(['staff', 'admin'] as const)('%s → units by group and site, days of supply', async (role) => {
    const { reply } = await w.turn('CheckStock', principalFor(role), { slots });
    expect(reply).toMatch(/O- red cells: \d+ units available/);
    expect(reply).toMatch(/central \d+.*days of supply/);
  });
});

describe('RegisterDonor', () => {
  const slots = () => ({
    firstName: 'Riley',
    lastName: 'Walker',
    dateOfBirth: '1992-05-05',
    phone: w.nextPhone(),
    bloodGroup: 'A+',
  });

  it('anonymous → asked to sign in or sign up; nothing created', async () => {
    const s = slots();
    const { reply, writes } = await w.turn('RegisterDonor', principalFor('anonymous'), { slots: s });
    expect(reply).toMatch(SIGN_IN);
    expect(writes).toBe(0);
    expect(await w.store.donorIdByPhone(s.phone)).toBeNull();
  });

  it('donor (signed up, no profile yet) → proves the number with the texted code, then creates and links their own profile', async () => {
    const s = slots();
    const donor = principalFor('donor', { sub: 'sub-new-donor' });
    // Fulfilment without a proven number creates nothing: it texts a code and asks for it.
    const unproven = await w.turn('RegisterDonor', donor, { slots: s, confirmationState: 'Confirmed' });
    expect(unproven.response.sessionState.dialogAction).toEqual({
      type: 'ElicitSlot',
      slotToElicit: 'phoneCode',
    });
    expect(unproven.writes).toBe(0);
    expect(await w.store.donorIdByPhone(s.phone)).toBeNull();
    const proven = { ...s, phoneCode: w.codeSentTo(s.phone)! };
    const typed = await w.turn('RegisterDonor', donor, {
      slots: proven,
      source: 'DialogCodeHook',
      confirmationState: 'Confirmed',
    });
    expect(typed.response.sessionState.dialogAction.type).toBe('Delegate');
    const { response } = await w.turn('RegisterDonor', donor, {
      slots: proven,
      confirmationState: 'Confirmed',
    });
    expect(response.sessionState.intent?.state).toBe('Fulfilled');
    const donorId = await w.store.donorIdByPhone(s.phone);
    expect(donorId).not.toBeNull();
    expect(await w.store.donorIdBySub('sub-new-donor')).toBe(donorId);
  });

  it.each(['staff', 'admin'] as const)(
    '%s → registers a walk-in donor, not linked to the staff account',
    async (role) => {
      const s = slots();
      const { response, reply } = await w.turn('RegisterDonor', principalFor(role), { slots: s });
      expect(response.sessionState.intent?.state).toBe('Fulfilled');
      expect(reply).toMatch(/Riley is registered/);
      const donorId = await w.store.donorIdByPhone(s.phone);
      expect((await w.store.donorById(donorId!))?.cognitoSub).toBeUndefined();
      expect(await w.store.donorIdBySub(`${role}-user`)).toBeNull();
    },
  );
});

describe('RequestUnits', () => {
  const slots = { units: '2', bloodGroup: 'O+', component: 'red_cells', urgency: 'routine' };
  const available = async () =>
    (await w.store.stockCounts())
      .filter((c) => c.component === 'red_cells')
      .reduce((n, c) => n + c.available, 0);

  it.each(['anonymous', 'donor'] as const)('%s → refused; no unit allocated', async (role) => {
    const before = await available();
    const { response, reply, writes } = await w.turn('RequestUnits', principalFor(role, { sub: 'sub-req' }), {
      slots,
      confirmationState: 'Confirmed',
    });
    expect(response.sessionState.intent?.state).toBe('Failed');
    expect(reply).toMatch(STAFF_ONLY);
    expect(writes).toBe(0);
    expect(await available()).toBe(before);
  });
  it.each(['staff', 'admin'] as const)('%s → allocated, with DINs and expiries', async (role) => {
    const before = await available();
    const { reply, writes } = await w.turn('RequestUnits', principalFor(role), {
      slots,
      confirmationState: 'Confirmed',
    });
    expect(reply).toMatch(/Allocated 2 units of O\+ red cells/);
    expect(reply).toMatch(/• W1234 \d\d \d{6} \w, expires \d{4}-\d\d-\d\d/);
    expect(writes).toBeGreaterThan(0);
    expect(await available()).toBe(before - 2);
  });
});

describe.each(['Help', 'FallbackIntent'])('%s', (intent) => {
  const menus: Record<Role, RegExp> = {
    anonymous: /Sign in to register|Stock levels/,
    // This account has no donor record yet, so registering is what it is offered (menus fit the person).
    donor: /Register as a donor/,
    staff: /Request units/,
    admin: /Request units/,
  };
  it.each(ROLES)('%s → answered with what this role can do', async (role) => {
    const { response } = await w.turn(intent, principalFor(role, { sub: 'sub-help' }));
    expect(response.messages?.length).toBeGreaterThan(0);
    const all = JSON.stringify(response.messages);
    expect(all).toMatch(menus[role]);
    if (role === 'anonymous' || role === 'donor') expect(all).not.toMatch(/Request units/);
  });
});
