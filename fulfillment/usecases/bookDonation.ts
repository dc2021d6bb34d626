/**
 * Use case: book a donation appointment, both for a donor booking their own (ScheduleDonation) and
 * for a YES to a shortage appeal (RespondToAlert). intent → use case → store.
 * Primary course: book through the store's transaction (its conditions hold slot capacity and one
 * upcoming appointment per donor) → when the booking answers an appeal, count it on that alert, once
 * → when someone took the last place between the offer and the answer, read what is free now, so
 * the intent offers that instead of failing.
 */
import type { DonationType } from '../domain/vocabulary.js';
import type { Actor, AppointmentRecord, DonorStore, Site } from '../store/port.js';
import type { AlertStore } from './alerts/port.js';
import { nextFreeSlots } from './availability.js';

export interface DonationBooking {
  donorId: string;
  site: Site;
  date: string;
  time: string;
  donationType: DonationType;
}

/** Where to look for free times when the chosen one was just taken. */
export interface FreeTimeSearch {
  from: string;
  horizonDays: number;
  wanted: number;
}

export type BookDonationOutcome =
  | { ok: true; appointment: AppointmentRecord }
  | { ok: false; reason: 'already_booked' }
  | { ok: false; reason: 'slot_taken'; free: Array<{ date: string; time: string }> };

export async function bookDonation(
  store: DonorStore,
  booking: DonationBooking,
  options: {
    today: string;
    /** HH:MM now in the service's time zone: today's past times are not offered. */
    nowTime: string;
    /** Searched only when the slot was taken. */
    alternatives: FreeTimeSearch;
    /** The appeal this booking answers, counted once on its alert. */
    appeal?: { alerts: Pick<AlertStore, 'recordBooking'>; alertId: string };
  },
  actor: Actor,
): Promise<BookDonationOutcome> {
  const { site } = booking;
  const outcome = await store.bookAppointment(
    {
      donorId: booking.donorId,
      site: site.id,
      date: booking.date,
      time: booking.time,
      donationType: booking.donationType,
      capacity: site.slotCapacity,
    },
    actor,
  );
  if (outcome.ok) {
    if (options.appeal) {
      const { alerts, alertId } = options.appeal;
      await alerts.recordBooking(booking.donorId, alertId, outcome.appointment.appointmentId);
    }
    return outcome;
  }
  if (outcome.reason === 'already_booked') return { ok: false, reason: 'already_booked' };
  const { from, horizonDays, wanted } = options.alternatives;
  const free = await nextFreeSlots(store, site, from, {
    today: options.today,
    nowTime: options.nowTime,
    horizonDays,
    wanted,
  });
  return { ok: false, reason: 'slot_taken', free };
}
