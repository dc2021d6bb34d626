/**
 * Who may do what, per intent and role (DESIGN.md "Identity and authorization"). Enforced in
 * fulfillment so that no channel can skip it. The answer shapes what a handler does, not only
 * whether it runs: an anonymous stock check sees levels, staff see counts.
 */
import type { Role } from '../domain/vocabulary.js';

export type Access =
  | 'full' // staff and admin: any donor, counts, requests
  | 'own' // a donor acting on their own record
  | 'levels' // stock levels only (ok / low / critical)
  | 'general' // general rules only (eligibility for anonymous)
  | 'sign_in' // asked to sign in or sign up first
  | 'refused';

const TABLE: Record<string, Record<Role, Access>> = {
  CheckStock: { anonymous: 'levels', donor: 'levels', staff: 'full', admin: 'full' },
  StockReport: { anonymous: 'refused', donor: 'refused', staff: 'full', admin: 'full' },
  RegisterDonor: { anonymous: 'sign_in', donor: 'own', staff: 'full', admin: 'full' },
  ScheduleDonation: { anonymous: 'sign_in', donor: 'own', staff: 'full', admin: 'full' },
  CancelDonation: { anonymous: 'sign_in', donor: 'own', staff: 'full', admin: 'full' },
  CheckEligibility: { anonymous: 'general', donor: 'own', staff: 'full', admin: 'full' },
  RequestUnits: { anonymous: 'refused', donor: 'refused', staff: 'full', admin: 'full' },
  RespondToAlert: { anonymous: 'refused', donor: 'own', staff: 'refused', admin: 'refused' },
  Help: { anonymous: 'full', donor: 'full', staff: 'full', admin: 'full' },
  SmallTalk: { anonymous: 'full', donor: 'full', staff: 'full', admin: 'full' },
  FallbackIntent: { anonymous: 'full', donor: 'full', staff: 'full', admin: 'full' },
};

/** Unknown intents get nothing: a new intent must be added here before anyone can use it. */
export function accessFor(intent: string, role: Role): Access {
  return TABLE[intent]?.[role] ?? 'refused';
}

export const AUTHORIZED_INTENTS = Object.keys(TABLE);
