/**
 * RespondToAlert: a donor answers a shortage appeal, usually by SMS. Only reachable while the
 * `shortageAlert` context is active; the SMS adapter restores it from the donor's pending appeal
 * (adapters/alerts/smsContext.ts), with the alert id as a context attribute.
 *
 * YES → the earliest free time at the donor's site is offered, with an alternative (NO to the first
 * offers the second); YES to an offer books it (the bookDonation use case, shared with
 * ScheduleDonation: slot capacity and one upcoming appointment per donor hold, and the booking is
 * counted on the alert), and the reply, sent by SMS, is the confirmation.
 * NO → thanked, and the appeal is not raised with them again. After the alert closed → a polite
 * answer. The context attribute is never trusted alone: it must match the donor's pending appeal.
 * Replies stay short: they go out as SMS.
 */
import { ALERT_CONTEXT } from '../../bots/definition/respondToAlert.js';
import { timeIn } from '../clock.js';
import { close, confirmIntent, elicitSlot, slotValue } from '../lex/dialog.js';
import type { LexResponse } from '../lex/event.js';
import type { Site } from '../store/port.js';
import type { AlertOffer, AlertStore, PendingAlert } from '../usecases/alerts/port.js';
import { chooseOffer, screenHistory } from '../usecases/alerts/rules.js';
import { nextFreeSlots } from '../usecases/availability.js';
import { bookDonation, type FreeTimeSearch } from '../usecases/bookDonation.js';
import { type IntentContext, type IntentHandler, ownDonorId } from './context.js';

/** How far ahead a YES looks for free times. */
export const OFFER_HORIZON_DAYS = 14;

const NO_APPEAL =
  'There is no open appeal for you to answer right now. Thank you for being ready to help! You can book a donation any time: say "book a donation".';
const CLOSED =
  'Thank you! This appeal has closed, so there is nothing to book from it. You can still book a donation: say "book a donation".';
/** Dropping the context: the conversation about this appeal is over. */
const DONE = { activeContexts: [] };

/** "Wed 25 Nov": short enough for one SMS segment. */
export function shortDate(date: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: 'UTC',
    weekday: 'short',
    day: 'numeric',
    month: 'short',
  }).format(new Date(`${date}T12:00:00Z`));
}

const slotText = (s: { date: string; time: string }) => `${shortDate(s.date)} ${s.time}`;

export const respondToAlert: IntentHandler = async (ctx) => {
  const active = (ctx.event.sessionState.activeContexts ?? []).find((c) => c.name === ALERT_CONTEXT);
  const alertId = active?.contextAttributes?.alertId;
  const alerts = ctx.deps.alerts;
  const donorId = ctx.access === 'own' && alertId && alerts ? await ownDonorId(ctx) : null;
  const pending = donorId && alerts ? await alerts.pendingAlert(donorId) : null;
  if (!alerts || !donorId || !pending || pending.alertId !== alertId) {
    return close(ctx.event, 'Fulfilled', { text: NO_APPEAL }, undefined, DONE);
  }
  const alert = await alerts.alert(pending.alertId);
  if (alert?.status !== 'open') return close(ctx.event, 'Fulfilled', { text: CLOSED }, undefined, DONE);

  const answer = slotValue(ctx.intent, 'answer');
  if (answer !== 'yes' && answer !== 'no') {
    return elicitSlot(ctx.event, 'answer', { text: 'Can you come in to donate? Please reply YES or NO.' });
  }
  if (answer === 'no') {
    await alerts.recordAnswer(donorId, pending.alertId, 'no');
    return close(
      ctx.event,
      'Fulfilled',
      { text: "Thank you for letting us know. We won't ask you about this appeal again." },
      undefined,
      DONE,
    );
  }
  await alerts.recordAnswer(donorId, pending.alertId, 'yes');
  return answerYes(ctx, alerts, donorId, pending);
};

async function answerYes(
  ctx: IntentContext,
  alerts: AlertStore,
  donorId: string,
  pending: PendingAlert,
): Promise<LexResponse> {
  if (pending.appointmentId) {
    return close(
      ctx.event,
      'Fulfilled',
      { text: 'You are already booked for this appeal. Thank you!' },
      undefined,
      DONE,
    );
  }
  const file = await ctx.deps.store.donorFile(donorId);
  const upcoming = file?.appointments.find((a) => a.status === 'booked' && a.date >= ctx.today);
  if (upcoming) {
    return close(
      ctx.event,
      'Fulfilled',
      { text: `Thank you! You are already booked: ${slotText(upcoming)}. See you then.` },
      undefined,
      DONE,
    );
  }
  const eligible = screenHistory(file, ctx.today, ctx.deps.policy);
  if (!eligible.ok) {
    // Targeting checked this when the SMS went out; a donation since then changes the answer.
    return close(
      ctx.event,
      'Fulfilled',
      {
        text: "Thank you! Our records show you can't donate just yet, so there is nothing to book. We'll be in touch.",
      },
      undefined,
      DONE,
    );
  }
  const site = await ctx.deps.store.site(pending.site);
  if (!site)
    return close(ctx.event, 'Failed', { text: 'Sorry, please call us to book a time.' }, undefined, DONE);

  const offer = pending.offer;
  const confirmation = ctx.intent.confirmationState ?? 'None';
  if (confirmation === 'Confirmed' && offer) return book(ctx, alerts, donorId, pending, site, offer);
  if (confirmation === 'Denied' && offer) {
    const next = offer.current + 1;
    if (next < offer.slots.length) {
      const updated = { ...offer, current: next };
      await alerts.saveOffer(donorId, pending.alertId, updated);
      return offerSlot(ctx, site, updated, 'How about');
    }
    return close(
      ctx.event,
      'Fulfilled',
      { text: 'No problem, thank you. Text "book a donation" any time to choose another time.' },
      undefined,
      DONE,
    );
  }
  return freshOffer(ctx, alerts, donorId, pending, site, 'Thank you! Earliest:');
}

/** Where an offer looks: a day's worth of times and one more, so the alternative can be on another day. */
function offerSearch(ctx: IntentContext, site: Site): FreeTimeSearch {
  return { from: ctx.today, horizonDays: OFFER_HORIZON_DAYS, wanted: site.slotTimes.length + 1 };
}

async function freshOffer(
  ctx: IntentContext,
  alerts: AlertStore,
  donorId: string,
  pending: PendingAlert,
  site: Site,
  lead: string,
  /** Free times already read (after a lost booking race); read now when absent. */
  found?: Array<{ date: string; time: string }>,
): Promise<LexResponse> {
  const search = offerSearch(ctx, site);
  const free =
    found ??
    (await nextFreeSlots(ctx.deps.store, site, search.from, {
      today: ctx.today,
      nowTime: timeIn(ctx.deps.timeZone, ctx.now),
      horizonDays: search.horizonDays,
      wanted: search.wanted,
    }));
  const slots = chooseOffer(free);
  if (slots.length === 0) {
    return close(
      ctx.event,
      'Fulfilled',
      {
        text: `Thank you! ${site.name} has no free times in the next two weeks. Please call us to arrange a visit.`,
      },
      undefined,
      DONE,
    );
  }
  const offer: AlertOffer = { site: site.id, slots, current: 0 };
  await alerts.saveOffer(donorId, pending.alertId, offer);
  return offerSlot(ctx, site, offer, lead);
}

function offerSlot(ctx: IntentContext, site: Site, offer: AlertOffer, lead: string): LexResponse {
  const slot = offer.slots[offer.current]!;
  const alternative = offer.slots[offer.current + 1];
  const tail = alternative
    ? `Reply YES to book it, or NO to hear ${slotText(alternative)} instead.`
    : 'Reply YES to book it or NO to skip.';
  const text =
    lead === 'How about'
      ? `How about ${slotText(slot)} at ${site.name}? ${tail}`
      : `${lead} ${slotText(slot)} at ${site.name}. ${tail}`;
  return confirmIntent(ctx.event, { text });
}

async function book(
  ctx: IntentContext,
  alerts: AlertStore,
  donorId: string,
  pending: PendingAlert,
  site: Site,
  offer: AlertOffer,
): Promise<LexResponse> {
  const slot = offer.slots[offer.current]!;
  const outcome = await bookDonation(
    ctx.deps.store,
    { donorId, site, date: slot.date, time: slot.time, donationType: 'whole_blood' },
    {
      today: ctx.today,
      nowTime: timeIn(ctx.deps.timeZone, ctx.now),
      alternatives: offerSearch(ctx, site),
      appeal: { alerts, alertId: pending.alertId },
    },
    ctx.actor,
  );
  if (outcome.ok) {
    return close(
      ctx.event,
      'Fulfilled',
      {
        text: `Booked: ${slotText(slot)} at ${site.name}, ${site.address}. Thank you for answering our appeal!`,
      },
      undefined,
      DONE,
    );
  }
  if (outcome.reason === 'already_booked') {
    return close(
      ctx.event,
      'Fulfilled',
      { text: 'You already have an upcoming appointment. Thank you!' },
      undefined,
      DONE,
    );
  }
  // Someone took the last place between the offer and the YES: offer what is free now.
  return freshOffer(
    ctx,
    alerts,
    donorId,
    pending,
    site,
    `Sorry, ${slot.time} was just taken. Next:`,
    outcome.free,
  );
}
