/**
 * CancelDonation. A donor cancels their own upcoming appointment; the slot is released in the same
 * transaction so someone else can take it.
 */
import { sayDate } from '../clock.js';
import { close, delegate, elicitSlot, slotValue, withSlots } from '../lex/dialog.js';
import { type IntentHandler, ownDonorId } from './context.js';

export const cancelDonation: IntentHandler = async (ctx) => {
  if (ctx.access === 'full') {
    return close(ctx.event, 'Failed', {
      text: 'Cancelling on behalf of a donor needs the donor record: ask the donor to cancel through the website or by SMS.',
    });
  }
  const donorId = await ownDonorId(ctx);
  const file = donorId ? await ctx.deps.store.donorFile(donorId) : null;
  const upcoming = (file?.appointments ?? [])
    .filter((a) => a.status === 'booked' && a.date >= ctx.today)
    .sort((a, b) => `${a.date}${a.time}`.localeCompare(`${b.date}${b.time}`));
  if (!file || upcoming.length === 0) {
    return close(ctx.event, 'Fulfilled', { text: "You don't have any upcoming appointments to cancel." });
  }
  const date = slotValue(ctx.intent, 'date');
  const chosen = date
    ? upcoming.find((a) => a.date === date)
    : upcoming.length === 1
      ? upcoming[0]
      : undefined;
  if (!chosen) {
    const list = upcoming.map((a) => `${sayDate(a.date, ctx.today)} at ${a.time}`).join('; ');
    return elicitSlot(
      ctx.event,
      'date',
      {
        text: date
          ? `You have no appointment on ${sayDate(date, ctx.today)}. Your appointments: ${list}. Which one?`
          : `Which appointment? ${list}.`,
        buttons: upcoming.slice(0, 5).map((a) => ({ text: sayDate(a.date, ctx.today), value: a.date })),
        cardTitle: 'Your appointments',
      },
      withSlots(ctx.intent, { date: null }),
    );
  }
  if (ctx.event.invocationSource === 'DialogCodeHook') {
    return delegate(ctx.event, withSlots(ctx.intent, { date: chosen.date }));
  }
  const outcome = await ctx.deps.store.cancelAppointment(
    file.profile.donorId,
    chosen.appointmentId,
    ctx.actor,
  );
  if (!outcome.ok) return close(ctx.event, 'Fulfilled', { text: 'That appointment was already cancelled.' });
  return close(ctx.event, 'Fulfilled', {
    text: `Cancelled your appointment on ${sayDate(chosen.date, ctx.today)} at ${chosen.time}. Thank you for letting us know: the slot is free for someone else.`,
    buttons: [{ text: 'Book another time', value: 'book a donation' }],
  });
};
