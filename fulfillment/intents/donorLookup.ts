/**
 * The `donor` slot of RecordDonation and Lookback → one donor record. Staff give a phone number
 * (read in the policy's region) or a donor number; a name alone cannot be looked up (there is no
 * name index in the store), so they are asked for one of the two instead of a guess.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { elicitSlot, slotValue, withSlots } from '../lex/dialog.js';
import type { LexResponse } from '../lex/event.js';
import type { DonorRecord } from '../store/port.js';
import type { IntentContext } from './context.js';

const DONOR_NUMBER = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type DonorFound = { ok: true; donor: DonorRecord } | { ok: false; response: LexResponse };

export async function findDonor(ctx: IntentContext): Promise<DonorFound> {
  const text = (slotValue(ctx.intent, 'donor') ?? '').trim();
  const ask = (why: string): DonorFound => ({
    ok: false,
    response: elicitSlot(ctx.event, 'donor', { text: why }, withSlots(ctx.intent, { donor: null })),
  });
  if (!text) return ask('Which donor? Give their phone number or donor number.');
  if (DONOR_NUMBER.test(text)) {
    const donor = await ctx.deps.store.donorById(text.toLowerCase());
    return donor ? { ok: true, donor } : ask('No donor has that donor number. Which donor?');
  }
  const digits = text.replace(/\D/g, '');
  if (digits.length >= 7) {
    const phone = parsePhoneNumberFromString(text, ctx.deps.policy.id === 'UK' ? 'GB' : 'US');
    if (!phone?.isValid()) return ask(`${text} is not a phone number I can read. Which donor?`);
    const donorId = await ctx.deps.store.donorIdByPhone(phone.number);
    const donor = donorId ? await ctx.deps.store.donorById(donorId) : null;
    return donor ? { ok: true, donor } : ask('No donor has that phone number. Which donor?');
  }
  return ask(
    "I can't look donors up by name yet. What is the donor's phone number or donor number? (Register them first if they are new.)",
  );
}

/** "Dana Donor (born 12 March 1990)": enough for staff to see it is the right person. */
export function donorInWords(donor: DonorRecord): string {
  return `${donor.firstName} ${donor.lastName} (born ${donor.dateOfBirth})`;
}
