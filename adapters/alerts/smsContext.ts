/**
 * How an SMS reply is understood as an answer to an appeal: the SMS adapter asks this, per inbound
 * message from a known donor, for the active contexts to pass to the bot. While the donor's appeal
 * awaits an answer (or a YES awaits a booking), that is the `shortageAlert` context with the alert
 * id as its attribute; otherwise none, so a stray "yes" days later is not taken as an answer.
 */

import { ALERT_CONTEXT } from '../../bots/definition/respondToAlert.js';
import type { BotActiveContext } from '../../bots/runtime/port.js';
import type { AlertStore } from '../../fulfillment/store/alertsPort.js';

/** Turns per inbound SMS: the answer, an offer, a second offer, and slack for a retry. */
const TURNS = 5;

export type AlertContexts = (donorId: string) => Promise<BotActiveContext[]>;

export function alertContexts(alerts: Pick<AlertStore, 'pendingAlert'>, now: () => Date): AlertContexts {
  return async (donorId) => {
    const pending = await alerts.pendingAlert(donorId);
    if (!pending || pending.answer === 'no' || pending.appointmentId) return [];
    // Lex caps a context at a day; the adapter re-adds it each turn while the appeal is open.
    const seconds = Math.min(86_400, pending.expiresAt - Math.floor(now().getTime() / 1000));
    if (seconds <= 0) return [];
    return [
      {
        name: ALERT_CONTEXT,
        contextAttributes: { alertId: pending.alertId },
        timeToLive: { timeToLiveInSeconds: seconds, turnsToLive: TURNS },
      },
    ];
  };
}
