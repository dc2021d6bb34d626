/**
 * ActivityReport (staff): issues per hospital, discards by reason and component (with the wastage
 * rate), or collections per site, over a period said in words. Read only, from the per-day activity
 * counters (no Scan). The period comes from the sentence itself, since "this week" or "last month"
 * is a range and a date slot holds one day: today, yesterday, this/last week (Monday to Sunday),
 * this/last month, "the last N days"; a week to today when none is said.
 */
import { dayOfWeek, sayDate } from '../clock.js';
import { addDays, addMonths } from '../domain/dates.js';
import { DISCARD_REASON_LABEL, type DiscardReason } from '../domain/unitVocabulary.js';
import { COMPONENT_LABEL, type Component } from '../domain/vocabulary.js';
import { close, elicitSlot, slotValue } from '../lex/dialog.js';
import { activityReport as report, wastageReport } from '../usecases/units/activityReport.js';
import type { IntentHandler } from './context.js';
import { siteNames, unitDeps, units } from './units.js';

const ACTIVITIES = ['issues', 'discards', 'collections'] as const;
type Activity = (typeof ACTIVITIES)[number];

export interface Period {
  from: string;
  to: string;
  /** How the period reads back: "this week", "yesterday", "the last 10 days". */
  said: string;
}

/** The period a sentence names, relative to `today` (YYYY-MM-DD); a week to today by default. */
export function periodOf(text: string, today: string): Period {
  const t = text.toLowerCase();
  const monday = addDays(today, -((dayOfWeek(today) + 6) % 7));
  const firstOfMonth = `${today.slice(0, 8)}01`;
  const lastDays = /\b(?:last|past)\s+(\d{1,3})\s+days?\b/.exec(t);
  if (lastDays) {
    const n = Math.min(Math.max(Number(lastDays[1]), 1), 366);
    return { from: addDays(today, -(n - 1)), to: today, said: `the last ${n} days` };
  }
  if (/\byesterday\b/.test(t)) return { from: addDays(today, -1), to: addDays(today, -1), said: 'yesterday' };
  if (/\btoday\b/.test(t)) return { from: today, to: today, said: 'today' };
  if (/\blast week\b|\bprevious week\b/.test(t))
    return { from: addDays(monday, -7), to: addDays(monday, -1), said: 'last week' };
  if (/\blast month\b|\bprevious month\b/.test(t)) {
    const from = addMonths(firstOfMonth, -1);
    return { from, to: addDays(firstOfMonth, -1), said: 'last month' };
  }
  if (/\bthis month\b|\bmonthly\b/.test(t)) return { from: firstOfMonth, to: today, said: 'this month' };
  if (/\bthis week\b|\bweekly\b|\bso far\b/.test(t)) return { from: monday, to: today, said: 'this week' };
  return { from: addDays(today, -6), to: today, said: 'the last 7 days' };
}

function activityOf(slot: string | null, text: string): Activity | null {
  if (slot && (ACTIVITIES as readonly string[]).includes(slot)) return slot as Activity;
  if (/\bwast(?:age|ed|e)\b/i.test(text)) return 'discards';
  return null;
}

const percent = (rate: number) => `${(rate * 100).toFixed(1)}%`;

export const activityReport: IntentHandler = async (ctx) => {
  const text = ctx.event.inputTranscript ?? '';
  const activity = activityOf(slotValue(ctx.intent, 'activity'), text);
  if (!activity) {
    return elicitSlot(ctx.event, 'activity', {
      text: 'Issues, discards or collections?',
      buttons: ACTIVITIES.map((a) => ({ text: a[0]!.toUpperCase() + a.slice(1), value: a })),
    });
  }
  const period = periodOf(text, ctx.today);
  const deps = unitDeps(ctx);
  const result = await report(deps, { activity, from: period.from, to: period.to });
  if (!result.ok) return close(ctx.event, 'Failed', { text: `I can't count those: ${result.message}.` });
  const span =
    period.from === period.to
      ? `${period.said} (${sayDate(period.from, ctx.today)})`
      : `${period.said} (${sayDate(period.from, ctx.today)} to ${sayDate(period.to, ctx.today)})`;
  const title = { issues: 'issued', discards: 'discarded', collections: 'collected' }[activity];
  if (result.total === 0) {
    return close(ctx.event, 'Fulfilled', {
      text: `No ${activity === 'collections' ? 'donations' : 'units'} ${title} ${span}.`,
    });
  }
  const site = await siteNames(ctx);
  const lineOf = (key: string): string => {
    if (activity === 'collections') return site(key);
    if (activity === 'issues') return key;
    const [reason, component] = key.split(' ') as [DiscardReason, Component];
    return `${COMPONENT_LABEL[component]}: ${DISCARD_REASON_LABEL[reason]}`;
  };
  const lines = result.totals.map((t) => `• ${lineOf(t.key)}: ${t.count}`);
  const head =
    activity === 'collections'
      ? `${result.total} ${result.total === 1 ? 'donation' : 'donations'} collected ${span}:`
      : `${units(result.total)} ${title} ${span}:`;
  if (activity === 'discards') {
    const waste = await wastageReport(deps, { from: period.from, to: period.to });
    if (waste.ok && waste.rows.length > 0) {
      lines.push(
        `Wastage rate (discarded ÷ issued and discarded): ${waste.rows
          .filter((r) => r.rate !== null)
          .map((r) => `${COMPONENT_LABEL[r.component]} ${percent(r.rate ?? 0)}`)
          .join(', ')}.`,
      );
    }
  }
  return close(ctx.event, 'Fulfilled', { text: [head, ...lines].join('\n') });
};
