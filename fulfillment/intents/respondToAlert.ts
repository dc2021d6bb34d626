/**
 * RespondToAlert. Only reachable while a shortage alert is active for the donor (the `shortageAlert`
 * context). When there is no open alert, say so kindly and point to booking.
 */
import { close } from '../lex/dialog.js';
import type { IntentHandler } from './context.js';

export const ALERT_CONTEXT = 'shortageAlert';

export const respondToAlert: IntentHandler = async (ctx) => {
  const active = (ctx.event.sessionState.activeContexts ?? []).find((c) => c.name === ALERT_CONTEXT);
  if (ctx.access !== 'own' || !active?.contextAttributes?.alertId) {
    return close(ctx.event, 'Fulfilled', {
      text: 'There is no open appeal for you to answer right now. Thank you for being ready to help! You can book a donation any time: say "book a donation".',
    });
  }
  return close(ctx.event, 'Failed', {
    text: 'Thank you! This appeal has closed, so there is nothing to book from it. You can still book a donation: say "book a donation".',
  });
};
