/**
 * DiscardUnits (staff): one or several DINs written off with a reason. The units are looked up
 * first and the confirmation names each one ("Discard 2 units: W1234 26 000081 S red cells, … —
 * expired?"); a discard cannot be undone.
 */
import { DISCARD_REASON_LABEL, isDiscardReason } from '../domain/unitVocabulary.js';
import { COMPONENT_LABEL, isComponent } from '../domain/vocabulary.js';
import { close, elicitSlot, slotValue } from '../lex/dialog.js';
import type { StoredUnit } from '../store/unitPort.js';
import { discardUnits as discard } from '../usecases/units/discardUnits.js';
import type { IntentHandler } from './context.js';
import {
  confirmThen,
  describeUnit,
  inWords,
  printed,
  readDins,
  siteNames,
  unitDeps,
  units,
} from './units.js';

export const discardUnits: IntentHandler = async (ctx) => {
  const read = readDins(ctx);
  if (!read.ok) return read.response;
  const reason = slotValue(ctx.intent, 'reason') ?? '';
  if (!isDiscardReason(reason)) {
    return elicitSlot(ctx.event, 'reason', {
      text: 'Why are they discarded: expired, damaged, failed inspection, temperature excursion, recalled, volume out of range or other?',
    });
  }
  const componentText = slotValue(ctx.intent, 'component');
  const component = componentText && isComponent(componentText) ? componentText : undefined;
  const site = await siteNames(ctx);

  const found = await Promise.all(read.dins.map((din) => ctx.deps.store.unitsOfDonation(din)));
  const unknown = read.dins.filter((_, i) => found[i]!.length === 0);
  if (unknown.length > 0) {
    return close(ctx.event, 'Failed', {
      text: `I have no unit ${inWords(unknown.map(printed))}. Nothing was discarded; check the label and try again.`,
    });
  }
  const targets: StoredUnit[] = found.flat().filter((u) => !component || u.component === component);
  if (targets.length === 0) {
    return close(ctx.event, 'Failed', {
      text: `None of those DINs has ${COMPONENT_LABEL[component!]}. Nothing was discarded.`,
    });
  }
  const question = `Discard ${units(targets.length)}: ${targets.map((u) => describeUnit(u, site)).join(', ')} — ${DISCARD_REASON_LABEL[reason]}? This cannot be undone.`;

  return confirmThen(ctx, question, async () => {
    const result = await discard(
      unitDeps(ctx),
      { dins: read.dins, reason, ...(component ? { component } : {}) },
      ctx.actor,
    );
    if (!result.ok) return close(ctx.event, 'Failed', { text: `Nothing was discarded: ${result.message}.` });
    const lines = result.results.map((r) => {
      if (r.outcome === 'discarded')
        return `• ${printed(r.din)}: ${inWords(r.units.map((u) => COMPONENT_LABEL[u.component]))} discarded`;
      if (r.outcome === 'already_discarded') return `• ${printed(r.din)}: already discarded, nothing changed`;
      return `• ${printed(r.din)}: NOT discarded — ${r.message}`;
    });
    const head =
      result.discarded > 0
        ? `Discarded ${units(result.discarded)} (${DISCARD_REASON_LABEL[reason]}):`
        : 'Nothing was discarded:';
    return close(ctx.event, result.discarded > 0 ? 'Fulfilled' : 'Failed', {
      text: [head, ...lines].join('\n'),
    });
  });
};
