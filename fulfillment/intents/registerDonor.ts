/**
 * RegisterDonor. A signed-in donor creates and links their own profile; staff register walk-in
 * donors; anonymous visitors are asked to sign in or sign up first (the authorization table's
 * RegisterDonor row), so every profile belongs to an account or was entered by staff. The dialog
 * hook validates each answer as it arrives.
 *
 * A donor registering themselves proves the number is theirs with a texted code (./phoneProof.ts)
 * once they have confirmed their details; nothing said before the code is right depends on whether
 * the number is on file. After it: a new number gets a profile, a number on file is linked to the
 * account when its donor has none. Staff at the desk have seen the person and skip the code.
 */
import { isValidPhoneNumber } from 'libphonenumber-js';
import { ageOn } from '../domain/eligibility.js';
import { BLOOD_GROUPS, isBloodGroup } from '../domain/vocabulary.js';
import { close, delegate, elicitSlot, slotValue, withSlots } from '../lex/dialog.js';
import type { LexResponse } from '../lex/event.js';
import { type IntentContext, type IntentHandler, ownDonorId } from './context.js';
import { consumeProof, provePhone, restartProof, UNAVAILABLE } from './phoneProof.js';

const NAME = /^[\p{L}][\p{L}' .-]{0,49}$/u;

function validate(ctx: IntentContext) {
  const firstName = slotValue(ctx.intent, 'firstName');
  const lastName = slotValue(ctx.intent, 'lastName');
  const dateOfBirth = slotValue(ctx.intent, 'dateOfBirth');
  const phone = slotValue(ctx.intent, 'phone');
  if (firstName && !NAME.test(firstName))
    return { slot: 'firstName', text: 'Please tell me your first name, letters only.' };
  if (lastName && !NAME.test(lastName))
    return { slot: 'lastName', text: 'Please tell me your last name, letters only.' };
  if (dateOfBirth) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(dateOfBirth) || dateOfBirth >= ctx.today) {
      return {
        slot: 'dateOfBirth',
        text: 'That date of birth does not look right. What is your date of birth, e.g. 12 March 1990?',
      };
    }
    const age = ageOn(dateOfBirth, ctx.today);
    if (age < ctx.deps.policy.minAgeYears) {
      return {
        stop: `Thank you for wanting to help! Donors must be at least ${ctx.deps.policy.minAgeYears}, so we can't register you yet.`,
      };
    }
    if (age > 110)
      return { slot: 'dateOfBirth', text: 'That date of birth does not look right. Could you say it again?' };
  }
  if (phone && !isValidPhoneNumber(phone)) {
    return {
      slot: 'phone',
      text: "That doesn't look like a valid mobile number. What's your mobile number?",
    };
  }
  return null;
}

export const registerDonor: IntentHandler = async (ctx) => {
  if (ctx.access === 'own' && (await ownDonorId(ctx))) {
    return close(ctx.event, 'Fulfilled', {
      text: "You're already registered as a donor. You can book a donation or ask when you can donate next.",
      buttons: [
        { text: 'Book a donation', value: 'book a donation' },
        { text: 'When can I donate?', value: 'when can I donate again' },
      ],
    });
  }
  const problem = validate(ctx);
  if (problem && 'stop' in problem) return close(ctx.event, 'Failed', { text: problem.stop! });
  if (problem)
    return elicitSlot(
      ctx.event,
      problem.slot,
      { text: problem.text },
      withSlots(ctx.intent, { [problem.slot]: null }),
    );

  if (ctx.event.invocationSource === 'DialogCodeHook') {
    const required = ['firstName', 'lastName', 'dateOfBirth', 'phone'];
    const phone = slotValue(ctx.intent, 'phone');
    // Staff may be told a number is on file; a donor registering themselves learns it only after the code.
    if (ctx.access !== 'own' && phone && (await ctx.deps.store.donorIdByPhone(phone))) {
      return elicitSlot(
        ctx.event,
        'phone',
        { text: 'That number is already registered with us. Is there another mobile number we can use?' },
        withSlots(ctx.intent, { phone: null }),
      );
    }
    // Blood group is optional, but asked once everything required is in: "not sure" is a fine answer.
    if (required.every((s) => slotValue(ctx.intent, s)) && !slotValue(ctx.intent, 'bloodGroup')) {
      return elicitSlot(ctx.event, 'bloodGroup', {
        text: "Do you know your blood group? Say it (e.g. O negative), or 'not sure'.",
        buttons: [
          { text: 'O+', value: 'O+' },
          { text: 'O-', value: 'O-' },
          { text: 'A+', value: 'A+' },
          { text: 'B+', value: 'B+' },
          { text: 'Not sure', value: 'not sure' },
        ],
        cardTitle: 'Blood group',
      });
    }
    if (ctx.access === 'own' && phone && ctx.intent.confirmationState === 'Confirmed') {
      const step = await provePhone(ctx, phone);
      if (step) return step;
    }
    return delegate(ctx.event);
  }

  if (ctx.access === 'own') return registerSelf(ctx);
  const firstName = slotValue(ctx.intent, 'firstName')!;
  const group = slotValue(ctx.intent, 'bloodGroup') ?? 'unknown';
  const outcome = await ctx.deps.store.registerDonor(
    {
      firstName,
      lastName: slotValue(ctx.intent, 'lastName')!,
      dateOfBirth: slotValue(ctx.intent, 'dateOfBirth')!,
      phoneE164: slotValue(ctx.intent, 'phone')!,
      bloodGroup: isBloodGroup(group) ? group : 'unknown',
      homeSite: ctx.deps.defaultSite,
    },
    ctx.actor,
  );
  if (!outcome.ok) {
    const text =
      outcome.reason === 'phone_taken'
        ? 'That mobile number is already registered, so I have not created a second profile.'
        : 'Your account is already linked to a donor profile.';
    return close(ctx.event, 'Failed', { text });
  }
  return registered(ctx, `${firstName} is registered as a donor`, group);
};

function registered(ctx: IntentContext, who: string, group: string): LexResponse {
  const groupNote =
    isBloodGroup(group) && BLOOD_GROUPS.includes(group)
      ? ''
      : " We'll find out the blood group at the first donation.";
  return close(ctx.event, 'Fulfilled', {
    text: `${who}.${groupNote} Next, book a donation: say "book a donation".`,
    buttons: [{ text: 'Book a donation', value: 'book a donation' }],
  });
}

/** Said when the number's donor already has an account: no more than the phone's owner knows. */
const CANNOT_LINK =
  "I can't link this number to your account. If you already have an account with us, please sign in with it; otherwise staff at a donation session can help.";

/** Fulfilment for a donor registering themselves: only with a proven number, used once. */
async function registerSelf(ctx: IntentContext): Promise<LexResponse> {
  const self = ctx.deps.selfRegistration;
  if (!self) return close(ctx.event, 'Failed', { text: UNAVAILABLE });
  const phone = slotValue(ctx.intent, 'phone')!;
  if (!(await consumeProof(self, ctx, phone))) return restartProof(ctx, phone);
  const firstName = slotValue(ctx.intent, 'firstName')!;
  const group = slotValue(ctx.intent, 'bloodGroup') ?? 'unknown';
  const sub = ctx.principal.userId;
  let donorId = await ctx.deps.store.donorIdByPhone(phone);
  if (!donorId) {
    const outcome = await ctx.deps.store.registerDonor(
      {
        firstName,
        lastName: slotValue(ctx.intent, 'lastName')!,
        dateOfBirth: slotValue(ctx.intent, 'dateOfBirth')!,
        phoneE164: phone,
        bloodGroup: isBloodGroup(group) ? group : 'unknown',
        homeSite: ctx.deps.defaultSite,
        cognitoSub: sub,
      },
      ctx.actor,
    );
    if (outcome.ok) return registered(ctx, `Thank you, ${firstName}! You're registered as a donor`, group);
    if (outcome.reason === 'account_linked')
      return close(ctx.event, 'Failed', { text: 'Your account is already linked to a donor profile.' });
    // Registered by someone else in the meantime: the number is on file now, so link as below.
    donorId = await ctx.deps.store.donorIdByPhone(phone);
    if (!donorId) return close(ctx.event, 'Failed', { text: CANNOT_LINK });
  }
  const linked = await self.accounts.linkDonorSub(donorId, sub, ctx.actor);
  if (linked.ok) {
    return close(ctx.event, 'Fulfilled', {
      text: `Thank you, ${firstName}! This number is on our donor records, so I've linked them to your account. You can book a donation or ask when you can donate next.`,
      buttons: [
        { text: 'Book a donation', value: 'book a donation' },
        { text: 'When can I donate?', value: 'when can I donate again' },
      ],
    });
  }
  if (linked.reason === 'account_linked')
    return close(ctx.event, 'Failed', { text: 'Your account is already linked to a donor profile.' });
  return close(ctx.event, 'Failed', { text: CANNOT_LINK });
}
