/**
 * Booking against DynamoDB Local: slot capacity holds under concurrency, one upcoming appointment per
 * donor, cancellation frees the slot, duplicate registrations are refused, and each change is audited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DynamoStore } from '../../fulfillment/store/dynamo/index.js';
import type { Actor, NewDonor } from '../../fulfillment/store/port.js';
import { createTestStore } from '../support/store.js';

const SYSTEM: Actor = { userId: 'test', role: 'staff', channel: 'local' };
let store: DynamoStore;
let phoneSeq = 100;

function donor(overrides: Partial<NewDonor> = {}): NewDonor {
  return {
    firstName: 'Test',
    lastName: 'Donor',
    dateOfBirth: '1990-01-01',
    phoneE164: `+1555555${String(phoneSeq++).padStart(4, '0')}`,
    bloodGroup: 'O+',
    homeSite: 'central',
    ...overrides,
  };
}

async function registered(): Promise<string> {
  const out = await store.registerDonor(donor(), SYSTEM);
  if (!out.ok) throw new Error('registration failed');
  return out.donor.donorId;
}

beforeAll(async () => {
  // A clock that ticks a millisecond per reading, so audit entries have a real order.
  let tick = 0;
  store = await createTestStore({ now: () => new Date(Date.parse('2026-11-24T09:00:00Z') + tick++) });
});
afterAll(() => store.destroy());

describe('booking (DynamoDB Local)', () => {
  it('never books more donors into a slot than its capacity, however many try at once', async () => {
    // Prepare
    const donors = await Promise.all(Array.from({ length: 12 }, () => registered()));
    // Act
    const outcomes = await Promise.all(
      donors.map((donorId) =>
        store.bookAppointment(
          {
            donorId,
            site: 'central',
            date: '2026-11-30',
            time: '10:00',
            donationType: 'whole_blood',
            capacity: 3,
          },
          SYSTEM,
        ),
      ),
    );
    // Assess
    expect(outcomes.filter((o) => o.ok)).toHaveLength(3);
    expect(outcomes.filter((o) => !o.ok && o.reason === 'slot_full').length).toBeGreaterThanOrEqual(1);
    expect((await store.slotBookings('central', '2026-11-30'))['10:00']).toBe(3);
  });

  it('lets a donor hold one upcoming appointment, even when the same booking is sent twice at once', async () => {
    const donorId = await registered();
    const book = (time: string) =>
      store.bookAppointment(
        { donorId, site: 'central', date: '2026-12-01', time, donationType: 'whole_blood', capacity: 5 },
        SYSTEM,
      );
    const [a, b] = await Promise.all([book('11:00'), book('11:00')]);
    expect([a.ok, b.ok].filter(Boolean)).toHaveLength(1);
    const again = await book('13:00');
    expect(again).toEqual({ ok: false, reason: 'already_booked' });
    expect((await store.slotBookings('central', '2026-12-01'))['11:00']).toBe(1);
  });

  it('cancelling frees the slot and allows a new booking; a second cancel changes nothing', async () => {
    const donorId = await registered();
    const booked = await store.bookAppointment(
      {
        donorId,
        site: 'central',
        date: '2026-12-02',
        time: '09:00',
        donationType: 'whole_blood',
        capacity: 1,
      },
      SYSTEM,
    );
    if (!booked.ok) throw new Error('booking failed');
    const [first, second] = await Promise.all([
      store.cancelAppointment(donorId, booked.appointment.appointmentId, SYSTEM),
      store.cancelAppointment(donorId, booked.appointment.appointmentId, SYSTEM),
    ]);
    expect([first.ok, second.ok].filter(Boolean)).toHaveLength(1);
    expect((await store.slotBookings('central', '2026-12-02'))['09:00']).toBe(0);
    const rebooked = await store.bookAppointment(
      {
        donorId,
        site: 'central',
        date: '2026-12-02',
        time: '09:00',
        donationType: 'whole_blood',
        capacity: 1,
      },
      SYSTEM,
    );
    expect(rebooked.ok).toBe(true);
    const trail = await store.auditByEntity('appointment', booked.appointment.appointmentId);
    expect(trail.map((e) => e.action)).toEqual(['appointment.booked', 'appointment.cancelled']);
  });

  it('a past appointment does not block a new booking', async () => {
    const donorId = await registered();
    const past = await store.bookAppointment(
      {
        donorId,
        site: 'central',
        date: '2026-11-20',
        time: '09:00',
        donationType: 'whole_blood',
        capacity: 1,
      },
      SYSTEM,
    );
    expect(past.ok).toBe(true);
    const next = await store.bookAppointment(
      {
        donorId,
        site: 'central',
        date: '2026-12-20',
        time: '09:00',
        donationType: 'whole_blood',
        capacity: 1,
      },
      SYSTEM,
    );
    expect(next.ok).toBe(true);
  });

  it('refuses a second donor with the same phone number, even registered concurrently, and links Cognito once', async () => {
    const phone = '+15555559999';
    const results = await Promise.all([
      store.registerDonor(donor({ phoneE164: phone }), SYSTEM),
      store.registerDonor(donor({ phoneE164: phone }), SYSTEM),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const id = await store.donorIdByPhone(phone);
    expect(id).toBe(
      results.find((r) => r.ok && r.donor)?.ok
        ? (results.find((r) => r.ok) as { donor: { donorId: string } }).donor.donorId
        : null,
    );
    const linked = await store.registerDonor(donor({ cognitoSub: 'sub-1' }), SYSTEM);
    const twice = await store.registerDonor(donor({ cognitoSub: 'sub-1' }), SYSTEM);
    expect(linked.ok).toBe(true);
    expect(twice).toEqual({ ok: false, reason: 'account_linked' });
    expect(await store.donorIdBySub('sub-1')).toBe(linked.ok ? linked.donor.donorId : 'x');
  });

  it('keeps the audit trail append-only and free of personal data', async () => {
    const out = await store.registerDonor(donor({ firstName: 'Zelda', lastName: 'Quux' }), SYSTEM);
    if (!out.ok) throw new Error('registration failed');
    const [entry] = await store.auditByEntity('donor', out.donor.donorId);
    expect(entry).toMatchObject({ action: 'donor.registered', actor: SYSTEM });
    const text = JSON.stringify(await store.auditByDay('2026-11-24'));
    expect(text).not.toMatch(/Zelda|Quux|\+1555/);
  });
});
