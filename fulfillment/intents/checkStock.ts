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

const unitCount = (n: number) => `${n} unit${n === 1 ? '' : 's'}`;

function staffLine(row: StockRow, showSites: boolean): string {
  const sites = Object.entries(row.bySite)
    .filter(([, n]) => n > 0)
    .map(([site, n]) => `${site} ${n}`)
    .join(', ');
  const where = showSites && sites ? ` (${sites})` : '';
  return `${row.group}: ${unitCount(row.available)}${where}, ${days(row)} of supply, ${row.level.toUpperCase()}`;
}

/**
 * The staff answer as data for channels that render it (Slack: fields with level emoji): one
 * `[group, available, daysOfSupply, level, bySite]` row per group, compact to stay within Lex's
 * message limit. `STOCK_PAYLOAD` names it.
 */
export const STOCK_PAYLOAD = 'stock';
function stockPayload(rows: StockRow[]): Record<string, unknown> {
  return {
    kind: STOCK_PAYLOAD,
    rows: rows.map((r) => [
      r.group,
      r.available,
      // No recent use means unbounded supply; 100 reads as "100+" like the text.
      Math.round(Math.min(r.daysOfSupply, 100) * 10) / 10,
      r.level,
      Object.fromEntries(Object.entries(r.bySite).filter(([, n]) => n > 0)),
    ]),
  };
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
      ? `${group} ${label}${where}: ${unitCount(total)} available.`
      : `${label[0]!.toUpperCase()}${label.slice(1)}${where}: ${unitCount(total)} available.`;
    return close(ctx.event, 'Fulfilled', {
      text: [header, ...shown.map((r) => staffLine(r, !site))].join('\n'),
      payload: stockPayload(shown),
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
