/**
 * The shortage-alert rules, pure (no AWS, no clock, no env): when a level change opens, escalates or
 * closes an alert; how many donors an alert may contact; whether one donor may be asked; which slots
 * to offer. The use cases around them do the reading and writing. Most alert unit tests live here.
 */
import { donorsWhoCanServe } from '../../domain/compatibility.js';
import { addDays } from '../../domain/dates.js';
import { checkEligibility } from '../../domain/eligibility.js';
import type { Policy } from '../../domain/policy.js';
import type { StockLevel } from '../../domain/supply.js';
import type { BloodGroup, Component } from '../../domain/vocabulary.js';
import type { DonorFile } from '../../store/port.js';
import type { AlertCounts, AlertLevel, AlertRecord, TargetCandidate } from './port.js';

export interface AlertSettings {
  /** The component whose days of supply drive appeals (donors give whole blood → red cells). */
  component: Component;
  /** At most one alert per group and level within this many hours. */
  windowHours: number;
  /** A donor is not appealed to again within this many days. */
  quietDays: number;
  /** An alert asks for enough donors to bring stock back to this many days of supply. */
  targetDays: number;
  /** Share of contacted donors expected to come in: donors contacted = units needed ÷ yield. */
  expectedYield: number;
  minDonors: number;
  maxDonors: number;
  /** How long after the SMS a reply is read as an answer to it. */
  replyWindowHours: number;
  /** How far ahead a YES looks for free appointment times. */
  offerHorizonDays: number;
}

export const DEFAULT_ALERT_SETTINGS: AlertSettings = {
  component: 'red_cells',
  windowHours: 24,
  quietDays: 14,
  targetDays: 3,
  expectedYield: 0.25,
  minDonors: 10,
  maxDonors: 2000,
  replyWindowHours: 72,
  offerHorizonDays: 14,
};

export type Transition =
  | { kind: 'none' }
  | { kind: 'start'; level: AlertLevel }
  | { kind: 'escalate' }
  | { kind: 'recover' };

/**
 * Depends only on the current level and the group's open alert, not on the previous reading: a
 * missed event or a restart cannot skip a transition. Red → amber keeps the alert open at red
 * (stock is still short); only green closes it. Repeats are stopped by the store's window markers.
 */
export function decideTransition(level: StockLevel, open: Pick<AlertRecord, 'level'> | null): Transition {
  if (level === 'green') return open ? { kind: 'recover' } : { kind: 'none' };
  if (!open) return { kind: 'start', level };
  if (level === 'red' && open.level === 'amber') return { kind: 'escalate' };
  return { kind: 'none' };
}

/** Units short of `targetDays` of supply, rounded up; never negative. */
export function unitsNeeded(available: number, averageDailyIssues: number, targetDays: number): number {
  return Math.max(0, Math.ceil(targetDays * averageDailyIssues - available));
}

/** Donors to contact for a need: need ÷ expected yield, within the configured bounds. */
export function donorCap(
  needed: number,
  settings: Pick<AlertSettings, 'expectedYield' | 'minDonors' | 'maxDonors'>,
) {
  const raw = Math.ceil(needed / settings.expectedYield);
  return Math.min(settings.maxDonors, Math.max(settings.minDonors, raw));
}

/** End of the dedupe window that an alert starting at `now` claims. */
export function windowUntil(now: Date, windowHours: number): string {
  return new Date(now.getTime() + windowHours * 3_600_000).toISOString();
}

/** "Not alerted within the last N days": alerted N or more days ago (or never) may be asked. */
export function recentlyAlerted(
  lastAlertedOn: string | undefined,
  today: string,
  quietDays: number,
): boolean {
  return lastAlertedOn !== undefined && lastAlertedOn > addDays(today, -quietDays);
}

export type Screening =
  | { ok: true }
  | {
      ok: false;
      reason:
        | 'incompatible'
        | 'not_opted_in'
        | 'opted_out'
        | 'recently_alerted'
        | 'ineligible'
        | 'booked'
        | 'unknown';
      /** For `ineligible`: the first day the donor may be asked (null: not on the data we hold). */
      notBefore?: string | null;
    };

export type Refusal = Exclude<Screening, { ok: true }>;

/** The checks that need no history: compatibility, opt-in, STOP, quiet period. */
export function screenContact(input: {
  shortGroup: BloodGroup;
  candidate: TargetCandidate;
  optedOut: boolean;
  today: string;
  quietDays: number;
}): Screening {
  const { candidate } = input;
  if (!donorsWhoCanServe(input.shortGroup, 'red_cells').includes(candidate.bloodGroup)) {
    return { ok: false, reason: 'incompatible' };
  }
  if (!candidate.smsOptIn) return { ok: false, reason: 'not_opted_in' };
  if (input.optedOut) return { ok: false, reason: 'opted_out' };
  if (recentlyAlerted(candidate.lastAlertedOn, input.today, input.quietDays)) {
    return { ok: false, reason: 'recently_alerted' };
  }
  return { ok: true };
}

/** Eligible for whole blood on the alert date, and not already booked. */
export function screenHistory(file: DonorFile | null, today: string, policy: Policy): Screening {
  if (!file) return { ok: false, reason: 'unknown' };
  const eligibility = checkEligibility({
    profile: {
      dateOfBirth: file.profile.dateOfBirth,
      firstDonation: file.donations.length === 0,
      ...(file.profile.sex ? { sex: file.profile.sex } : {}),
      ...(file.profile.weightKg !== undefined ? { weightKg: file.profile.weightKg } : {}),
    },
    history: file.donations,
    deferrals: file.deferrals,
    donationType: 'whole_blood',
    on: today,
    policy,
  });
  if (!eligibility.eligible)
    return { ok: false, reason: 'ineligible', notBefore: eligibility.nextEligibleOn };
  // Asking a donor who is already booked to book again is the "mixed messages" complaint.
  if (file.appointments.some((a) => a.status === 'booked' && a.date >= today))
    return { ok: false, reason: 'booked' };
  return { ok: true };
}

/**
 * Whether one donor may receive this appeal today: red cells that serve the short group, opted in
 * and not opted out, not alerted recently, eligible for whole blood on the alert date, not booked.
 */
export function screenDonor(input: {
  shortGroup: BloodGroup;
  candidate: TargetCandidate;
  file: DonorFile | null;
  optedOut: boolean;
  today: string;
  quietDays: number;
  policy: Policy;
}): Screening {
  const contact = screenContact(input);
  return contact.ok ? screenHistory(input.file, input.today, input.policy) : contact;
}

/** What staff were last shown; a progress notice goes out only when this changes. */
export function countsSignature(counts: AlertCounts): string {
  return `${counts.contacted}/${counts.yes}/${counts.booked}`;
}

/**
 * The slots a YES is offered: the earliest free one and an alternative, preferably on another day
 * (a real choice for someone who cannot make that day), else the next free time.
 */
export function chooseOffer<T extends { date: string; time: string }>(free: T[]): T[] {
  const [first, ...rest] = free;
  if (!first) return [];
  const alternative = rest.find((s) => s.date !== first.date) ?? rest[0];
  return alternative ? [first, alternative] : [first];
}
