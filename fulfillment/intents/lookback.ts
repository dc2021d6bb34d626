/**
 * Lookback (staff): for a DIN, or a donor's latest reactive donation, the earlier donations in the
 * lookback window: in-date components still held are quarantined, issued ones listed with hospital
 * and date, and staff sent the list. Confirmed first (it holds units).
 */
import { sayDate } from '../clock.js';
import { COMPONENT_LABEL } from '../domain/vocabulary.js';
import { close, elicitSlot, slotValue } from '../lex/dialog.js';
import { lookback as runLookback } from '../usecases/units/lookback.js';
import type { IntentHandler } from './context.js';
import { donorInWords, findDonor } from './donorLookup.js';
import { confirmThen, printed, readDins, unitDeps, units } from './units.js';

export const lookback: IntentHandler = async (ctx) => {
  let input: { din: string } | { donorId: string };
  let subject: string;
  if (slotValue(ctx.intent, 'din')) {
    const read = readDins(ctx, { max: 1 });
    if (!read.ok) return read.response;
    input = { din: read.dins[0]! };
    subject = `donation ${printed(read.dins[0]!)}`;
  } else if (slotValue(ctx.intent, 'donor')) {
    const found = await findDonor(ctx);
    if (!found.ok) return found.response;
    input = { donorId: found.donor.donorId };
    subject = `the latest reactive donation of ${donorInWords(found.donor)}`;
  } else {
    return elicitSlot(ctx.event, 'din', {
      text: "Which DIN is the lookback for? (Or give the donor's phone number or donor number.)",
    });
  }
  const question = `Run a lookback on ${subject}? In-date components still held from the lookback window will be quarantined, and issued ones listed.`;

  return confirmThen(ctx, question, async () => {
    const result = await runLookback(unitDeps(ctx), input, ctx.actor);
    if (!result.ok) return close(ctx.event, 'Failed', { text: `No lookback was run: ${result.message}.` });
    const { result: found, quarantinedNow, notHeld } = result;
    const lines = [
      `Lookback for ${printed(result.indexDin)}, ${sayDate(found.windowFrom, ctx.today)} to ${sayDate(found.windowTo, ctx.today)} (${units(found.donations.length).replace('unit', 'donation')} in the window):`,
      `Quarantined now: ${quarantinedNow.length === 0 ? 'none' : quarantinedNow.map((q) => `${printed(q.din)} ${COMPONENT_LABEL[q.component]}`).join(', ')}.`,
      ...notHeld.map((n) => `• ${printed(n.din)} ${n.code}: NOT held — ${n.message}`),
      found.issued.length === 0 ? 'Issued: none.' : 'Issued (recipients to trace):',
      ...found.issued.map(
        (i) =>
          `• ${printed(i.din)} ${COMPONENT_LABEL[i.component]} to ${i.consignee} on ${sayDate(i.issuedOn, ctx.today)}`,
      ),
      result.staffNotified
        ? 'Staff have been sent the list.'
        : 'Staff could NOT be sent the list: please pass it on.',
    ];
    return close(ctx.event, 'Fulfilled', { text: lines.join('\n') });
  });
};
