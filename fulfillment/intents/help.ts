/** Help (greetings land here) and FallbackIntent: what this user can do, as buttons. */
import type { Role } from '../domain/vocabulary.js';
import { close, elicitIntent } from '../lex/dialog.js';
import type { IntentHandler } from './context.js';

/** Staff and admins are offered the same menu; admin-only actions are not chat intents. */
const STAFF_MENU = {
  text: 'Hello! Ask about stock ("how many O negative red cells do we have"), request units ("4 units of O- red cells, urgent"), or register a walk-in donor.',
  buttons: [
    { text: 'Stock', value: 'check stock' },
    { text: 'Request units', value: 'request units' },
    { text: 'Register a donor', value: 'register a donor' },
  ],
};

const MENU: Record<Role, { text: string; buttons: Array<{ text: string; value: string }> }> = {
  anonymous: {
    text: 'Hello! I am the blood service assistant. I can tell you our stock levels and who can give blood. Sign in to register as a donor and book a donation.',
    buttons: [
      { text: 'Stock levels', value: 'how is blood stock' },
      { text: 'Can I give blood?', value: 'can I give blood' },
    ],
  },
  donor: {
    text: 'Hello! I can book or cancel your donation, tell you when you can donate next, and show stock levels.',
    buttons: [
      { text: 'Book a donation', value: 'book a donation' },
      { text: 'Cancel my appointment', value: 'cancel my appointment' },
      { text: 'When can I donate?', value: 'when can I donate again' },
      { text: 'Register as a donor', value: 'register as a donor' },
      { text: 'Stock levels', value: 'how is blood stock' },
    ],
  },
  staff: STAFF_MENU,
  admin: STAFF_MENU,
};

export const help: IntentHandler = async (ctx) => {
  const menu = MENU[ctx.principal.role];
  return close(ctx.event, 'Fulfilled', { ...menu, cardTitle: 'What I can do' });
};

export const fallback: IntentHandler = async (ctx) => {
  const menu = MENU[ctx.principal.role];
  return elicitIntent(ctx.event, {
    text: "Sorry, I didn't understand that. Here is what I can help with:",
    buttons: menu.buttons,
    cardTitle: 'What I can do',
  });
};
