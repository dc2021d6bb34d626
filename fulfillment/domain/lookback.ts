/**
 * HIV / HCV lookback (21 CFR 610.46 / 610.47; DOMAIN.md "Reactive"): after a reactive screen, the
 * donor's earlier donations collected in the 12 months before their most recent nonreactive screen
 * for that marker. Components still held and in date go to quarantine with a hold; those already
 * issued are listed with consignee and date so the hospitals can be told.
 */
import { assertCalendarDate, fromDayNumber, toDayNumber } from './dates.js';
import { InvalidArgumentError } from './errors.js';
import type { Policy } from './policy.js';
import { isExpired } from './shelfLife.js';
import type { UnitEvent } from './unit.js';
import type { Marker, TestResult, UnitStatus } from './unitVocabulary.js';
import type { Component } from './vocabulary.js';

export interface LookbackComponent {
  code: string;
  component: Component;
  status: UnitStatus;
  expiresOn: string;
  consignee: string | null;
  issuedOn: string | null;
}

export interface LookbackDonation {
  din: string;
  collectedOn: string;
  screens: Partial<Record<Marker, TestResult>>;
  components: readonly LookbackComponent[];
}

export interface LookbackResult {
  /** False when no reactive marker calls for a lookback (the window is still given, for a manual one). */
  required: boolean;
  windowFrom: string;
  windowTo: string;
  /** DINs of the donations in the window, oldest first. */
  donations: string[];
  toQuarantine: Array<{ din: string; code: string; component: Component; event: UnitEvent }>;
  issued: Array<{ din: string; code: string; component: Component; consignee: string; issuedOn: string }>;
}

const HELD: readonly UnitStatus[] = ['quarantined', 'available', 'returned'];

/** The same day `months` earlier, or the last day of that month when it is shorter (31 Mar → 28 Feb). */
export function monthsBefore(date: string, months: number): string {
  assertCalendarDate(date);
  const total = Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1 - months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const lastDay = fromDayNumber(
    toDayNumber(`${pad(year + (month === 12 ? 1 : 0), 4)}-${pad((month % 12) + 1, 2)}-01`) - 1,
  );
  const day = Math.min(Number(date.slice(8, 10)), Number(lastDay.slice(8, 10)));
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/**
 * `index` is the reactive donation. The window ends at the most recent earlier donation whose screen
 * for a reactive marker was negative (that donation included: it may fall in the infectious window);
 * with no such screen it ends at the index donation. Donations between the end and the index (results
 * still pending) are included too. `on` decides which held components are still in date.
 */
export function lookback(input: {
  donations: readonly LookbackDonation[];
  index: { din: string; reactive: readonly Marker[] };
  on: string;
  policy: Policy;
}): LookbackResult {
  const { donations, policy, on } = input;
  assertCalendarDate(on);
  const indexDonation = donations.find((d) => d.din === input.index.din);
  if (!indexDonation)
    throw new InvalidArgumentError(`The reactive donation ${input.index.din} is not among the donor's`);
  if (input.index.reactive.length === 0)
    throw new InvalidArgumentError('A lookback needs the reactive marker');
  const earlier = donations
    .filter((d) => d.din !== indexDonation.din && d.collectedOn <= indexDonation.collectedOn)
    .map((d) => ({ ...d, collectedOn: assertCalendarDate(d.collectedOn) }))
    .sort((a, b) => (a.collectedOn < b.collectedOn ? -1 : a.collectedOn > b.collectedOn ? 1 : 0));

  let windowFrom = indexDonation.collectedOn;
  for (const marker of input.index.reactive) {
    const lastNegative = earlier.filter((d) => d.screens[marker] === 'negative').at(-1);
    const end = lastNegative?.collectedOn ?? indexDonation.collectedOn;
    const start = monthsBefore(end, policy.lookback.months);
    if (start < windowFrom) windowFrom = start;
  }
  const windowTo = indexDonation.collectedOn;
  const inWindow = earlier.filter((d) => d.collectedOn >= windowFrom);

  const result: LookbackResult = {
    required: input.index.reactive.some((m) => policy.lookback.markers.includes(m)),
    windowFrom,
    windowTo,
    donations: inWindow.map((d) => d.din),
    toQuarantine: [],
    issued: [],
  };
  for (const donation of inWindow) {
    for (const c of donation.components) {
      if (HELD.includes(c.status) && !isExpired(c.expiresOn, on)) {
        result.toQuarantine.push({
          din: donation.din,
          code: c.code,
          component: c.component,
          event: { type: 'recall', hold: { kind: 'lookback', ref: indexDonation.din } },
        });
      } else if (c.status === 'allocated' && c.consignee !== null && c.issuedOn !== null) {
        result.issued.push({
          din: donation.din,
          code: c.code,
          component: c.component,
          consignee: c.consignee,
          issuedOn: c.issuedOn,
        });
      }
    }
  }
  return result;
}
