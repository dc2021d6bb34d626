/**
 * Use case: a donor's eligibility from their file (profile, donations, deferrals) under the policy.
 * One place maps the stored donor onto the domain's input, for every intent and for alert targeting.
 */
import { checkEligibility, type EligibilityResult } from '../domain/eligibility.js';
import type { Policy } from '../domain/policy.js';
import { DONATION_TYPES, type DonationType } from '../domain/vocabulary.js';
import type { DonorFile } from '../store/port.js';

export function donorEligibility(
  file: DonorFile,
  donationType: DonationType,
  on: string,
  policy: Policy,
): EligibilityResult {
  return checkEligibility({
    profile: {
      dateOfBirth: file.profile.dateOfBirth,
      firstDonation: file.donations.length === 0,
      ...(file.profile.sex ? { sex: file.profile.sex } : {}),
    },
    history: file.donations,
    deferrals: file.deferrals,
    donationType,
    on,
    policy,
  });
}

/** A donationType slot's value, whole blood when absent (the common case). */
export function donationTypeOf(slot: string | null): DonationType {
  return slot && (DONATION_TYPES as readonly string[]).includes(slot)
    ? (slot as DonationType)
    : 'whole_blood';
}
