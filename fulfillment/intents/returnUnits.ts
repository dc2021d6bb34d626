/**
 * ReturnUnits (staff): an issued unit comes back from a hospital. The policy's rule (domain
 * returns.ts) is applied before asking, so the confirmation says whether it goes back into stock
 * or is discarded; minutes out of controlled storage are asked for when not given.
 */
import { assessReturn, type ReturnProblem } from '../domain/returns.js';
import { COMPONENT_LABEL } from '../domain/vocabulary.js';
import { close, elicitSlot, slotValue, withSlots } from '../lex/dialog.js';
import { returnUnits as takeBack } from '../usecases/units/returnUnits.js';
import type { IntentHandler } from './context.js';
import { confirmThen, inWords, printed, readDins, siteNames, unitDeps } from './units.js';

const PROBLEM: Record<ReturnProblem, string> = {
  opened: 'it was opened',
  expired: 'it has expired',
  too_long_out: 'it was out of controlled storage too long',
  time_unknown: 'nobody knows how long it was out',
};

export const returnUnits: IntentHandler = async (ctx) => {
  const read = readDins(ctx, { max: 1 });
  if (!read.ok) return read.response;
  const din = read.dins[0]!;
  const minutesText = slotValue(ctx.intent, 'minutesOut');
  const minutesOut = minutesText && /^\d+$/.test(minutesText) ? Number(minutesText) : null;
  if (minutesOut === null) {
    return elicitSlot(
      ctx.event,
      'minutesOut',
      { text: `How many minutes was ${printed(din)} out of controlled storage?` },
      withSlots(ctx.intent, { minutesOut: null }),
    );
  }
  const hospital = slotValue(ctx.intent, 'hospital');
  const issued = (await ctx.deps.store.unitsOfDonation(din)).filter((u) => u.status === 'allocated');
  if (issued.length !== 1) {
    return close(ctx.event, 'Failed', {
      text:
        issued.length === 0
          ? `${printed(din)} is not out at a hospital, so there is nothing to take back. Nothing was changed.`
          : `${printed(din)} has ${issued.length} issued components; please return them one at a time through the blood bank. Nothing was changed.`,
    });
  }
  const unit = issued[0]!;
  const site = await siteNames(ctx);
  const decision = assessReturn(
    { component: unit.component, expiresOn: unit.expiresOn, on: ctx.today, unopened: true, minutesOut },
    ctx.deps.policy,
  );
  const from = hospital ?? unit.consignee ?? 'the hospital';
  const what = `${printed(din)} ${unit.group ?? ''} ${COMPONENT_LABEL[unit.component]}`.replace(/\s+/g, ' ');
  const fate = decision.accept
    ? `it goes back into stock at ${site(unit.site)}`
    : `${inWords(decision.problems.map((p) => PROBLEM[p]))}, so it will be discarded`;
  const question = `Take back ${what} from ${from}, unopened and ${minutesOut} minutes out of storage: ${fate}?`;

  return confirmThen(ctx, question, async () => {
    const result = await takeBack(
      unitDeps(ctx),
      { din, minutesOut, unopened: true, ...(hospital ? { hospital } : {}) },
      ctx.actor,
    );
    if (!result.ok) return close(ctx.event, 'Failed', { text: `Nothing was changed: ${result.message}.` });
    return close(ctx.event, 'Fulfilled', {
      text:
        result.outcome === 'restocked'
          ? `${what} is back in stock at ${site(result.unit.site)}, available to issue.`
          : `${what} came back and was discarded (returned after too long out of controlled storage).`,
    });
  });
};
