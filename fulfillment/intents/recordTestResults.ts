/**
 * RecordTestResults (staff): the screening results of a donation. "All negative" is every marker of
 * the policy's panel negative (the donation is released when the rules allow); a reactive marker
 * makes it unsafe: its components are discarded, the donor deferred and a lookback run. Both are
 * confirmed first with what will change.
 */
import { sayDate } from '../clock.js';
import { isMarker, MARKER_LABEL, type Marker, type TestResult } from '../domain/unitVocabulary.js';
import { COMPONENT_LABEL, isBloodGroup } from '../domain/vocabulary.js';
import { close, elicitSlot, slotValue } from '../lex/dialog.js';
import { recordTestResults as record } from '../usecases/units/recordTestResults.js';
import type { IntentHandler } from './context.js';
import { confirmThen, inWords, printed, readDins, unitDeps, units } from './units.js';

export const recordTestResults: IntentHandler = async (ctx) => {
  const read = readDins(ctx, { max: 1 });
  if (!read.ok) return read.response;
  const din = read.dins[0]!;
  const result = slotValue(ctx.intent, 'result');
  if (result !== 'negative' && result !== 'reactive') {
    return elicitSlot(ctx.event, 'result', {
      text: 'Were the tests all negative, or was a marker reactive?',
    });
  }
  const markerText = slotValue(ctx.intent, 'marker') ?? '';
  const marker = isMarker(markerText) ? markerText : null;
  if (result === 'reactive' && !marker) {
    return elicitSlot(ctx.event, 'marker', {
      text: 'Which marker was reactive: HIV, HBV, HCV, HTLV, syphilis, WNV, Chagas or HEV?',
    });
  }
  const groupText = slotValue(ctx.intent, 'bloodGroup') ?? '';
  const testedGroup = isBloodGroup(groupText) ? groupText : undefined;
  const donation = await ctx.deps.store.donation(din);
  if (!donation) {
    return close(ctx.event, 'Failed', {
      text: `No donation ${printed(din)} is recorded. Nothing was changed.`,
    });
  }
  const panel = ctx.deps.policy.testPanel;
  const results: Partial<Record<Marker, TestResult>> =
    result === 'reactive'
      ? { [marker!]: 'reactive' }
      : Object.fromEntries(
          [...panel.everyDonation, ...panel.oncePerDonor].map((m) => [m, 'negative' as const]),
        );
  const group = testedGroup ? `, tested group ${testedGroup}` : '';
  const question =
    result === 'reactive'
      ? `Record ${MARKER_LABEL[marker!]} REACTIVE for donation ${printed(din)}${group}? Its components will be discarded, the donor deferred and a lookback run. This cannot be undone.`
      : `Record all tests negative (${inWords(Object.keys(results).map((m) => MARKER_LABEL[m as Marker]))}) for donation ${printed(din)}${group}? Its components will be released into stock when the rules allow.`;

  return confirmThen(ctx, question, async () => {
    const done = await record(
      unitDeps(ctx),
      { din, results, ...(testedGroup ? { testedGroup } : {}) },
      ctx.actor,
    );
    if (!done.ok) return close(ctx.event, 'Failed', { text: `Nothing was recorded: ${done.message}.` });
    switch (done.outcome) {
      case 'released':
        return close(ctx.event, 'Fulfilled', {
          text: done.already
            ? `${printed(din)} was already released; nothing changed.`
            : [
                `Released ${printed(din)}: ${inWords(done.released.map((u) => COMPONENT_LABEL[u.component]))} now available (${units(done.released.length)}).`,
                ...done.kept.map((k) => `• ${k.code} kept back: ${k.message}`),
              ].join('\n'),
        });
      case 'quarantined':
        return close(ctx.event, 'Fulfilled', {
          text: `Results recorded; ${printed(din)} stays in quarantine: ${done.message}.`,
        });
      case 'unsafe': {
        const lookback = done.lookback;
        const lines = [
          `${printed(din)} is unsafe (${inWords(done.reactive.map((m) => MARKER_LABEL[m]))} reactive): ${units(done.discarded.length)} discarded, the donor is deferred.`,
        ];
        if (lookback) {
          lines.push(
            `Lookback ${sayDate(lookback.result.windowFrom, ctx.today)} to ${sayDate(lookback.result.windowTo, ctx.today)}: ${units(lookback.quarantinedNow.length)} quarantined now, ${units(lookback.result.issued.length)} already issued.`,
            ...lookback.quarantinedNow.map(
              (q) => `• ${printed(q.din)} ${COMPONENT_LABEL[q.component]} held: now in quarantine`,
            ),
            ...lookback.result.issued.map(
              (i) =>
                `• ${printed(i.din)} ${COMPONENT_LABEL[i.component]} issued to ${i.consignee} on ${sayDate(i.issuedOn, ctx.today)}`,
            ),
            lookback.staffNotified
              ? 'Staff have been sent the list.'
              : 'Staff could NOT be sent the list: please pass it on.',
          );
        }
        return close(ctx.event, 'Fulfilled', { text: lines.join('\n') });
      }
    }
  });
};
