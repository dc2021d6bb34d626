/**
 * CheckEligibility. A donor gets their own next eligible date (the latest of every interval and
 * deferral under the configured policy); everyone else gets the general rules. A self-declared
 * topic (a tattoo, a trip, a cold...) gets its rule and never "you can donate now" (DOMAIN.md
 * "Self-declared deferrals"): given when it happened, the date they can donate from, which a
 * signed-in donor may have noted on their record so that no booking before it is made.
 */
import { sayDate } from '../clock.js';
import type { Policy } from '../domain/policy.js';
import { type SelfDeclaredAnswer, selfDeclaredDeferral } from '../domain/selfDeclared.js';
import {
  type DeferralTopic,
  DONATION_TYPE_LABEL,
  type DonationType,
  isDeferralTopic,
} from '../domain/vocabulary.js';
import { close, confirmIntent, elicitSlot, slotValue } from '../lex/dialog.js';
import type { DonorFile } from '../store/port.js';
import { donationTypeOf, donorEligibility, sinceDate, TOPIC_REASON } from '../usecases/donorEligibility.js';
import { type IntentContext, type IntentHandler, ownDonorId } from './context.js';

/** Set while we wait for "when did it happen?": an answer that is no date ("not sure") gets the rule. */
const ASKED_SINCE = 'eligibilityAskedSince';

const WHEN_QUESTION: Record<DeferralTopic, string> = {
  tattoo: 'When did you have it done?',
  travel: 'When did you get back?',
  illness: 'When did it start?',
  antibiotics: 'When did you (or will you) take the last dose?',
  vaccination: 'When did you have it?',
  pregnancy: 'When was your baby born? If you are pregnant now, say "not sure".',
};

/**
 * Anything else about health or medicines ("I have diabetes", "I take blood pressure pills"): the
 * session's health check decides, so the answer says that rather than "you can donate". Also catches
 * a topic the slot missed, so no mention of one ever reads "you can donate now".
 */
const HEALTH_MENTION =
  /\b(?:diabet\w*|insulin|blood pressure|hypertension|pills?|tablets?|medicines?|medications?|meds|prescri\w+|condition|asthma|inhaler|epilep\w*|seizures?|cancer|chemo\w*|heart|stroke|surgery|operation|anaemi\w*|anemi\w*|iron|hepatitis|hiv|thyroid|allerg\w*|depression|antidepressants?|steroids?|blood thinners?|warfarin|breastfeeding|breast feeding|tattoo\w*|pierc\w*|microblad\w*|acupuncture|malaria|abroad|travel\w*|cold|flu|fever|sore throat|ill|sick|unwell|antibiotics?|vaccin\w*|jab|booster|pregnan\w*|gave birth|baby)\b/i;

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

function healthCheckDecides(policy: Policy, type: DonationType): string {
  return `The health check on the day decides that: tell the team about it and they will say whether you can donate. ${generalRules(policy, type)}`;
}

/** The signed-in donor's file, or null for anyone without one (anonymous, staff, not registered). */
async function donorFileOf(ctx: IntentContext): Promise<DonorFile | null> {
  const donorId = ctx.access === 'own' ? await ownDonorId(ctx) : null;
  return donorId ? ctx.deps.store.donorFile(donorId) : null;
}

function afterRule(answer: SelfDeclaredAnswer, today: string): string {
  const from = answer.canDonateFrom;
  if (from === 'when_well') {
    return ' If you feel well on the day you are welcome to book; the health check on the day decides.';
  }
  if (from === 'after_course')
    return ' Once the course is finished, ask me again with the date of the last dose.';
  if (from === undefined)
    return ' When you know the date, ask me again and I will work out when you can donate.';
  if (answer.deferredNow) return ` So you can donate from ${sayDate(from, today)}.`;
  return ` By that rule the wait ended ${from === today ? 'today' : `on ${sayDate(from, today)}`}; the health check on the day decides the rest.`;
}

async function answerTopic(ctx: IntentContext, topic: DeferralTopic, type: DonationType) {
  const { event, intent, today } = ctx;
  const policy = ctx.deps.policy;
  const since = sinceDate(slotValue(intent, 'since'), today);
  const answer = selfDeclaredDeferral(policy, topic, since, today);
  const asked = event.sessionState.sessionAttributes?.[ASKED_SINCE] === topic;
  const done = { sessionAttributes: { [ASKED_SINCE]: '' } };
  const needsDate = answer.canDonateFrom === undefined || answer.canDonateFrom === 'after_course';
  if (needsDate && !asked) {
    return elicitSlot(
      event,
      'since',
      {
        text: `${answer.rule} ${WHEN_QUESTION[topic]} A rough date is fine ("three weeks ago"), and I'll work out when you can donate.`,
        buttons: [{ text: 'Not sure', value: 'not sure' }],
      },
      undefined,
      { sessionAttributes: { [ASKED_SINCE]: topic } },
    );
  }
  const text = `${answer.rule}${afterRule(answer, today)}`;
  const from = answer.canDonateFrom;
  const dated = typeof from === 'string' && from !== 'when_well' && from !== 'after_course';
  if (!dated || !answer.deferredNow) return close(event, 'Fulfilled', { text }, undefined, done);
  const file = await donorFileOf(ctx);
  if (!file) {
    const invite = ctx.access === 'general' ? ' Sign in and I can note it on your record.' : '';
    return close(event, 'Fulfilled', { text: `${text}${invite}` }, undefined, done);
  }
  const own = donorEligibility(file, type, today, policy);
  const later =
    !own.eligible && own.nextEligibleOn && own.nextEligibleOn > from
      ? ` Your record also shows a wait until ${sayDate(own.nextEligibleOn, today)} (${own.reasons.map((r) => r.detail).join('; ')}).`
      : '';
  const confirmation = intent.confirmationState ?? 'None';
  if (confirmation === 'Denied') {
    return close(
      event,
      'Fulfilled',
      { text: "OK, I haven't noted anything on your record." },
      undefined,
      done,
    );
  }
  if (confirmation === 'Confirmed') {
    await ctx.deps.store.addDeferral(
      file.profile.donorId,
      { until: from, reason: TOPIC_REASON[topic] },
      ctx.actor,
    );
    return close(
      event,
      'Fulfilled',
      {
        text: `Noted on your record: you can donate from ${sayDate(from, today)}, and I won't book you in before then.`,
      },
      undefined,
      done,
    );
  }
  return confirmIntent(
    event,
    {
      text: `${text}${later} Shall I note this on your record, so that we don't book you in before then?`,
    },
    undefined,
    done,
  );
}

export const checkEligibility: IntentHandler = async (ctx) => {
  const type = donationTypeOf(slotValue(ctx.intent, 'donationType'));
  const policy = ctx.deps.policy;
  const topic = slotValue(ctx.intent, 'topic');
  if (topic && isDeferralTopic(topic)) return answerTopic(ctx, topic, type);
  const mentionsHealth = HEALTH_MENTION.test(ctx.event.inputTranscript ?? '');
  if (mentionsHealth) return close(ctx.event, 'Fulfilled', { text: healthCheckDecides(policy, type) });
  const file = await donorFileOf(ctx);
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
