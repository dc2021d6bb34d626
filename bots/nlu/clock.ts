/**
 * Wall-clock arithmetic in the caller's time zone. Resolvers work on a "floating" Date whose UTC
 * fields hold the local wall-clock time, so chrono and our own rules need no zone awareness.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** `now` as seen on a wall clock in `timeZone`, stored in the UTC fields of a Date. */
export function floatingNow(now: Date, timeZone: string): Date {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(now)) parts[p.type] = Number(p.value);
  return new Date(Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour! % 24, parts.minute!));
}

const pad = (n: number) => String(n).padStart(2, '0');

export function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${pad(month)}-${pad(day)}`;
}

/** YYYY-MM-DD of a floating date: the caller's calendar day (day arithmetic: domain addDays). */
export function floatingDay(floating: Date): string {
  return isoDate(floating.getUTCFullYear(), floating.getUTCMonth() + 1, floating.getUTCDate());
}

export function hhmm(hour: number, minute: number): string {
  return `${pad(hour)}:${pad(minute)}`;
}
