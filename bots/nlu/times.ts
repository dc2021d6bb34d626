/**
 * AMAZON.Time → HH:MM (24 h). "10am", "2:30 pm", "noon", "half past two", "quarter to 3",
 * "2 in the afternoon", "1400 hrs". A bare hour 1–7 with no am/pm means the afternoon: donor
 * centres are not open at 3 in the morning.
 */
import { hhmm } from './clock.js';
import { SMALL } from './numbers.js';
import type { Entity } from './types.js';

/** "one" … "twelve": the clock's hours, from the number words. */
const HOUR_WORDS: Record<string, number> = Object.fromEntries(
  Object.entries(SMALL).filter(([, n]) => n >= 1 && n <= 12),
);
const HOUR = `(\\d{1,2}|${Object.keys(HOUR_WORDS).join('|')})`;
const MERIDIEM = `\\s*(a\\.?\\s?m\\.?|p\\.?\\s?m\\.?)(?![a-z])`;
const PART = `(?:\\s*(?:in\\s+the\\s+)?(morning|afternoon|evening)|\\s+(?:at\\s+)?(night|tonight))?`;

type Part = 'am' | 'pm' | undefined;

function hourOf(word: string): number {
  return HOUR_WORDS[word.toLowerCase()] ?? Number(word);
}

function partOf(meridiem?: string, dayPart?: string, night?: string): Part {
  const m = (meridiem ?? '').toLowerCase();
  if (m.startsWith('a') || dayPart?.toLowerCase() === 'morning') return 'am';
  if (m.startsWith('p') || dayPart || night) return 'pm';
  return undefined;
}

/** 24 h hour from a 12 h one; without am/pm, 1–7 are afternoon hours. */
function to24(hour: number, part: Part): number | null {
  if (hour > 23) return null;
  if (hour > 12) return part === 'am' ? null : hour;
  if (part === 'am') return hour === 12 ? 0 : hour;
  if (part === 'pm') return hour === 12 ? 12 : hour + 12;
  return hour >= 1 && hour <= 7 ? hour + 12 : hour;
}

function time(hour: number | null, minute: number): string | null {
  if (hour === null || minute > 59 || hour < 0) return null;
  return hhmm(hour, minute);
}

interface Rule {
  re: RegExp;
  read(m: RegExpMatchArray): string | null;
}

const RULES: Rule[] = [
  {
    // "half past two", "quarter to 3 in the afternoon", "20 past 10"
    re: new RegExp(
      `\\b(half|quarter|\\d{1,2})\\s+(?:minutes\\s+)?(past|after|to)\\s+${HOUR}(?:\\s*o'?\\s?clock)?(?:${MERIDIEM})?${PART}`,
      'gi',
    ),
    read: (m) => {
      const offset =
        m[1]!.toLowerCase() === 'half' ? 30 : m[1]!.toLowerCase() === 'quarter' ? 15 : Number(m[1]);
      const hour = to24(hourOf(m[3]!), partOf(m[4], m[5], m[6]));
      if (hour === null || offset >= 60) return null;
      const total = hour * 60 + (m[2]!.toLowerCase() === 'to' ? -offset : offset);
      return time(Math.floor((total + 1440) / 60) % 24, (total + 1440) % 60);
    },
  },
  {
    // British "half three" = 3:30
    re: new RegExp(`\\bhalf\\s+${HOUR}(?!\\s*(?:past|to|an?\\b|of\\b))(?:${MERIDIEM})?${PART}`, 'gi'),
    read: (m) => time(to24(hourOf(m[1]!), partOf(m[2], m[3], m[4])), 30),
  },
  {
    re: /\b(noon|midday|lunchtime|lunch time|midnight)\b/gi,
    read: (m) => (m[1]!.toLowerCase() === 'midnight' ? '00:00' : '12:00'),
  },
  {
    // "10am", "2:30 pm", "10.30am", "6 in the evening", "9 o'clock"
    re: new RegExp(
      `(?<![\\d.:/])\\b${HOUR}(?:[:.](\\d{2}))?(?:\\s*o'?\\s?clock)?(?:${MERIDIEM}|\\s+(?:in\\s+the\\s+)?(morning|afternoon|evening)|\\s+(?:at\\s+)?(night|tonight))`,
      'gi',
    ),
    read: (m) => time(to24(hourOf(m[1]!), partOf(m[3], m[4], m[5])), Number(m[2] ?? 0)),
  },
  {
    // "9:30", "14:00", "10.30" (but not a date like 12.03.1990 or a price)
    re: /(?<![\d.:/$£€])\b(\d{1,2})[:.](\d{2})\b(?![.:/]\d)/g,
    read: (m) => time(to24(Number(m[1]), undefined), Number(m[2])),
  },
  {
    re: new RegExp(`\\b${HOUR}\\s*o'?\\s?clock\\b`, 'gi'),
    read: (m) => time(to24(hourOf(m[1]!), undefined), 0),
  },
  {
    re: /(?<![\d.:/])\b([01]?\d|2[0-3])([0-5]\d)\s*(?:hrs|hours|h)\b/gi,
    read: (m) => time(Number(m[1]), Number(m[2])),
  },
  {
    // "at 3", "around 10": a bare hour only counts after a time cue
    re: new RegExp(
      `(?<=\\b(?:at|@|around|about)\\s+)${HOUR}\\b(?![:.]\\d|\\s*(?:units?|bags?|days?|weeks?|am\\b|pm\\b|%))`,
      'gi',
    ),
    read: (m) => time(to24(hourOf(m[1]!), undefined), 0),
  },
];

export function findTimes(text: string): Entity[] {
  const found: Entity[] = [];
  for (const rule of RULES) {
    for (const m of text.matchAll(rule.re)) {
      const start = m.index!;
      const end = start + m[0].length;
      if (found.some((e) => start < e.end && e.start < end)) continue;
      const value = rule.read(m);
      if (value) found.push({ type: 'AMAZON.Time', start, end, value });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/** An elicitation answer: a time phrase, or just an hour ("10", "two") or "1400". */
export function resolveTime(text: string): string | null {
  const t = text
    .trim()
    .toLowerCase()
    .replace(/[.!?]+$/, '');
  const bare = /^(?:at\s+|around\s+)?(\d{1,2}|[a-z]+)$/.exec(t);
  if (bare && (HOUR_WORDS[bare[1]!] !== undefined || /^\d+$/.test(bare[1]!))) {
    return time(to24(hourOf(bare[1]!), undefined), 0);
  }
  const military = /^([01]\d|2[0-3])([0-5]\d)$/.exec(t);
  if (military) return time(Number(military[1]), Number(military[2]));
  return findTimes(text)[0]?.value ?? null;
}
