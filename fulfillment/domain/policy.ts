/**
 * The one table of country-dependent figures (DOMAIN.md: "one policy table, US and UK presets, US the
 * default"). Everything else in the domain reads numbers from here, never literals.
 */
import { DomainError } from './errors.js';
import type { Marker } from './unitVocabulary.js';
import type { Component, DeferralTopic, DonationType } from './vocabulary.js';

export type PolicyId = 'US' | 'UK';

/**
 * How long a self-declared deferral lasts, counted from the date it happened (for travel, the date
 * of return; for pregnancy, the birth; for antibiotics, the last dose): a number of calendar months
 * or days, "until well on the day", or "finish the course" (then `daysAfter` the last dose).
 */
export type DeferralWait =
  | { kind: 'months'; months: number }
  | { kind: 'days'; days: number }
  | { kind: 'when_well' }
  | { kind: 'after_course'; daysAfter: number };

export interface SelfDeclaredRule {
  /** The rule in words, as a donor is told it. */
  rule: string;
  wait: DeferralWait;
}

export interface Policy {
  id: PolicyId;
  minAgeYears: number;
  /** Oldest age at which a first donation is accepted; null = no upper limit. */
  maxFirstDonationAgeYears: number | null;
  minWeightKg: number;
  /** g/dL. Measured at the session, so eligibility checks here do not use it. */
  minHaemoglobin: { F: number; M: number };
  /** `days` may differ by sex; `maxPerYear` counts that type in the trailing 365 days. */
  intervals: Record<DonationType, { days: number | { F: number; M: number }; maxPerYear: number | null }>;
  shelfLifeDays: Record<Component, number>;
  /** Green ≥ amber threshold, amber below it, red below the red threshold. */
  stockLevels: { amberBelowDays: number; redBelowDays: number };
  /** Units issued per day, used when a site has no issue history yet. */
  defaultDailyIssues: Record<Component, number>;
  /** Markers screened on every donation, and those a donor needs nonreactive only once (T. cruzi). */
  testPanel: { everyDonation: readonly Marker[]; oncePerDonor: readonly Marker[] };
  /** HIV / HCV lookback (21 CFR 610.46 / 610.47): months before the last nonreactive screen, start within days. */
  lookback: { markers: readonly Marker[]; months: number; startWithinDays: number };
  /**
   * Longest time out of controlled storage after which a returned unit may go back into stock; null =
   * no time is safe, only a validated transport box with its record (DOMAIN.md "Returns").
   */
  returnMaxMinutesOut: Record<Component, number | null>;
  /** DOMAIN.md "Self-declared deferrals": what a donor who mentions one of these is told. */
  selfDeclaredDeferrals: Record<DeferralTopic, SelfDeclaredRule>;
}

// 610.40: HIV-1/2, HBV, HCV, HTLV-I/II, syphilis, WNV on every donation; T. cruzi once per donor.
const US_PANEL: Policy['testPanel'] = {
  everyDonation: ['hiv', 'hbv', 'hcv', 'htlv', 'syphilis', 'wnv'],
  oncePerDonor: ['chagas'],
};

// The "30-minute rule" for refrigerated components; frozen and room-temperature components carry no
// safe time once out (a thawed plasma cannot be refrozen), so they come back only in a validated box.
const RETURN_MAX_MINUTES_OUT: Policy['returnMaxMinutesOut'] = {
  whole_blood: 30,
  red_cells: 30,
  platelets: null,
  plasma: null,
  cryo: null,
};

const WEEK = 7;

// DOMAIN.md "Self-declared deferrals", US column: FDA April 2020 guidance (tattoo, piercing and
// malaria-area travel down from 12 to 3 months) and the Red Cross eligibility pages.
const US_SELF_DECLARED: Policy['selfDeclaredDeferrals'] = {
  tattoo: {
    rule: 'After a tattoo, piercing, microblading or acupuncture, wait 3 months from the day it was done. If it was done in a state-regulated studio with sterile, single-use equipment there may be no wait: tell the team on the day.',
    wait: { kind: 'months', months: 3 },
  },
  travel: {
    rule: 'After a trip to an area with malaria, wait 3 months from the day you came back (this is for people who live in a country without malaria).',
    wait: { kind: 'months', months: 3 },
  },
  illness: {
    rule: 'With a cold, flu, sore throat or fever, wait until you are well on the day you donate.',
    wait: { kind: 'when_well' },
  },
  antibiotics: {
    rule: 'If you are taking antibiotics for an infection, finish the course first.',
    // The day after the last dose: the course is then finished.
    wait: { kind: 'after_course', daysAfter: 1 },
  },
  vaccination: {
    rule: 'After most vaccinations there is no wait as long as you feel well; tell the team which vaccine you had.',
    wait: { kind: 'when_well' },
  },
  pregnancy: {
    rule: 'You cannot donate while pregnant; wait 6 weeks after giving birth.',
    wait: { kind: 'days', days: 6 * WEEK },
  },
};

// DOMAIN.md "Self-declared deferrals", UK column (NHSBT donor eligibility).
const UK_SELF_DECLARED: Policy['selfDeclaredDeferrals'] = {
  tattoo: {
    rule: 'After a tattoo, piercing, microblading, semi-permanent make-up or acupuncture, wait 4 months from the day it was done.',
    wait: { kind: 'months', months: 4 },
  },
  travel: {
    rule: 'After a trip to an area with malaria, the wait depends on where you went, typically 6 months from the day you came back; the team will confirm it for your trip.',
    wait: { kind: 'months', months: 6 },
  },
  illness: {
    rule: 'With a cold, flu, sore throat or fever, wait until you have fully recovered.',
    wait: { kind: 'when_well' },
  },
  antibiotics: {
    rule: 'If you are taking antibiotics for an infection, wait 7 days after finishing the course.',
    wait: { kind: 'after_course', daysAfter: 7 },
  },
  vaccination: {
    rule: 'After a vaccination, wait 48 hours, and only donate if you feel well.',
    wait: { kind: 'days', days: 2 },
  },
  pregnancy: {
    rule: 'You cannot donate while pregnant; wait 6 months after giving birth.',
    wait: { kind: 'months', months: 6 },
  },
};

function deepFreeze<T extends object>(value: T): T {
  for (const inner of Object.values(value)) {
    if (inner !== null && typeof inner === 'object') deepFreeze(inner);
  }
  return Object.freeze(value);
}

// Figures: DOMAIN.md "Donor eligibility" (FDA / Red Cross) and "Components" (21 CFR 610.53).
const US: Policy = {
  id: 'US',
  minAgeYears: 17,
  maxFirstDonationAgeYears: null,
  minWeightKg: 50, // 110 lb
  minHaemoglobin: { F: 12.5, M: 13.0 },
  intervals: {
    whole_blood: { days: 56, maxPerYear: 6 },
    double_red_cells: { days: 112, maxPerYear: 3 },
    platelets: { days: 7, maxPerYear: 24 },
    plasma: { days: 28, maxPerYear: 13 },
  },
  shelfLifeDays: { whole_blood: 35, red_cells: 42, platelets: 5, plasma: 365, cryo: 365 }, // whole blood: CPDA-1
  stockLevels: { amberBelowDays: 2, redBelowDays: 1 }, // NHSBT / SNBTS practice, used by both presets
  // Illustrative defaults for a mid-size hospital; sites override them once they have history.
  defaultDailyIssues: { whole_blood: 1, red_cells: 10, platelets: 3, plasma: 4, cryo: 1 },
  testPanel: US_PANEL,
  lookback: { markers: ['hiv', 'hcv'], months: 12, startWithinDays: 3 },
  returnMaxMinutesOut: RETURN_MAX_MINUTES_OUT,
  selfDeclaredDeferrals: US_SELF_DECLARED,
};

// Figures: DOMAIN.md "Donor eligibility" (JPAC / NHSBT) and the UK column of "Components".
const UK: Policy = {
  id: 'UK',
  minAgeYears: 17,
  maxFirstDonationAgeYears: 65, // "17–65 for a first donation"
  minWeightKg: 50,
  minHaemoglobin: { F: 12.5, M: 13.5 }, // 125 g/L, 135 g/L
  intervals: {
    whole_blood: { days: { M: 12 * WEEK, F: 16 * WEEK }, maxPerYear: null },
    double_red_cells: { days: 26 * WEEK, maxPerYear: null },
    platelets: { days: 2 * WEEK, maxPerYear: 24 },
    // "4 weeks after a whole-blood donation": eligibility measures the checked type's interval from
    // the most recent donation of any type, so this also covers plasma after whole blood.
    plasma: { days: 4 * WEEK, maxPerYear: null },
  },
  // NHSBT red cells 35 days; platelets 7 (with bacterial screening); FFP and cryo up to 36 months.
  shelfLifeDays: { whole_blood: 35, red_cells: 35, platelets: 7, plasma: 1095, cryo: 1095 },
  stockLevels: { amberBelowDays: 2, redBelowDays: 1 },
  defaultDailyIssues: { whole_blood: 1, red_cells: 10, platelets: 3, plasma: 4, cryo: 1 },
  // DOMAIN.md: "UK adds HEV" to the US panel.
  testPanel: { everyDonation: [...US_PANEL.everyDonation, 'hev'], oncePerDonor: US_PANEL.oncePerDonor },
  lookback: { markers: ['hiv', 'hcv'], months: 12, startWithinDays: 3 },
  returnMaxMinutesOut: RETURN_MAX_MINUTES_OUT,
  selfDeclaredDeferrals: UK_SELF_DECLARED,
};

/** Frozen: a caller mutating a preset would silently change every other caller's rules. */
export const POLICIES: Record<PolicyId, Policy> = deepFreeze({ US, UK });

export const DEFAULT_POLICY_ID: PolicyId = 'US';

/** Throws for an id outside the union, which can only arrive from unchecked config. */
export function policyFor(id: PolicyId): Policy {
  if (!Object.hasOwn(POLICIES, id)) throw new DomainError(`Unknown policy: ${JSON.stringify(id)}`);
  return POLICIES[id];
}
