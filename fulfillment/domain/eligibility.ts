/**
 * Donor eligibility (DOMAIN.md "Donor eligibility"): when a donor may next give a donation type.
 * The next eligible date is the latest of the donation interval, the annual limit, every deferral and
 * the minimum age. Haemoglobin is measured at the session, so it is not judged here.
 */
import { addDays, assertCalendarDate, birthday, daysBetween, latestDate } from './dates.js';
import type { Policy } from './policy.js';
import type { DonationType, Sex } from './vocabulary.js';

export interface DonorProfile {
  dateOfBirth: string;
  sex?: Sex;
  /** Unknown weight is not a refusal here: it is checked again at the session. */
  weightKg?: number;
  firstDonation: boolean;
}
export interface DonationRecord {
  date: string;
  type: DonationType;
}
/** `until` is the first day the donor may give again ("deferred until 12 Jan" = may donate on 12 Jan). */
export interface Deferral {
  until: string;
  reason: string;
}

type ReasonCode = 'interval' | 'annual_limit' | 'deferral' | 'too_young' | 'too_old' | 'underweight';
type Reason = { code: ReasonCode; until: string | null; detail: string };

export type EligibilityResult =
  | { eligible: true; donationType: DonationType; since: string }
  | { eligible: false; donationType: DonationType; nextEligibleOn: string | null; reasons: Reason[] };

interface EligibilityInput {
  profile: DonorProfile;
  history: DonationRecord[];
  deferrals: Deferral[];
  donationType: DonationType;
  policy: Policy;
}

const YEAR_WINDOW_DAYS = 365; // "≤ 6 a year" counted over the trailing 365 days

/** Whole years completed on `on`; a 29 February birthday is completed on 1 March in common years. */
export function ageOn(dateOfBirth: string, on: string): number {
  assertCalendarDate(dateOfBirth);
  assertCalendarDate(on);
  const years = Number(on.slice(0, 4)) - Number(dateOfBirth.slice(0, 4));
  return on.slice(5) < dateOfBirth.slice(5) ? years - 1 : years;
}

/** Sex unknown → the stricter (longer) interval, so we never invite someone too early. */
function intervalDays(policy: Policy, type: DonationType, sex: Sex | undefined): number {
  const days = policy.intervals[type].days;
  if (typeof days === 'number') return days;
  return sex === undefined ? Math.max(days.F, days.M) : days[sex];
}

/**
 * Every constraint with the date it lifts (null = it never lifts on the data we have). None depends
 * on the day asked about, except the first-donation age limit, handled in `firstDonationCutoff`.
 */
function constraints(input: EligibilityInput): Reason[] {
  const { profile, history, deferrals, donationType, policy } = input;
  const reasons: Reason[] = [
    {
      code: 'too_young',
      until: birthday(profile.dateOfBirth, policy.minAgeYears),
      detail: `minimum age ${policy.minAgeYears}`,
    },
  ];
  if (profile.weightKg !== undefined && profile.weightKg < policy.minWeightKg) {
    reasons.push({ code: 'underweight', until: null, detail: `minimum weight ${policy.minWeightKg} kg` });
  }
  const lastDonation = latestDate(history.map((d) => d.date));
  if (lastDonation !== undefined) {
    // The interval of the type being checked runs from the most recent donation of ANY type: a
    // simple, conservative reading of DOMAIN.md that also gives UK "plasma 4 weeks after a
    // whole-blood donation". It does not add a red-cell recovery wait for platelets after whole blood.
    const days = intervalDays(policy, donationType, profile.sex);
    reasons.push({
      code: 'interval',
      until: addDays(lastDonation, days),
      detail: `${days} days after the last donation`,
    });
    const annual = annualLimitLifts(input, lastDonation);
    if (annual !== undefined) reasons.push(annual);
  }
  for (const deferral of deferrals) {
    reasons.push({ code: 'deferral', until: assertCalendarDate(deferral.until), detail: deferral.reason });
  }
  return reasons;
}

/**
 * Counted as of the last donation: with no later donations the count only falls, so once under the
 * limit the donor stays under it. At or over the limit, enough of the oldest must age out to leave
 * room for one more.
 */
function annualLimitLifts(input: EligibilityInput, lastDonation: string): Reason | undefined {
  const max = input.policy.intervals[input.donationType].maxPerYear;
  if (max === null) return undefined;
  const inWindow = input.history
    .filter((d) => d.type === input.donationType)
    .map((d) => d.date)
    .filter((date) => {
      const age = daysBetween(date, lastDonation);
      return age >= 0 && age < YEAR_WINDOW_DAYS;
    })
    .sort();
  if (inWindow.length < max) return undefined;
  const mustAgeOut = inWindow[inWindow.length - max]!;
  return {
    code: 'annual_limit',
    until: addDays(mustAgeOut, YEAR_WINDOW_DAYS),
    detail: `at most ${max} a year`,
  };
}

/** The first day a first-time donor is too old (e.g. UK 66th birthday); undefined when no limit applies. */
function firstDonationCutoff(input: EligibilityInput): string | undefined {
  const max = input.policy.maxFirstDonationAgeYears;
  if (!input.profile.firstDonation || max === null) return undefined;
  return birthday(input.profile.dateOfBirth, max + 1);
}

function tooOld(input: EligibilityInput): Reason {
  return {
    code: 'too_old',
    until: null,
    detail: `first donations only up to age ${input.policy.maxFirstDonationAgeYears}`,
  };
}

/** First day on or after `from` with no constraint in force, or null if that day never comes. */
export function nextEligibleDate(input: EligibilityInput & { from: string }): string | null {
  const all = constraints(input);
  if (all.some((r) => r.until === null)) return null;
  const candidate = latestDate([assertCalendarDate(input.from), ...all.map((r) => r.until as string)])!;
  const cutoff = firstDonationCutoff(input);
  return cutoff !== undefined && candidate >= cutoff ? null : candidate;
}

export function checkEligibility(input: EligibilityInput & { on: string }): EligibilityResult {
  const { on, donationType } = input;
  const all = constraints(input);
  const reasons = all.filter((r) => r.until === null || r.until > on);
  const nextEligibleOn = nextEligibleDate({ ...input, from: on });
  const cutoff = firstDonationCutoff(input);
  // Too old now, or every other wait would only end after the first-donation age limit.
  const agedOut = nextEligibleOn === null && !reasons.some((r) => r.until === null);
  if (cutoff !== undefined && (on >= cutoff || agedOut)) reasons.push(tooOld(input));
  if (reasons.length === 0) {
    // Every constraint has lifted; the latest of them is when this run of eligibility began.
    const since = latestDate(all.map((r) => r.until as string)) ?? input.profile.dateOfBirth;
    return { eligible: true, donationType, since };
  }
  return { eligible: false, donationType, nextEligibleOn, reasons };
}
