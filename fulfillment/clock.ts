/** Calendar dates in the service's time zone, and how replies say them. */

/** YYYY-MM-DD of `now` in `timeZone`. */
export function todayIn(timeZone: string, now: Date): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/** HH:MM of `now` in `timeZone`. */
export function timeIn(timeZone: string, now: Date): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(now);
}

/** "Wednesday 25 November" (with the year when it is not the current one). */
export function sayDate(date: string, today?: string): string {
  const d = new Date(`${date}T12:00:00Z`);
  const withYear = today !== undefined && date.slice(0, 4) !== today.slice(0, 4);
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: 'UTC',
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    ...(withYear ? { year: 'numeric' } : {}),
  }).format(d);
}

/** "10:00" → "10:00" but "14:30" → "14:30 (2:30 pm)" is noise; keep 24 h, the contract's format. */
export function dayOfWeek(date: string): number {
  return new Date(`${date}T12:00:00Z`).getUTCDay();
}
