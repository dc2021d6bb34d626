/**
 * AMAZON.Date → YYYY-MM-DD, relative to `now` in the caller's zone. chrono-node reads most dates;
 * our own rules cover what it misses ("tmrw", "the 5th", "day after tomorrow"). Weekdays mean the
 * next one ("friday"); "next friday" means the one in the following week, as chrono reads it.
 */
import * as chrono from 'chrono-node';
import { addDays } from '../../fulfillment/domain/dates.js';
import { floatingDay, floatingNow, isoDate } from './clock.js';
import { mask } from './text.js';
import type { Entity, ResolveContext } from './types.js';

const TOMORROW =
  'tomorrow|tmrw|tmrow|tmr|tomoz|2moro|2morrow|2mrw|tommorow|tomorow|tommorrow|tomorro|tomrrow';
const RELATIVE: [RegExp, number][] = [
  [new RegExp(`\\b(?:the\\s+)?day\\s+after\\s+(?:${TOMORROW})\\b`, 'gi'), 2],
  [new RegExp(`\\b(?:${TOMORROW})(?:'s|’s)?(?![\\w'’])`, 'gi'), 1],
  [/\b(?:today|2day|tonight)(?:'s|’s)?(?![\w'’])/gi, 0],
  [/\byesterday(?:'s|’s)?(?![\w'’])/gi, -1],
];
const MONTHS = 'jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec';
/** "the 5th" without a month: the next 5th from today. */
const DAY_OF_MONTH = new RegExp(
  `\\bthe\\s+(\\d{1,2})(?:st|nd|rd|th)\\b(?!\\s+(?:of\\s+)?(?:${MONTHS}))`,
  'gi',
);
const WEEKDAYS: [RegExp, number][] = [
  [/^sun/, 0],
  [/^mon/, 1],
  [/^tue/, 2],
  [/^wed/, 3],
  [/^thu/, 4],
  [/^fri/, 5],
  [/^sat/, 6],
];
const MONTH_NAMES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
/**
 * "Friday the 27th of November", "sat 28th", "Thu, 3 Dec": a weekday with a day of the month (and
 * maybe a month). Both must agree; the date is the next one where they do, never a guess.
 */
const WEEKDAY_DAY = new RegExp(
  '\\b(mon(?:day)?|tue(?:s|sday)?|wed(?:s|nesday)?|thu(?:r|rs|rsday)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?)\\.?,?\\s+' +
    '(?:the\\s+)?(\\d{1,2})(?:st|nd|rd|th)?\\b' +
    '(?:\\s+(?:of\\s+)?(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t|tember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\b)?' +
    '(?:,?\\s+(\\d{4})\\b)?',
  'gi',
);

/** The first date from today on that is on `weekday` and the `day`th (of `month`, when given). */
function agreeingDate(
  floating: Date,
  weekday: number,
  day: number,
  month: number | null,
  year: number | null,
): string | null {
  if (day < 1 || day > 31) return null;
  const start = Date.UTC(floating.getUTCFullYear(), floating.getUTCMonth(), floating.getUTCDate());
  // 28 years hold every weekday/day/month combination; a plain "sat 28th" is found within a year.
  for (let i = 0; i < 366 * 3; i += 1) {
    const d = new Date(start + i * 86_400_000);
    if (year !== null && d.getUTCFullYear() > year) break;
    if (d.getUTCDate() !== day || d.getUTCDay() !== weekday) continue;
    if (month !== null && d.getUTCMonth() !== month) continue;
    if (year !== null && d.getUTCFullYear() !== year) continue;
    return isoDate(d.getUTCFullYear(), d.getUTCMonth() + 1, day);
  }
  return null;
}

/** A cheap test for anything chrono could read as a date: digits, month, weekday or relative words. */
const MAY_HOLD_DATE =
  /\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun|to(?:day|morrow|night)|yesterday|week|month|year|days?|next|last|this|coming|christmas|easter|new year|noon|midnight|morning|evening|afternoon|weekend|fortnight|tmr|tmrw|tomoz|2moro|a?go)/i;

/** Words chrono reads as dates that are, in this domain, almost always something else. */
const NOT_DATES = new Set(['now', 'right now', 'sat', 'sun', 'mon', 'wed', 'second', 'a second']);

interface DateHit {
  start: number;
  end: number;
  value: string;
  yearKnown: boolean;
}

function nextDayOfMonth(floating: Date, day: number): string | null {
  if (day < 1 || day > 31) return null;
  const y = floating.getUTCFullYear();
  let m = floating.getUTCMonth();
  if (day < floating.getUTCDate()) m += 1;
  // Skip months too short for the day (the 31st in November means the 31st of December).
  for (let i = 0; i < 12; i += 1, m += 1) {
    const probe = new Date(Date.UTC(y, m, day));
    if (probe.getUTCDate() === day) return isoDate(probe.getUTCFullYear(), probe.getUTCMonth() + 1, day);
  }
  return null;
}

function findDateHits(text: string, ctx: ResolveContext): DateHit[] {
  const floating = floatingNow(ctx.now, ctx.timeZone);
  const hits: DateHit[] = [];
  /** Spans read and rejected (a weekday that disagrees with its date): no date, and no guess either. */
  const rejected: { start: number; end: number }[] = [];
  const free = (s: number, e: number) => ![...hits, ...rejected].some((h) => s < h.end && h.start < e);
  for (const m of text.matchAll(WEEKDAY_DAY)) {
    const weekday = WEEKDAYS.find(([re]) => re.test(m[1]!.toLowerCase()))![1];
    const month = m[3] ? MONTH_NAMES.indexOf(m[3].slice(0, 3).toLowerCase()) : null;
    const year = m[4] ? Number(m[4]) : null;
    const end = m.index + m[0].length;
    // "monday 2 units of O neg": a count, not a day of the month.
    if (!m[3] && /^\s*(?:units?|u|bags?|packs?|x)\b/i.test(text.slice(end))) continue;
    const value = agreeingDate(floating, weekday, Number(m[2]), month, year);
    // Only this coming month or so: "friday the 4th" meant a near date, not one a year away.
    const ahead = value === null ? Number.POSITIVE_INFINITY : Date.parse(value) - floating.getTime();
    const near = year !== null || ahead < (month !== null ? 366 : 62) * 86_400_000;
    if (value && near) hits.push({ start: m.index, end, value, yearKnown: true });
    else rejected.push({ start: m.index, end });
  }
  for (const [re, days] of RELATIVE) {
    for (const m of text.matchAll(re)) {
      const end = m.index + m[0].length;
      if (free(m.index, end))
        hits.push({ start: m.index, end, value: addDays(floatingDay(floating), days), yearKnown: true });
    }
  }
  for (const m of text.matchAll(DAY_OF_MONTH)) {
    const value = nextDayOfMonth(floating, Number(m[1]));
    const end = m.index + m[0].length;
    if (value && free(m.index, end)) hits.push({ start: m.index, end, value, yearKnown: true });
  }
  const rest = mask(text, [...hits, ...rejected]);
  // chrono is the slowest step of reading a sentence; most have nothing it could read.
  if (!MAY_HOLD_DATE.test(rest)) return hits.sort((a, b) => a.start - b.start);
  // A masked span is a run of spaces, which chrono misreads ("7 Dec       central" gives no day):
  // fill its inside with a non-word of the same length so the offsets still line up.
  const padded = rest.replace(/ {3,}/g, (run) => ` ${'_'.repeat(run.length - 2)} `);
  for (const r of chrono.parse(padded, { instant: floating, timezone: 0 }, { forwardDate: true })) {
    const c = r.start;
    if (NOT_DATES.has(r.text.toLowerCase().trim())) continue;
    if (!c.isCertain('day') && !c.isCertain('weekday')) continue;
    const value = isoDate(c.get('year')!, c.get('month')!, c.get('day')!);
    // chrono keeps the preposition ("on monday"); the slot's original value is the date itself.
    const lead = /^(?:on|by|for|at|this coming)\s+/i.exec(r.text)?.[0].length ?? 0;
    // "3 December, 11:00": chrono reads the time too; the date slot ends where the time begins, so
    // the time stays free for its own slot.
    const time = c.isCertain('hour') ? TIME_TAIL.exec(r.text.slice(lead)) : null;
    const end = r.index + (time && time.index > 0 ? lead + time.index : r.text.length);
    hits.push({ start: r.index + lead, end, value, yearKnown: c.isCertain('year') });
  }
  return hits.sort((a, b) => a.start - b.start);
}

/** Where a time follows the date in chrono's text: ", 11:00", " at 10.30", " 4pm". */
const TIME_TAIL = /[\s,]+(?:at\s+|@\s*)?\d{1,2}(?:[:.]\d{2}|\s*[ap]\.?m\b)/i;

/** Read as a birth date: a date without a year that lands in the future means last year's. */
function toPast(hit: DateHit, ctx: ResolveContext): string {
  const today = floatingNow(ctx.now, ctx.timeZone).toISOString().slice(0, 10);
  if (hit.yearKnown || hit.value <= today) return hit.value;
  return `${Number(hit.value.slice(0, 4)) - 1}${hit.value.slice(4)}`;
}

export function findDates(text: string, ctx: ResolveContext): Entity[] {
  return findDateHits(text, ctx).map((h) => ({
    type: 'AMAZON.Date',
    start: h.start,
    end: h.end,
    value: h.value,
    pastValue: toPast(h, ctx),
  }));
}

/** The first date in an elicitation answer ("it's the 12th of March 1990"). */
export function resolveDate(text: string, ctx: ResolveContext, past: boolean): string | null {
  const hit = findDateHits(text, ctx)[0];
  if (!hit) return null;
  return past ? toPast(hit, ctx) : hit.value;
}
