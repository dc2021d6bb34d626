/**
 * RegisterDonor. A signed-in donor creates and links their own profile; staff register walk-in
 * donors; anonymous visitors are asked to sign in or sign up first (the authorization table's
 * RegisterDonor row), so every profile belongs to an account or was entered by staff. The dialog hook validates each answer as it arrives.
 */
import { isValidPhoneNumber } from 'libphonenumber-js';
import { ageOn } from '../domain/eligibility.js';
import { BLOOD_GROUPS, isBloodGroup } from '../domain/vocabulary.js';
import { close, delegate, elicitSlot, slotValue, withSlots } from '../lex/dialog.js';
import { type IntentContext, type IntentHandler, ownDonorId } from './context.js';

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
    if (phone && (await ctx.deps.store.donorIdByPhone(phone))) {
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
    return delegate(ctx.event);
  }

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
      ...(ctx.access === 'own' ? { cognitoSub: ctx.principal.userId } : {}),
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
  const who =
    ctx.access === 'own'
      ? `Thank you, ${firstName}! You're registered as a donor`
      : `${firstName} is registered as a donor`;
  const groupNote =
    isBloodGroup(group) && BLOOD_GROUPS.includes(group)
      ? ''
      : " We'll find out the blood group at the first donation.";
  return close(ctx.event, 'Fulfilled', {
    text: `${who}.${groupNote} Next, book a donation: say "book a donation".`,
    buttons: [{ text: 'Book a donation', value: 'book a donation' }],
  });
};
