/**
 * Use case: a donor's eligibility from their file (profile, donations, deferrals) under the policy.
 * One place maps the stored donor onto the domain's input, for every intent and for alert targeting.
 */
import { addDays, addMonths, assertCalendarDate } from '../domain/dates.js';
import { checkEligibility, type EligibilityResult } from '../domain/eligibility.js';
import type { Policy } from '../domain/policy.js';
import { type DeferralTopic, DONATION_TYPES, type DonationType } from '../domain/vocabulary.js';
import type { DeferralItem, DonorFile } from '../store/port.js';

/**
 * An indefinite deferral (a reactive screen pending confirmatory testing, DOMAIN.md "Reactive") is
 * stored with this end date: it sorts after every real date and never lifts on its own.
 */
export const INDEFINITE_DEFERRAL_UNTIL = '9999-12-31';

/**
 * What the donor is told about an indefinite deferral: they cannot donate and will be contacted
 * (21 CFR 630.40). Never the marker or the result: that is for the team to explain in person.
 */
export const INDEFINITE_DEFERRAL_DETAIL = 'our team needs to talk to you first and will contact you';

export function isIndefiniteDeferral(deferral: DeferralItem): boolean {
  return deferral.until >= INDEFINITE_DEFERRAL_UNTIL;
}

export function donorEligibility(
  file: DonorFile,
  donationType: DonationType,
  on: string,
  policy: Policy,
): EligibilityResult {
  const result = checkEligibility({
    profile: {
      dateOfBirth: file.profile.dateOfBirth,
      firstDonation: file.donations.length === 0,
      ...(file.profile.sex ? { sex: file.profile.sex } : {}),
    },
    history: file.donations,
    deferrals: file.deferrals.filter((d) => !isIndefiniteDeferral(d)),
    donationType,
    on,
    policy,
  });
  if (!file.deferrals.some(isIndefiniteDeferral)) return result;
  // The stored reason stays with staff; the donor hears only that they cannot donate and will be called.
  return {
    eligible: false,
    donationType,
    nextEligibleOn: null,
    reasons: [{ code: 'deferral', until: null, detail: INDEFINITE_DEFERRAL_DETAIL }],
  };
}

/** A donationType slot's value, whole blood when absent (the common case). */
export function donationTypeOf(slot: string | null): DonationType {
  return slot && (DONATION_TYPES as readonly string[]).includes(slot)
    ? (slot as DonationType)
    : 'whole_blood';
}

/** How the deferral reads on the donor's record and in a refusal ("… (a tattoo or piercing you told us about)"). */
export const TOPIC_REASON: Record<DeferralTopic, string> = {
  tattoo: 'a tattoo or piercing you told us about',
  travel: 'travel to a malaria area you told us about',
  illness: 'an illness you told us about',
  antibiotics: 'a course of antibiotics you told us about',
  vaccination: 'a vaccination you told us about',
  pregnancy: 'a pregnancy you told us about',
};

const ISO_WEEK = /^(\d{4})-W(\d{2})$/;
const MONTH = /^(\d{4})-(\d{2})$/;

/**
 * A `since` slot's value as a calendar day. The local NLU gives YYYY-MM-DD; Lex may give a week
 * ("last week" → 2026-W48) or a month ("in October" → 2026-10): those are read as their last day
 * (today at the latest), so a wait counted from them is never cut short. Anything else: unknown.
 */
export function sinceDate(value: string | null, today: string): string | undefined {
  if (!value) return undefined;
  const cap = (date: string) => (date < today ? date : today);
  try {
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return assertCalendarDate(value);
    const week = ISO_WEEK.exec(value);
    if (week) {
      // ISO week 1 holds 4 January; its Sunday is the week's last day.
      const jan4 = `${week[1]}-01-04`;
      const weekday = (new Date(`${jan4}T00:00:00Z`).getUTCDay() + 6) % 7;
      return cap(addDays(jan4, (Number(week[2]) - 1) * 7 - weekday + 6));
    }
    const month = MONTH.exec(value);
    if (month) return cap(addDays(addMonths(`${month[1]}-${month[2]}-01`, 1), -1));
  } catch {
    return undefined;
  }
  return undefined;
}
