/**
 * Calendar-date arithmetic on `YYYY-MM-DD` strings, done in UTC so no time zone or DST can shift a
 * day. Validated strings of this shape compare correctly as strings, which the domain relies on.
 */
import { InvalidDateError } from './errors.js';

const DAY_MS = 86_400_000;
const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01; throws InvalidDateError for a malformed or non-existent date. */
export function toDayNumber(date: string): number {
  const match = CALENDAR_DATE.exec(date);
  if (!match) throw new InvalidDateError(date);
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const ms = Date.UTC(y, m - 1, d);
  // Date.UTC rolls 2025-02-29 over to 03-01; a round trip exposes that.
  if (fromDayNumber(ms / DAY_MS) !== date) throw new InvalidDateError(date);
  return ms / DAY_MS;
}

export function fromDayNumber(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function assertCalendarDate(date: string): string {
  toDayNumber(date);
  return date;
}

export function addDays(date: string, days: number): string {
  return fromDayNumber(toDayNumber(date) + days);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return toDayNumber(to) - toDayNumber(from);
}

/** The latest of validated calendar dates; undefined for none. */
export function latestDate(dates: readonly string[]): string | undefined {
  let latest: string | undefined;
  for (const date of dates) {
    assertCalendarDate(date);
    if (latest === undefined || date > latest) latest = date;
  }
  return latest;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * The date someone born on `dateOfBirth` turns `years`. A 29 February birthday falls on 1 March in
 * common years: the person has not completed the year until 28 February has passed (UK legal usage),
 * which is also what `ageOn` computes, so the two never disagree.
 */
export function birthday(dateOfBirth: string, years: number): string {
  toDayNumber(dateOfBirth);
  const year = Number(dateOfBirth.slice(0, 4)) + years;
  const monthDay = dateOfBirth.slice(5);
  if (monthDay === '02-29' && !isLeapYear(year)) return `${String(year).padStart(4, '0')}-03-01`;
  return `${String(year).padStart(4, '0')}-${monthDay}`;
}

/**
 * The same day of the month `months` later; when that month is too short (30 November + 3 months),
 * the first of the month after it. Rounding up, never down: a wait is never cut short.
 */
export function addMonths(date: string, months: number): string {
  toDayNumber(date);
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const candidate = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (d <= lastDay) return candidate;
  return addDays(`${candidate.slice(0, 8)}${String(lastDay).padStart(2, '0')}`, 1);
}
