/**
 * RequestUnits (staff and admins). Lex collects and confirms the slots; fulfillment allocates
 * first-expired-first-out among compatible units, says a partial fill plainly, and lists every DIN
 * with its expiry so the bench can pick the right bags.
 */

import { sayDate } from '../clock.js';
import type { Recipient } from '../domain/compatibility.js';
import { formatDin } from '../domain/din.js';
import {
  COMPONENT_LABEL,
  type Component,
  isBloodGroup,
  isComponent,
  URGENCIES,
  type Urgency,
} from '../domain/vocabulary.js';
import { close, elicitSlot, slotValue, withSlots } from '../lex/dialog.js';
import { allocateUnits, MAX_UNITS_PER_REQUEST } from '../usecases/allocateUnits.js';
import type { IntentHandler } from './context.js';

const FLAG_NOTE: Record<string, string> = {
  abo_compatible: 'ABO-compatible, not identical',
  emergency_o_negative: 'emergency O negative, group unknown',
  platelet_abo_nonidentical: 'ABO non-identical platelets',
  rhd_positive_to_negative: 'RhD positive to an RhD negative patient',
};

export const requestUnits: IntentHandler = async (ctx) => {
  const unitsText = slotValue(ctx.intent, 'units');
  const units = unitsText && /^\d+$/.test(unitsText) ? Number(unitsText) : Number.NaN;
  if (!Number.isInteger(units) || units < 1 || units > MAX_UNITS_PER_REQUEST) {
    return elicitSlot(
      ctx.event,
      'units',
      { text: `How many units? Between 1 and ${MAX_UNITS_PER_REQUEST} per request.` },
      withSlots(ctx.intent, { units: null }),
    );
  }
  const groupText = slotValue(ctx.intent, 'bloodGroup') ?? '';
  const componentText = slotValue(ctx.intent, 'component') ?? '';
  const urgencyText = slotValue(ctx.intent, 'urgency') ?? '';
  const recipient: Recipient | null = isBloodGroup(groupText) || groupText === 'unknown' ? groupText : null;
  if (!recipient) {
    return elicitSlot(ctx.event, 'bloodGroup', {
      text: "What is the patient's blood group? Say 'unknown' if it isn't known yet.",
    });
  }
  if (!isComponent(componentText)) {
    return elicitSlot(ctx.event, 'component', {
      text: 'Which component: red cells, platelets, plasma, cryo or whole blood?',
    });
  }
  if (!(URGENCIES as readonly string[]).includes(urgencyText)) {
    return elicitSlot(ctx.event, 'urgency', { text: 'How urgent: routine, urgent or emergency?' });
  }
  const component: Component = componentText;
  const urgency = urgencyText as Urgency;
  const neededBy = slotValue(ctx.intent, 'neededBy');
  if (neededBy && neededBy < ctx.today) {
    return elicitSlot(
      ctx.event,
      'neededBy',
      { text: 'That date has passed. When are the units needed?' },
      withSlots(ctx.intent, { neededBy: null }),
    );
  }
  const hospital = slotValue(ctx.intent, 'hospital');

  const request = await allocateUnits(
    ctx.deps.store,
    { recipient, component, units, urgency, hospital, neededBy, today: ctx.today, now: ctx.now },
    ctx.actor,
    ctx.deps.onStockChange,
  );

  const label = `${recipient === 'unknown' ? 'group-unknown' : recipient} ${COMPONENT_LABEL[component]}`;
  const lines = request.units.map((u) => {
    const notes = u.flags.map((f) => FLAG_NOTE[f]).filter(Boolean);
    const note = notes.length
      ? ` [${u.group}; ${notes.join('; ')}]`
      : u.group !== recipient
        ? ` [${u.group}]`
        : '';
    return `• ${formatDin(u.din)}, expires ${u.expiresOn}, at ${u.site}${note}`;
  });
  const ref = `Request ${request.requestId.slice(0, 8)}`;
  const forWhom = hospital ? ` for ${hospital}` : '';
  const by = neededBy ? `, needed by ${sayDate(neededBy, ctx.today)}` : '';
  if (request.status === 'unfilled') {
    return close(ctx.event, 'Failed', {
      text: `No compatible ${COMPONENT_LABEL[component]} are available for a ${label} patient (${urgency}). Nothing was allocated. ${ref} is recorded; please call the blood bank duty line now.`,
    });
  }
  const head =
    request.status === 'filled'
      ? `Allocated ${units} units of ${label} (${urgency})${forWhom}${by}, first-expiring first:`
      : `Only ${request.units.length} of the ${units} units of ${label} (${urgency}) could be allocated${forWhom}${by}; ${units - request.units.length} are NOT allocated. Allocated, first-expiring first:`;
  const tail =
    request.status === 'partial'
      ? `${ref}. Call the blood bank duty line about the missing ${units - request.units.length}.`
      : `${ref}.`;
  return close(ctx.event, 'Fulfilled', { text: [head, ...lines, tail].join('\n') });
};
