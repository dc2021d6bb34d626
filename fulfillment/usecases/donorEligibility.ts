/**
 * Use case: a donor's eligibility from their file (profile, donations, deferrals) under the policy.
 * One place maps the stored donor onto the domain's input, for every intent and for alert targeting.
 */
import { checkEligibility, type EligibilityResult } from '../domain/eligibility.js';
import type { Policy } from '../domain/policy.js';
import { DONATION_TYPES, type DonationType } from '../domain/vocabulary.js';
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
