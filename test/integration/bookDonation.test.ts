/**
 * The bookDonation use case against DynamoDB Local, as ScheduleDonation and RespondToAlert use it:
 * a booking is counted once on the appeal it answers; a time taken meanwhile comes back with what is
 * free now (searched the way the caller asked); a donor already booked gets no alternatives.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DynamoStore } from '../../fulfillment/store/dynamo/index.js';
import type { Actor, Site } from '../../fulfillment/store/port.js';
import { bookDonation } from '../../fulfillment/usecases/bookDonation.js';
import { createTestStore } from '../support/store.js';

const SYSTEM: Actor = { userId: 'test', role: 'staff', channel: 'local' };
const TODAY = '2026-11-24';
const DATE = '2026-11-30';
let store: DynamoStore;
let seq = 0;
let phoneSeq = 0;

/** A site of its own per test, open every day, one donor per time. */
function site(): Site {
  seq += 1;
  return {
    id: `bd-${seq}`,
    name: `Site ${seq}`,
    address: '1 Test Street',
    slotTimes: ['09:00', '10:00', '11:00'],
    slotCapacity: 1,
    openDays: [0, 1, 2, 3, 4, 5, 6],
  };
}

async function registered(): Promise<string> {
  const out = await store.registerDonor(
    {
      firstName: 'Test',
      lastName: 'Donor',
      dateOfBirth: '1990-01-01',
      phoneE164: `+1555444${String(phoneSeq++).padStart(4, '0')}`,
      bloodGroup: 'O-',
      homeSite: 'central',
    },
    SYSTEM,
  );
  if (!out.ok) throw new Error('registration failed');
  return out.donor.donorId;
}

/** The appeal port's one method, recording what it was told. */
function appealLog() {
  const calls: Array<[string, string, string]> = [];
  return {
    calls,
    alerts: {
      recordBooking: async (donorId: string, alertId: string, appointmentId: string) => {
        calls.push([donorId, alertId, appointmentId]);
        return true;
      },
    },
  };
}

beforeAll(async () => {
  store = await createTestStore({ now: () => new Date(`${TODAY}T08:00:00Z`) });
});
afterAll(() => store.destroy());

describe('bookDonation (DynamoDB Local)', () => {
  it('books the time and counts it once on the appeal it answers', async () => {
    // Prepare
    const where = site();
    const donorId = await registered();
    const appeal = appealLog();
    // Act
    const outcome = await bookDonation(
      store,
      { donorId, site: where, date: DATE, time: '10:00', donationType: 'whole_blood' },
      {
        today: TODAY,
        nowTime: '08:00',
        alternatives: { from: TODAY, horizonDays: 14, wanted: 4 },
        appeal: { alerts: appeal.alerts, alertId: 'ONEG-20261124T080000-abcdef' },
      },
      SYSTEM,
    );
    // Assess
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.appointment).toMatchObject({ donorId, site: where.id, date: DATE, time: '10:00' });
    expect(appeal.calls).toEqual([
      [donorId, 'ONEG-20261124T080000-abcdef', outcome.appointment.appointmentId],
    ]);
    expect((await store.slotBookings(where.id, DATE))['10:00']).toBe(1);
  });

  it.each([
    {
      caller: 'ScheduleDonation: the other times of that day',
      alternatives: { from: DATE, horizonDays: 0, wanted: 3 },
      free: [
        { date: DATE, time: '09:00' },
        { date: DATE, time: '11:00' },
      ],
    },
    {
      caller: 'RespondToAlert: the earliest free times from today',
      alternatives: { from: TODAY, horizonDays: 14, wanted: 2 },
      free: [
        { date: TODAY, time: '09:00' },
        { date: TODAY, time: '10:00' },
      ],
    },
  ])('answers a time taken meanwhile with what is free now ($caller)', async ({ alternatives, free }) => {
    // Prepare
    const where = site();
    const [first, second] = [await registered(), await registered()];
    const appeal = appealLog();
    const booking = { site: where, date: DATE, time: '10:00', donationType: 'whole_blood' as const };
    const options = { today: TODAY, nowTime: '08:00', alternatives };
    await bookDonation(store, { ...booking, donorId: first }, options, SYSTEM);
    // Act
    const outcome = await bookDonation(
      store,
      { ...booking, donorId: second },
      { ...options, appeal: { alerts: appeal.alerts, alertId: 'ONEG-20261124T080000-abcdef' } },
      SYSTEM,
    );
    // Assess
    expect(outcome).toEqual({ ok: false, reason: 'slot_taken', free });
    expect(appeal.calls).toEqual([]);
  });

  it('tells a donor who is already booked so, without offering other times', async () => {
    // Prepare
    const where = site();
    const donorId = await registered();
    const options = {
      today: TODAY,
      nowTime: '08:00',
      alternatives: { from: DATE, horizonDays: 0, wanted: 3 },
    };
    const booking = { donorId, site: where, date: DATE, donationType: 'whole_blood' as const };
    await bookDonation(store, { ...booking, time: '09:00' }, options, SYSTEM);
    // Act
    const outcome = await bookDonation(store, { ...booking, time: '11:00' }, options, SYSTEM);
    // Assess
    expect(outcome).toEqual({ ok: false, reason: 'already_booked' });
    expect((await store.slotBookings(where.id, DATE))['11:00']).toBeUndefined();
  });
});
