/**
 * ScheduleDonation. A donor books their own appointment. The dialog hook checks, as each answer
 * arrives, that the date is open, that the donor will be eligible that day (no booking someone we
 * would turn away), and that the time has room; it offers free times as buttons. The booking itself
 * is the bookDonation use case, whose transaction has the last word on capacity, so a race is
 * answered, never overbooked.
 */
import { sayDate, timeIn } from '../clock.js';
import { addDays } from '../domain/dates.js';
import { DONATION_TYPE_LABEL } from '../domain/vocabulary.js';
import { close, delegate, elicitSlot, slotValue, withSlots } from '../lex/dialog.js';
import type { Site } from '../store/port.js';
import { freeTimes, nextFreeSlots } from '../usecases/availability.js';
import { bookDonation } from '../usecases/bookDonation.js';
import { donationTypeOf, donorEligibility } from '../usecases/donorEligibility.js';
import { type IntentContext, type IntentHandler, ownDonorId } from './context.js';

/** How far ahead donors may book. */
export const BOOKING_HORIZON_DAYS = 90;

function timeButtons(times: string[]) {
  return times.slice(0, 5).map((t) => ({ text: t, value: t }));
}

async function offerOtherDates(ctx: IntentContext, site: Site, from: string, why: string) {
  const nowTime = timeIn(ctx.deps.timeZone, ctx.now);
  const options = await nextFreeSlots(ctx.deps.store, site, from, {
    today: ctx.today,
    nowTime,
    horizonDays: 21,
    wanted: 5,
  });
  const dates = [...new Set(options.map((o) => o.date))].slice(0, 5);
  return elicitSlot(
    ctx.event,
    'date',
    {
      text: dates.length
        ? `${why} Which date would suit you?`
        : `${why} There are no free times in the next three weeks.`,
      buttons: dates.map((d) => ({ text: sayDate(d, ctx.today), value: d })),
      cardTitle: 'Dates with free times',
    },
    withSlots(ctx.intent, { date: null, time: null }),
  );
}

export const scheduleDonation: IntentHandler = async (ctx) => {
  if (ctx.access === 'full') {
    return close(ctx.event, 'Failed', {
      text: 'Booking on behalf of a donor needs the donor record: ask the donor to book through the website or by replying to our SMS.',
    });
  }
  const donorId = await ownDonorId(ctx);
  const file = donorId ? await ctx.deps.store.donorFile(donorId) : null;
  if (!file) {
    return close(ctx.event, 'Failed', {
      text: 'First, let\'s register you as a donor: say "register as a donor".',
      buttons: [{ text: 'Register as a donor', value: 'register as a donor' }],
    });
  }
  const siteId = slotValue(ctx.intent, 'site') ?? file.profile.homeSite ?? ctx.deps.defaultSite;
  const site = await ctx.deps.store.site(siteId);
  if (!site) {
    return elicitSlot(
      ctx.event,
      'site',
      { text: `I don't know the site "${siteId}". Which donation site?` },
      withSlots(ctx.intent, { site: null }),
    );
  }
  const donationType = donationTypeOf(slotValue(ctx.intent, 'donationType'));
  const filled = withSlots(ctx.intent, { site: site.id, donationType });
  const date = slotValue(ctx.intent, 'date');
  const time = slotValue(ctx.intent, 'time');
  const nowTime = timeIn(ctx.deps.timeZone, ctx.now);

  const upcoming = file.appointments.find((a) => a.status === 'booked' && a.date >= ctx.today);
  if (upcoming) {
    return close(ctx.event, 'Failed', {
      text: `You already have an appointment on ${sayDate(upcoming.date, ctx.today)} at ${upcoming.time}. To change it, cancel it first: say "cancel my appointment".`,
    });
  }

  if (date) {
    if (date < ctx.today) return offerOtherDates(ctx, site, ctx.today, 'That date has passed.');
    if (date > addDays(ctx.today, BOOKING_HORIZON_DAYS)) {
      return offerOtherDates(
        ctx,
        site,
        ctx.today,
        `We take bookings up to ${BOOKING_HORIZON_DAYS} days ahead.`,
      );
    }
    const eligibility = donorEligibility(file, donationType, date, ctx.deps.policy);
    if (!eligibility.eligible) {
      if (!eligibility.nextEligibleOn) {
        return close(ctx.event, 'Failed', {
          text: `I'm sorry, you can't donate ${DONATION_TYPE_LABEL[donationType]} at the moment (${eligibility.reasons.map((r) => r.detail).join('; ')}). Our team can advise: please call us.`,
        });
      }
      return offerOtherDates(
        ctx,
        site,
        eligibility.nextEligibleOn,
        // The reason too ("a tattoo or piercing you told us about"): a refusal that says why.
        `You can donate ${DONATION_TYPE_LABEL[donationType]} again from ${sayDate(eligibility.nextEligibleOn, ctx.today)} (${eligibility.reasons.map((r) => r.detail).join('; ')}).`,
      );
    }
    const free = await freeTimes(ctx.deps.store, site, date, { today: ctx.today, nowTime });
    if (free.length === 0) {
      return offerOtherDates(
        ctx,
        site,
        date,
        `${site.name} has no free times on ${sayDate(date, ctx.today)}.`,
      );
    }
    if (!time || !free.includes(time)) {
      const why = time
        ? site.slotTimes.includes(time)
          ? `${time} is full.`
          : `${time} isn't an appointment time.`
        : '';
      return elicitSlot(
        ctx.event,
        'time',
        {
          text: `${why} Free times on ${sayDate(date, ctx.today)}: ${free.join(', ')}. Which time?`.trim(),
          buttons: timeButtons(free),
          cardTitle: 'Free times',
        },
        withSlots(filled, { time: null }),
      );
    }
  }

  if (ctx.event.invocationSource === 'DialogCodeHook') return delegate(ctx.event, filled);
  if (!date || !time) return delegate(ctx.event, filled);

  const outcome = await bookDonation(
    ctx.deps.store,
    { donorId: file.profile.donorId, site, date, time, donationType },
    // A time taken meanwhile is answered with the other free times of that day.
    {
      today: ctx.today,
      nowTime,
      alternatives: { from: date, horizonDays: 0, wanted: site.slotTimes.length },
    },
    ctx.actor,
  );
  if (!outcome.ok) {
    if (outcome.reason === 'already_booked') {
      return close(ctx.event, 'Failed', {
        text: 'You already have an upcoming appointment; cancel it first to book another.',
      });
    }
    const free = outcome.free.map((s) => s.time);
    return elicitSlot(
      ctx.event,
      'time',
      {
        text: `Sorry, ${time} was just taken. Free times: ${free.join(', ') || 'none that day'}.`,
        buttons: timeButtons(free),
        cardTitle: 'Free times',
      },
      withSlots(filled, { time: null }),
    );
  }
  return close(ctx.event, 'Fulfilled', {
    text: `Booked: ${DONATION_TYPE_LABEL[donationType]} at ${site.name}, ${sayDate(date, ctx.today)} at ${time}. ${site.address}. Please eat and drink well beforehand. Thank you!`,
  });
};
