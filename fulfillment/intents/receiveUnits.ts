/**
 * ReceiveUnits (staff): released units from another blood establishment booked into stock at the
 * service's site, confirmed first with every DIN. Receiving never issues anything.
 */
import { sayDate } from '../clock.js';
import { COMPONENT_LABEL, isBloodGroup, isComponent } from '../domain/vocabulary.js';
import { close, elicitSlot, slotValue, withSlots } from '../lex/dialog.js';
import { receiveUnits as receive } from '../usecases/units/receiveUnits.js';
import type { IntentHandler } from './context.js';
import { confirmThen, inWords, printed, readDins, siteNames, unitDeps, units } from './units.js';

export const receiveUnits: IntentHandler = async (ctx) => {
  const read = readDins(ctx);
  if (!read.ok) return read.response;
  const group = slotValue(ctx.intent, 'bloodGroup') ?? '';
  if (!isBloodGroup(group))
    return elicitSlot(ctx.event, 'bloodGroup', { text: 'Which blood group are they?' });
  const component = slotValue(ctx.intent, 'component') ?? '';
  if (!isComponent(component)) {
    return elicitSlot(ctx.event, 'component', {
      text: 'Which component: whole blood, red cells, platelets, plasma or cryo?',
    });
  }
  const expiresOn = slotValue(ctx.intent, 'expiresOn');
  if (!expiresOn || expiresOn < ctx.today) {
    return elicitSlot(
      ctx.event,
      'expiresOn',
      {
        text: expiresOn
          ? 'That date has passed. What is the expiry date on the bags?'
          : 'What is the expiry date on the bags?',
      },
      withSlots(ctx.intent, { expiresOn: null }),
    );
  }
  const source = slotValue(ctx.intent, 'source');
  if (!source)
    return elicitSlot(ctx.event, 'source', { text: 'Which blood establishment did they come from?' });
  const siteId = ctx.deps.defaultSite;
  const site = await siteNames(ctx);
  const label = `${group} ${COMPONENT_LABEL[component]}`;
  const question = `Receive ${units(read.dins.length)} of ${label} from ${source} into stock at ${site(siteId)}, expiring ${sayDate(expiresOn, ctx.today)}: ${read.dins.map(printed).join(', ')}? They will be available to issue.`;

  return confirmThen(ctx, question, async () => {
    const result = await receive(
      unitDeps(ctx),
      { dins: read.dins, group, component, expiresOn, source, site: siteId },
      ctx.actor,
    );
    if (!result.ok) return close(ctx.event, 'Failed', { text: `Nothing was received: ${result.message}.` });
    const refused = result.refused.map((r) => `• ${printed(r.din)}: NOT received — ${r.message}`);
    const head =
      result.received.length > 0
        ? `Received ${units(result.received.length)} of ${label} from ${source} into stock at ${site(siteId)}: ${inWords(result.received.map((u) => printed(u.din)))}. Nothing was issued.`
        : 'Nothing was received:';
    return close(ctx.event, result.received.length > 0 ? 'Fulfilled' : 'Failed', {
      text: [head, ...refused].join('\n'),
    });
  });
};
