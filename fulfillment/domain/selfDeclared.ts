/**
 * Self-declared deferrals (DOMAIN.md "Self-declared deferrals"): what a donor who mentions a tattoo,
 * a trip, an illness, antibiotics, a vaccination or a pregnancy is told, and from when they may
 * donate. Pure: the figures come from the policy table, the day from the caller.
 */
import { addDays, addMonths, assertCalendarDate } from './dates.js';
import type { Policy } from './policy.js';
import type { DeferralTopic } from './vocabulary.js';

/** A date (YYYY-MM-DD), or a condition no date can stand for. */
export type CanDonateFrom = string | 'when_well' | 'after_course';

export interface SelfDeclaredAnswer {
  topic: DeferralTopic;
  rule: string;
  /** Absent when the wait runs from a date the donor has not given. */
  canDonateFrom?: CanDonateFrom;
  /**
   * False only when a date is known and has come. "Until well" and "finish the course" are true: a
   * chat cannot tell how someone feels on the day, so it never tells them they can donate now.
   */
  deferredNow: boolean;
}

/**
 * The rule for `topic` under `policy`, and the first day the donor may donate when `since` (the day
 * it happened: the tattoo, the return, the birth, the last dose) is known. A `since` after `today`
 * (a tattoo booked for next week) counts from that day too.
 */
export function selfDeclaredDeferral(
  policy: Policy,
  topic: DeferralTopic,
  since: string | undefined,
  today: string,
): SelfDeclaredAnswer {
  assertCalendarDate(today);
  if (since !== undefined) assertCalendarDate(since);
  const { rule, wait } = policy.selfDeclaredDeferrals[topic];
  const dated = (from: string): SelfDeclaredAnswer => ({
    topic,
    rule,
    canDonateFrom: from,
    deferredNow: from > today,
  });
  switch (wait.kind) {
    case 'when_well':
      return { topic, rule, canDonateFrom: 'when_well', deferredNow: true };
    case 'after_course':
      return since === undefined
        ? { topic, rule, canDonateFrom: 'after_course', deferredNow: true }
        : dated(addDays(since, wait.daysAfter));
    case 'months':
      return since === undefined ? { topic, rule, deferredNow: true } : dated(addMonths(since, wait.months));
    case 'days':
      return since === undefined ? { topic, rule, deferredNow: true } : dated(addDays(since, wait.days));
  }
}
