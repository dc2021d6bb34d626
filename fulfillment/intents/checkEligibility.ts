/**
 * CheckEligibility. A donor gets their own next eligible date (the latest of every interval and
 * deferral under the configured policy); everyone else gets the general rules.
 */
import { sayDate } from '../clock.js';
import type { Policy } from '../domain/policy.js';
import { DONATION_TYPE_LABEL, type DonationType } from '../domain/vocabulary.js';
import { close, slotValue } from '../lex/dialog.js';
import { donationTypeOf, donorEligibility } from '../usecases/donorEligibility.js';
import { type IntentHandler, ownDonorId } from './context.js';

function intervalText(policy: Policy, type: DonationType): string {
  const { days, maxPerYear } = policy.intervals[type];
  const gap = typeof days === 'number' ? `${days} days` : `${days.M} days (men) or ${days.F} days (women)`;
  return `${gap} between ${DONATION_TYPE_LABEL[type]} donations${maxPerYear ? `, at most ${maxPerYear} a year` : ''}`;
}

function generalRules(policy: Policy, type: DonationType): string {
  const upper = policy.maxFirstDonationAgeYears
    ? ` (first-time donors up to ${policy.maxFirstDonationAgeYears})`
    : '';
  return `In general you can donate if you are at least ${policy.minAgeYears}${upper}, weigh at least ${policy.minWeightKg} kg and are in good health. We need ${intervalText(policy, type)}. Some travel, tattoos, medicines and recent illness mean waiting a while; we'll check on the day.`;
}

export const checkEligibility: IntentHandler = async (ctx) => {
  const type = donationTypeOf(slotValue(ctx.intent, 'donationType'));
  const policy = ctx.deps.policy;
  const donorId = ctx.access === 'own' ? await ownDonorId(ctx) : null;
  const file = donorId ? await ctx.deps.store.donorFile(donorId) : null;
  if (!file) {
    const suffix = ctx.access === 'own' ? ' Register as a donor and I can tell you your own date.' : '';
    return close(ctx.event, 'Fulfilled', { text: `${generalRules(policy, type)}${suffix}` });
  }
  const result = donorEligibility(file, type, ctx.today, policy);
  const label = DONATION_TYPE_LABEL[type];
  if (result.eligible) {
    return close(ctx.event, 'Fulfilled', {
      text: `Good news: you can donate ${label} now. We'll do a quick health check on the day.`,
      buttons: [{ text: 'Book a donation', value: 'book a donation' }],
    });
  }
  const why = result.reasons.map((r) => r.detail).join('; ');
  if (!result.nextEligibleOn) {
    return close(ctx.event, 'Fulfilled', {
      text: `You can't donate ${label} at the moment (${why}). Please call us and our team will advise.`,
    });
  }
  return close(ctx.event, 'Fulfilled', {
    text: `You can donate ${label} again from ${sayDate(result.nextEligibleOn, ctx.today)} (${why}).`,
  });
};
