/**
 * TransferUnits (staff): available units moved between sites, by DIN or first-expiring first by
 * count, group and component. Confirmed first; moving never issues anything.
 */
import { COMPONENT_LABEL, isBloodGroup, isComponent } from '../domain/vocabulary.js';
import { close, elicitSlot, slotValue, withSlots } from '../lex/dialog.js';
import { MAX_UNITS_PER_SAVE } from '../usecases/units/deps.js';
import { transferUnits as transfer } from '../usecases/units/transferUnits.js';
import type { IntentHandler } from './context.js';
import { confirmThen, printed, readDins, siteNames, unitDeps, units } from './units.js';

export const transferUnits: IntentHandler = async (ctx) => {
  const fromSite = slotValue(ctx.intent, 'fromSite');
  const toSite = slotValue(ctx.intent, 'toSite');
  if (!fromSite) return elicitSlot(ctx.event, 'fromSite', { text: 'From which site: central or northside?' });
  if (!toSite) return elicitSlot(ctx.event, 'toSite', { text: 'To which site: central or northside?' });
  if (fromSite === toSite) {
    return elicitSlot(
      ctx.event,
      'toSite',
      { text: 'That is the same site. To which site should they move?' },
      withSlots(ctx.intent, { toSite: null }),
    );
  }
  const site = await siteNames(ctx);
  const route = `from ${site(fromSite)} to ${site(toSite)}`;
  const componentText = slotValue(ctx.intent, 'component');
  const component = componentText && isComponent(componentText) ? componentText : undefined;

  let input: Parameters<typeof transfer>[1];
  let question: string;
  if (slotValue(ctx.intent, 'din')) {
    const read = readDins(ctx);
    if (!read.ok) return read.response;
    input = { dins: read.dins, fromSite, toSite, ...(component ? { component } : {}) };
    question = `Move ${units(read.dins.length)} ${route}: ${read.dins.map(printed).join(', ')}? Nothing is issued.`;
  } else {
    const unitsText = slotValue(ctx.intent, 'units');
    const count = unitsText && /^\d+$/.test(unitsText) ? Number(unitsText) : Number.NaN;
    if (!Number.isInteger(count) || count < 1 || count > MAX_UNITS_PER_SAVE) {
      return elicitSlot(
        ctx.event,
        'units',
        { text: `How many units? Between 1 and ${MAX_UNITS_PER_SAVE} at a time.` },
        withSlots(ctx.intent, { units: null }),
      );
    }
    const group = slotValue(ctx.intent, 'bloodGroup') ?? '';
    if (!isBloodGroup(group)) return elicitSlot(ctx.event, 'bloodGroup', { text: 'Which blood group?' });
    if (!component) {
      return elicitSlot(ctx.event, 'component', {
        text: 'Which component: whole blood, red cells, platelets, plasma or cryo?',
      });
    }
    input = { units: count, group, component, fromSite, toSite };
    question = `Move ${units(count)} of ${group} ${COMPONENT_LABEL[component]} ${route}, first-expiring first? Nothing is issued.`;
  }

  return confirmThen(ctx, question, async () => {
    const result = await transfer(unitDeps(ctx), input, ctx.actor);
    if (!result.ok) {
      const why = (result.refused ?? []).map((r) => `• ${printed(r.din)}: ${r.message}`);
      return close(ctx.event, 'Failed', {
        text: [`Nothing was moved: ${result.message}.`, ...why].join('\n'),
      });
    }
    const lines = result.moved.map((u) =>
      `• ${printed(u.din)} ${u.group ?? ''} ${COMPONENT_LABEL[u.component]}, expires ${u.expiresOn}`.replace(
        /\s+/g,
        ' ',
      ),
    );
    return close(ctx.event, 'Fulfilled', {
      text: [`Moved ${units(result.moved.length)} ${route}; nothing was issued:`, ...lines].join('\n'),
    });
  });
};
