/**
 * Use case: which appointment times are free at a site on a date. One query for the day's bookings;
 * the site's opening days, times and capacity come from its record.
 */
import { dayOfWeek } from '../clock.js';
import { addDays } from '../domain/dates.js';
import type { DonorStore, Site } from '../store/port.js';

export async function freeTimes(
  store: DonorStore,
  site: Site,
  date: string,
  options: { today: string; nowTime: string },
): Promise<string[]> {
  if (!site.openDays.includes(dayOfWeek(date))) return [];
  const booked = await store.slotBookings(site.id, date);
  return site.slotTimes.filter(
    (t) => (booked[t] ?? 0) < site.slotCapacity && (date > options.today || t > options.nowTime),
  );
}

/** The first dates (from `from`, at most `horizonDays` ahead) with a free time, and those times. */
export async function nextFreeSlots(
  store: DonorStore,
  site: Site,
  from: string,
  options: { today: string; nowTime: string; horizonDays: number; wanted: number },
): Promise<Array<{ date: string; time: string }>> {
  const found: Array<{ date: string; time: string }> = [];
  for (let i = 0; i <= options.horizonDays && found.length < options.wanted; i++) {
    const date = addDays(from, i);
    const times = await freeTimes(store, site, date, options);
    for (const time of times) {
      if (found.length >= options.wanted) break;
      found.push({ date, time });
    }
  }
  return found;
}
