/**
 * CheckStock. Staff and admins see units per group (and per site) with days of supply; donors and
 * anonymous visitors see levels only (ok / low / critical), which is what a public appeal needs and
 * no more.
 */
import { publicLevel } from '../domain/supply.js';
import { COMPONENT_LABEL, type Component, isBloodGroup, isComponent } from '../domain/vocabulary.js';
import { close, slotValue } from '../lex/dialog.js';
import { type StockRow, stockPicture } from '../usecases/stockPicture.js';
import type { IntentHandler } from './context.js';

function days(row: StockRow): string {
  return row.daysOfSupply >= 100 ? '100+ days' : `${row.daysOfSupply.toFixed(1)} days`;
}

function staffLine(row: StockRow, showSites: boolean): string {
  const sites = Object.entries(row.bySite)
    .filter(([, n]) => n > 0)
    .map(([site, n]) => `${site} ${n}`)
    .join(', ');
  const where = showSites && sites ? ` (${sites})` : '';
  return `${row.group}: ${row.available} units${where}, ${days(row)} of supply, ${row.level.toUpperCase()}`;
}

export const checkStock: IntentHandler = async (ctx) => {
  const groupSlot = slotValue(ctx.intent, 'bloodGroup');
  const componentSlot = slotValue(ctx.intent, 'component');
  const siteSlot = slotValue(ctx.intent, 'site');
  const component: Component = componentSlot && isComponent(componentSlot) ? componentSlot : 'red_cells';
  const group = groupSlot && isBloodGroup(groupSlot) ? groupSlot : null;
  const site = siteSlot ?? undefined;
  if (site && !(await ctx.deps.store.site(site))) {
    return close(ctx.event, 'Failed', { text: `I don't know a site called "${site}".` });
  }
  // Admin-set thresholds, so a stock check shows the same level the shortage alerts act on.
  const thresholds = (await ctx.deps.alerts?.thresholds()) ?? {};
  const rows = await stockPicture({
    store: ctx.deps.store,
    policy: ctx.deps.policy,
    today: ctx.today,
    component,
    thresholds,
    ...(site ? { site } : {}),
  });
  const shown = group ? rows.filter((r) => r.group === group) : rows;
  const label = COMPONENT_LABEL[component];
  const where = site ? ` at ${site}` : '';

  if (ctx.access === 'full') {
    const total = shown.reduce((n, r) => n + r.available, 0);
    const header = group
      ? `${group} ${label}${where}: ${total} units available.`
      : `${label[0]!.toUpperCase()}${label.slice(1)}${where}: ${total} units available.`;
    return close(ctx.event, 'Fulfilled', {
      text: [header, ...shown.map((r) => staffLine(r, !site))].join('\n'),
    });
  }

  if (group) {
    const level = publicLevel(shown[0]!.level);
    const appeal =
      level === 'ok'
        ? 'Thank you to everyone who donates.'
        : `If you are ${group}, booking a donation would really help: say "book a donation".`;
    return close(ctx.event, 'Fulfilled', { text: `${group} ${label} stock is ${level}. ${appeal}` });
  }
  const summary = rows.map((r) => `${r.group} ${publicLevel(r.level)}`).join(', ');
  return close(ctx.event, 'Fulfilled', {
    text: `${label[0]!.toUpperCase()}${label.slice(1)} stock levels: ${summary}.`,
    buttons: [{ text: 'Book a donation', value: 'book a donation' }],
  });
};
