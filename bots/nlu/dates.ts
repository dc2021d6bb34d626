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
  /** Read looking back ("last tuesday" is the one just gone); only where that differs from `value`. */
  past?: string;
  /** A month without a day ("in October", "last month"): a date only for slots about the past. */
  pastOnly?: boolean;
}

/** "in October", "back in september", "last month": said of the past, and only as a month. */
const AGO = /\bago\b/i;
const MONTH_LEAD = /\b(?:in|during|since|early|late|mid|around|about)\s+$/i;

/**
 * chrono with forwardDate reads "last tuesday" as next week's; read again looking back. A month
 * without a day is its last day (or today, for this month): a wait counted from it is never cut short.
 */
function pastReading(r: chrono.ParsedResult, floating: Date): { value: string; pastOnly: boolean } | null {
  const back = chrono.parse(r.text, { instant: floating, timezone: 0 }, { forwardDate: false })[0]?.start;
  if (!back) return null;
  const today = floatingDay(floating);
  if (back.isCertain('day') || back.isCertain('weekday') || AGO.test(r.text)) {
    const value = isoDate(back.get('year')!, back.get('month')!, back.get('day')!);
    // "friday" looking back is the last one, even when the next is nearer.
    if (value > today && back.isCertain('weekday') && !back.isCertain('day'))
      return { value: addDays(value, -7), pastOnly: false };
    return { value, pastOnly: false };
  }
  return monthOf(back, floating);
}

/** A month without a day, read as the past: its last day, or today when it is this month. */
function monthOf(c: chrono.ParsedComponents, floating: Date): { value: string; pastOnly: boolean } | null {
  if (!c.isCertain('month')) return null;
  const today = floatingDay(floating);
  const month = c.get('month')!;
  let year = c.isCertain('year') ? c.get('year')! : floating.getUTCFullYear();
  if (!c.isCertain('year') && month > floating.getUTCMonth() + 1) year -= 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const end = isoDate(year, month, lastDay);
  // YYYY-MM-DD strings: the earlier of the two (not Math.min, which would make numbers of them).
  if (end < today) return { value: end, pastOnly: true };
  return { value: today, pastOnly: true };
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
    // chrono keeps the preposition ("on monday"); the slot's original value is the date itself.
    const lead = /^(?:on|by|for|at|this coming)\s+/i.exec(r.text)?.[0].length ?? 0;
    const certain = c.isCertain('day') || c.isCertain('weekday');
    // Relative words ("last month", "a month ago") come with a year: their reading is already past.
    const past =
      c.isCertain('year') && !certain
        ? monthOf(c, floating)
        : c.isCertain('year')
          ? null
          : pastReading(r, floating);
    if (!certain) {
      // Only a month said as the past ("in October", "last month", "2 months ago"): "may I" is no date.
      const said = AGO.test(r.text) || /\blast\b/i.test(r.text) || MONTH_LEAD.test(padded.slice(0, r.index));
      if (past && said)
        hits.push({
          start: r.index,
          end: r.index + r.text.length,
          value: past.value,
          yearKnown: true,
          past: past.value,
          pastOnly: true,
        });
      continue;
    }
    const value = isoDate(c.get('year')!, c.get('month')!, c.get('day')!);
    // "3 December, 11:00": chrono reads the time too; the date slot ends where the time begins, so
    // the time stays free for its own slot.
    const time = c.isCertain('hour') ? TIME_TAIL.exec(r.text.slice(lead)) : null;
    const end = r.index + (time && time.index > 0 ? lead + time.index : r.text.length);
    hits.push({
      start: r.index + lead,
      end,
      value,
      yearKnown: c.isCertain('year'),
      ...(past && past.value !== value ? { past: past.value } : {}),
    });
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

/** Read as a date in the recent past ("last tuesday", "3 weeks ago", "in October"). */
function toRecentPast(hit: DateHit, ctx: ResolveContext): string {
  return toPast(hit.past ? { ...hit, value: hit.past } : hit, ctx);
}

export function findDates(text: string, ctx: ResolveContext): Entity[] {
  return findDateHits(text, ctx).map((h) => ({
    type: 'AMAZON.Date',
    start: h.start,
    end: h.end,
    value: h.value,
    pastValue: toPast(h, ctx),
    recentPastValue: toRecentPast(h, ctx),
    ...(h.pastOnly ? { pastOnly: true } : {}),
  }));
}

/**
 * How a date slot reads its dates: ahead (an appointment), as a birth date, or as something that
 * happened lately (`since`: a tattoo, a return from abroad).
 */
export type DateSense = 'future' | 'birth' | 'recent_past';

/** The first date in an elicitation answer ("it's the 12th of March 1990", "three weeks ago"). */
export function resolveDate(text: string, ctx: ResolveContext, sense: DateSense): string | null {
  const hit = findDateHits(text, ctx).find((h) => sense === 'recent_past' || !h.pastOnly);
  if (!hit) return null;
  if (sense === 'recent_past') return toRecentPast(hit, ctx);
  return sense === 'birth' ? toPast(hit, ctx) : hit.value;
}
