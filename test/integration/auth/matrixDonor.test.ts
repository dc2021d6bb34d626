/**
 * The authorization matrix (fulfillment/auth/authorize.ts), part 2: what a donor owns (ScheduleDonation,
 * CancelDonation, CheckEligibility, RespondToAlert), every role. Where the bot contract gives staff
 * no slot to name a donor ("on behalf of", "any donor"), the cell pins today's behaviour: staff are
 * neither asked to sign in nor refused, and nobody's record is touched.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAlertId } from '../../../fulfillment/domain/alertId.js';
import { NO_COUNTS } from '../../../fulfillment/usecases/alerts/port.js';
import {
  BOOK_DATE,
  createMatrixWorld,
  type MatrixWorld,
  NOW,
  principalFor,
  SIGN_IN,
  TODAY,
} from './matrixWorld.js';

let w: MatrixWorld;
beforeAll(async () => {
  w = await createMatrixWorld();
});
afterAll(() => w.destroy());
let appeals = 0;

describe('ScheduleDonation', () => {
  const slots = { date: BOOK_DATE, time: '10:00', site: 'central', donationType: 'whole_blood' };
  it('anonymous → asked to sign in; nothing booked', async () => {
    const { reply, writes } = await w.turn('ScheduleDonation', principalFor('anonymous'), { slots });
    expect(reply).toMatch(SIGN_IN);
    expect(writes).toBe(0);
  });
  it('donor → books on their own record only', async () => {
    const donor = await w.freshDonor();
    const { response } = await w.turn('ScheduleDonation', principalFor('donor', donor), { slots });
    expect(response.sessionState.intent?.state).toBe('Fulfilled');
    const file = await w.store.donorFile(donor.donorId);
    expect(file?.appointments).toEqual([
      expect.objectContaining({ date: BOOK_DATE, time: '10:00', status: 'booked' }),
    ]);
  });
  it.each(['staff', 'admin'] as const)(
    '%s → not asked to sign in nor refused; nobody booked without naming a donor',
    async (role) => {
      const { reply, writes } = await w.turn('ScheduleDonation', principalFor(role), { slots });
      expect(reply).not.toMatch(SIGN_IN);
      expect(reply).toMatch(/on behalf of a donor/);
      expect(writes).toBe(0);
    },
  );
});

describe('CancelDonation', () => {
  // One slot per booking, so slot capacity never decides a cell.
  const times = ['11:00', '11:30', '13:00', '13:30', '14:00', '14:30', '15:00', '15:30'];
  async function bookedDonor() {
    const donor = await w.freshDonor();
    const booked = await w.store.bookAppointment(
      {
        donorId: donor.donorId,
        site: 'central',
        date: BOOK_DATE,
        time: times.shift()!,
        donationType: 'whole_blood',
        capacity: 3,
      },
      { userId: donor.sub, role: 'donor', channel: 'web' },
    );
    if (!booked.ok) throw new Error(booked.reason);
    return donor;
  }
  it('anonymous → asked to sign in; nothing cancelled', async () => {
    const other = await bookedDonor();
    const { reply } = await w.turn('CancelDonation', principalFor('anonymous'), {
      slots: { date: BOOK_DATE },
    });
    expect(reply).toMatch(SIGN_IN);
    expect((await w.store.donorFile(other.donorId))?.appointments[0]?.status).toBe('booked');
  });
  it('donor → cancels their own appointment', async () => {
    const donor = await bookedDonor();
    const { reply } = await w.turn('CancelDonation', principalFor('donor', donor), {
      slots: { date: BOOK_DATE },
    });
    expect(reply).toMatch(/Cancelled your appointment/);
    expect((await w.store.donorFile(donor.donorId))?.appointments[0]?.status).toBe('cancelled');
  });
  it('donor → cannot reach another donor’s appointment', async () => {
    const other = await bookedDonor();
    const me = await w.freshDonor();
    const { reply } = await w.turn('CancelDonation', principalFor('donor', me), {
      slots: { date: BOOK_DATE },
    });
    expect(reply).toMatch(/don't have any upcoming appointments/);
    expect((await w.store.donorFile(other.donorId))?.appointments[0]?.status).toBe('booked');
  });
  it.each(['staff', 'admin'] as const)(
    '%s → not asked to sign in; no donor’s appointment touched',
    async (role) => {
      const other = await bookedDonor();
      const { reply, writes } = await w.turn('CancelDonation', principalFor(role), {
        slots: { date: BOOK_DATE },
      });
      expect(reply).not.toMatch(SIGN_IN);
      expect(writes).toBe(0);
      expect((await w.store.donorFile(other.donorId))?.appointments[0]?.status).toBe('booked');
    },
  );
});

describe('CheckEligibility', () => {
  const slots = { donationType: 'whole_blood' };
  it('anonymous → general rules', async () => {
    const { reply } = await w.turn('CheckEligibility', principalFor('anonymous'), { slots });
    expect(reply).toMatch(/In general you can donate/);
  });
  it('donor → their own next eligible date', async () => {
    const donor = await w.freshDonor(30);
    const { reply } = await w.turn('CheckEligibility', principalFor('donor', donor), { slots });
    expect(reply).toMatch(/You can donate whole blood again from/);
  });
  it.each(['staff', 'admin'] as const)(
    '%s → answered (rules), never refused or asked to sign in',
    async (role) => {
      const { response, reply } = await w.turn('CheckEligibility', principalFor(role), { slots });
      expect(response.sessionState.intent?.state).toBe('Fulfilled');
      expect(reply).not.toMatch(SIGN_IN);
    },
  );
});

describe('RespondToAlert', () => {
  /** A real open appeal for O+ with this donor contacted, as the alert runner leaves it. */
  async function appealTo(donorId: string): Promise<string> {
    const alertId = makeAlertId('O+', NOW.toISOString(), `t${++appeals}`);
    const startedAt = NOW.toISOString();
    await w.alerts.startAlert(
      {
        alertId,
        group: 'O+',
        component: 'red_cells',
        level: 'amber',
        status: 'open',
        startedAt,
        unitsNeeded: 4,
        daysOfSupply: 1.5,
        cap: 20,
        delivery: 'done',
        counts: { ...NO_COUNTS },
      },
      new Date(NOW.getTime() + 3600_000).toISOString(),
      { userId: 'alerts', role: 'admin', channel: 'system' },
    );
    const open = (await w.alerts.openAlerts()).get('O+')!;
    const candidate = (await w.alerts.candidates('O+', TODAY, 500)).candidates.find(
      (c) => c.donorId === donorId,
    )!;
    const claimed = await w.alerts.claimContact(
      candidate,
      {
        alertId: open.alertId,
        group: 'O+',
        site: 'central',
        sentAt: startedAt,
        expiresAt: Math.floor(NOW.getTime() / 1000) + 86_400,
      },
      TODAY,
      0,
    );
    expect(claimed).toBe('claimed');
    return open.alertId;
  }
  const context = (alertId: string) => [
    {
      name: 'shortageAlert',
      timeToLive: { timeToLiveInSeconds: 3600, turnsToLive: 5 },
      contextAttributes: { alertId },
    },
  ];

  it('donor → answers their own appeal', async () => {
    const donor = await w.freshDonor();
    const alertId = await appealTo(donor.donorId);
    const { reply } = await w.turn('RespondToAlert', principalFor('donor', donor), {
      slots: { answer: 'no' },
      activeContexts: context(alertId),
    });
    expect(reply).toMatch(/Thank you for letting us know/);
    expect((await w.alerts.pendingAlert(donor.donorId))?.answer).toBe('no');
  });
  it.each(['anonymous', 'staff', 'admin'] as const)(
    '%s → not theirs to answer, even with the appeal’s context',
    async (role) => {
      const donor = await w.freshDonor();
      const alertId = await appealTo(donor.donorId);
      const { reply, writes } = await w.turn('RespondToAlert', principalFor(role), {
        slots: { answer: 'no' },
        activeContexts: context(alertId),
      });
      expect(reply).toMatch(/no open appeal for you/);
      expect(writes).toBe(0);
      expect((await w.alerts.pendingAlert(donor.donorId))?.answer).toBeUndefined();
    },
  );
});
