/**
 * What the unit intents share (RecordDonation … ExpiringUnits): the use cases' deps from the
 * handler's, DINs read from the `din` slot (one or several, printed or scanned), site names instead
 * of ids, and the one confirmation step every change that cannot be undone goes through.
 */
import { formatDin } from '../domain/din.js';
import { describeDinRejection, parseDins } from '../domain/dinInput.js';
import { UNIT_STATUS_LABEL } from '../domain/unitVocabulary.js';
import { COMPONENT_LABEL } from '../domain/vocabulary.js';
import { close, confirmIntent, elicitSlot, slotValue, withSlots } from '../lex/dialog.js';
import type { LexResponse } from '../lex/event.js';
import type { StoredUnit } from '../store/unitPort.js';
import type { UnitDeps } from '../usecases/units/deps.js';
import type { IntentContext } from './context.js';

export const NOTHING_CHANGED = 'OK, nothing was changed.';

export function unitDeps(ctx: IntentContext): UnitDeps {
  return {
    store: ctx.deps.store,
    policy: ctx.deps.policy,
    clock: { now: ctx.deps.now, timeZone: ctx.deps.timeZone },
    ...(ctx.deps.unitNotifier ? { notify: ctx.deps.unitNotifier } : {}),
    ...(ctx.deps.onStockChange ? { onStockChange: ctx.deps.onStockChange } : {}),
  };
}

/** A DIN as printed on the label (with its check character), whatever form it was typed in. */
export function printed(din: string): string {
  try {
    return formatDin(din);
  } catch {
    return din;
  }
}

export type DinsRead = { ok: true; dins: string[] } | { ok: false; response: LexResponse };

/**
 * The DINs of the `din` slot. A piece that is not a DIN asks again, naming what is wrong (a wrong
 * check character is a mistyped or misread label: nothing is guessed).
 */
export function readDins(ctx: IntentContext, options: { max?: number } = {}): DinsRead {
  const text = slotValue(ctx.intent, 'din');
  const ask = (why: string): DinsRead => ({
    ok: false,
    response: elicitSlot(ctx.event, 'din', { text: why }, withSlots(ctx.intent, { din: null })),
  });
  if (!text) return ask('Which DIN? Type it as printed on the label or scan it.');
  const read = parseDins(text);
  const bad = read.rejected[0];
  if (bad)
    return ask(`"${bad.text}" is not a DIN I can use: ${describeDinRejection(bad.reason)}. Which DIN?`);
  if (read.dins.length === 0) return ask('I could not find a DIN in that. Which DIN?');
  const max = options.max ?? 20;
  if (read.dins.length > max) return ask(`At most ${max} DINs at a time, please. Which DINs?`);
  return { ok: true, dins: read.dins };
}

/** Site ids → their names ("central" → "Central Donor Centre"), the id itself when unknown. */
export async function siteNames(ctx: IntentContext): Promise<(id: string) => string> {
  const sites = await ctx.deps.store.sites();
  const names = new Map(sites.map((s) => [s.id, s.name]));
  return (id) => names.get(id) ?? id;
}

/** "W1234 26 000081 S red cells (available at Central Donor Centre)". */
export function describeUnit(unit: StoredUnit, site: (id: string) => string): string {
  const group = unit.group ? `${unit.group} ` : '';
  return `${printed(unit.din)} ${group}${COMPONENT_LABEL[unit.component]} (${UNIT_STATUS_LABEL[unit.status]} at ${site(unit.site)})`;
}

/**
 * The confirmation every irreversible change goes through: asks once with `question` (what will
 * change), and runs `act` only on a yes. A no (when Lex hands it to us) changes nothing.
 */
export async function confirmThen(
  ctx: IntentContext,
  question: string,
  act: () => Promise<LexResponse>,
): Promise<LexResponse> {
  if (ctx.intent.confirmationState === 'Denied') return close(ctx.event, 'Failed', { text: NOTHING_CHANGED });
  if (ctx.intent.confirmationState !== 'Confirmed') return confirmIntent(ctx.event, { text: question });
  return act();
}

/** "2 units" / "1 unit". */
export const units = (n: number) => `${n} unit${n === 1 ? '' : 's'}`;

/** A list in words: "a, b and c". */
export function inWords(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}
