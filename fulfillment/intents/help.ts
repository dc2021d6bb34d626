/**
 * Help (greetings land here) and FallbackIntent: what this user can do, as buttons. A donor's menu
 * fits where they are: someone signed in without a donor record is offered registration, not
 * booking; a donor with an upcoming appointment is told it and offered to cancel it, not to book a
 * second one (one upcoming appointment per donor); one without is offered booking, not cancelling.
 */
import { sayDate } from '../clock.js';
import type { Role } from '../domain/vocabulary.js';
import { close, elicitIntent } from '../lex/dialog.js';
import { type IntentContext, type IntentHandler, ownDonorId } from './context.js';

type Menu = { text: string; buttons: Array<{ text: string; value: string }> };

/** Staff and admins are offered the same menu; admin-only actions are not chat intents. */
const STAFF_MENU = {
  text: 'Hello! Ask about stock ("how many O negative red cells do we have"), request units ("4 units of O- red cells, urgent"), or register a walk-in donor.',
  buttons: [
    { text: 'Stock', value: 'check stock' },
    { text: 'Request units', value: 'request units' },
    { text: 'Register a donor', value: 'register a donor' },
  ],
};

const WHEN = { text: 'When can I donate?', value: 'when can I donate again' };
const STOCK = { text: 'Stock levels', value: 'how is blood stock' };

/** A donor's menu depends on their record: menuFor. */
const MENU: Record<Exclude<Role, 'donor'>, Menu> = {
  anonymous: {
    text: 'Hello! I am the blood service assistant. I can tell you our stock levels and who can give blood. Sign in to register as a donor and book a donation.',
    buttons: [STOCK, { text: 'Can I give blood?', value: 'can I give blood' }],
  },
  staff: STAFF_MENU,
  admin: STAFF_MENU,
};

async function menuFor(ctx: IntentContext): Promise<Menu> {
  if (ctx.principal.role !== 'donor') return MENU[ctx.principal.role];
  const donorId = await ownDonorId(ctx);
  const file = donorId ? await ctx.deps.store.donorFile(donorId) : null;
  if (!file) {
    return {
      text: "Hello! You're signed in but not registered as a donor yet. I can register you, tell you who can give blood, and show stock levels.",
      buttons: [
        { text: 'Register as a donor', value: 'register as a donor' },
        { text: 'Can I give blood?', value: 'can I give blood' },
        STOCK,
      ],
    };
  }
  const next = file.appointments
    .filter((a) => a.status === 'booked' && a.date >= ctx.today)
    .sort((a, b) => `${a.date}${a.time}`.localeCompare(`${b.date}${b.time}`))[0];
  if (next) {
    const site = await ctx.deps.store.site(next.site);
    return {
      text: `Hello! Your next donation is ${sayDate(next.date, ctx.today)} at ${next.time}, ${site?.name ?? next.site}. I can cancel it, tell you when you can donate next, and show stock levels.`,
      buttons: [{ text: 'Cancel my appointment', value: 'cancel my appointment' }, WHEN, STOCK],
    };
  }
  return {
    text: 'Hello! I can book or cancel your donation, tell you when you can donate next, and show stock levels.',
    buttons: [{ text: 'Book a donation', value: 'book a donation' }, WHEN, STOCK],
  };
}

export const help: IntentHandler = async (ctx) => {
  const menu = await menuFor(ctx);
  return close(ctx.event, 'Fulfilled', { ...menu, cardTitle: 'What I can do' });
};

export const fallback: IntentHandler = async (ctx) => {
  const menu = await menuFor(ctx);
  return elicitIntent(ctx.event, {
    text: "Sorry, I didn't understand that. Here is what I can help with:",
    buttons: menu.buttons,
    cardTitle: 'What I can do',
  });
};
