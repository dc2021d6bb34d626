/** ExpiringUnits (staff): available units that expire within a few days, per site, first-expiring first. Read only. */
import { sayDate } from '../clock.js';
import { COMPONENT_LABEL, isComponent } from '../domain/vocabulary.js';
import { close, slotValue } from '../lex/dialog.js';
import { expiringUnits as expiring } from '../usecases/units/expiry.js';
import type { IntentHandler } from './context.js';
import { printed, siteNames, unitDeps, units } from './units.js';

const DEFAULT_DAYS = 2;
const MAX_DAYS = 60;

export const expiringUnits: IntentHandler = async (ctx) => {
  const daysText = slotValue(ctx.intent, 'days');
  const days = daysText && /^\d+$/.test(daysText) ? Math.min(Number(daysText), MAX_DAYS) : DEFAULT_DAYS;
  const componentText = slotValue(ctx.intent, 'component');
  const component = componentText && isComponent(componentText) ? componentText : undefined;
  const siteId = slotValue(ctx.intent, 'site') ?? undefined;
  const result = await expiring(unitDeps(ctx), {
    days,
    ...(component ? { component } : {}),
    ...(siteId ? { site: siteId } : {}),
  });
  if (!result.ok) return close(ctx.event, 'Failed', { text: `I can't list those: ${result.message}.` });
  const site = await siteNames(ctx);
  const what = component ? COMPONENT_LABEL[component] : 'units';
  const where = siteId ? ` at ${site(siteId)}` : '';
  const through = sayDate(result.through, ctx.today);
  if (result.units.length === 0) {
    return close(ctx.event, 'Fulfilled', { text: `No available ${what}${where} expire by ${through}.` });
  }
  const lines = result.bySite.flatMap(({ site: id, units: list }) => [
    `${site(id)}:`,
    ...list.map((u) =>
      `• ${printed(u.din)} ${u.group ?? ''} ${COMPONENT_LABEL[u.component]}, expires ${sayDate(u.expiresOn, ctx.today)}`.replace(
        /\s+/g,
        ' ',
      ),
    ),
  ]);
  return close(ctx.event, 'Fulfilled', {
    text: [
      `${units(result.units.length)} ${component ? `of ${what} ` : ''}expire by ${through}${where}, first-expiring first:`,
      ...lines,
    ].join('\n'),
  });
};
