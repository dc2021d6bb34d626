/** TraceUnit (staff): every component of a DIN, where it is and what happened to it, in words. Read only. */
import { sayDate } from '../clock.js';
import { DISCARD_REASON_LABEL, UNIT_STATUS_LABEL } from '../domain/unitVocabulary.js';
import { COMPONENT_LABEL } from '../domain/vocabulary.js';
import { close } from '../lex/dialog.js';
import { traceUnit as trace } from '../usecases/units/traceUnit.js';
import type { IntentHandler } from './context.js';
import { printed, readDins, siteNames, unitDeps } from './units.js';

export const traceUnit: IntentHandler = async (ctx) => {
  const read = readDins(ctx, { max: 1 });
  if (!read.ok) return read.response;
  const din = read.dins[0]!;
  const result = await trace(unitDeps(ctx), { din });
  if (!result.ok)
    return close(ctx.event, 'Failed', { text: `I can't trace ${printed(din)}: ${result.message}.` });
  const site = await siteNames(ctx);
  const head = result.donation
    ? `${printed(din)}: collected ${sayDate(result.donation.collectedOn, ctx.today)} at ${site(result.donation.site)}.`
    : `${printed(din)}:`;
  const blocks = result.components.map((c) => {
    const where =
      c.status === 'allocated'
        ? `issued to ${c.consignee ?? 'a hospital'}${c.issuedOn ? ` on ${sayDate(c.issuedOn, ctx.today)}` : ''}`
        : c.status === 'discarded'
          ? `discarded (${c.discardReason ? DISCARD_REASON_LABEL[c.discardReason] : 'no reason'})`
          : `${UNIT_STATUS_LABEL[c.status]} at ${site(c.site)}, expires ${sayDate(c.expiresOn, ctx.today)}`;
    const group = c.group ? `${c.group} ` : '';
    return [`• ${group}${COMPONENT_LABEL[c.component]}: ${where}`, ...c.words.map((w) => `   – ${w}`)].join(
      '\n',
    );
  });
  return close(ctx.event, 'Fulfilled', { text: [head, ...blocks].join('\n') });
};
