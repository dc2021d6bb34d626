/**
 * Issue 14's safety net, NLU half: sentences staff type about receiving, moving, returning,
 * discarding, quarantining and finding units (test/support/unitSentences.ts) never reach
 * RequestUnits, and land on the intent they mean. The e2e half (test/e2e/unitSafety.test.ts) runs
 * the same sentences through dialog and fulfillment and checks that nothing is allocated.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { bot } from '../../../bots/definition/index.js';
import { createNlu, type LocalNlu, type NluOptions } from '../../../bots/nlu/index.js';
import { UNIT_SAFETY_SENTENCES } from '../../support/unitSentences.js';

const options: NluOptions = { now: new Date('2026-11-24T10:00:00Z') };
let nlu: LocalNlu;

beforeAll(async () => {
  nlu = await createNlu(bot);
}, 60_000);

const topIntent = async (text: string) => (await nlu.interpret(text, options))[0]!.intent;

describe('unit sentences never reach RequestUnits', () => {
  it('has at least 60 sentences over every unit intent', () => {
    expect(UNIT_SAFETY_SENTENCES.length).toBeGreaterThanOrEqual(60);
    expect(new Set(UNIT_SAFETY_SENTENCES.map(([, intent]) => intent)).size).toBe(7);
  });

  it.each(UNIT_SAFETY_SENTENCES)('%j is not RequestUnits', async (text) => {
    // Act
    const interpretations = await nlu.interpret(text, options);

    // Assess: not chosen, and not even a close second that a retry could switch to.
    expect(interpretations[0]!.intent).not.toBe('RequestUnits');
    const request = interpretations.find((i) => i.intent === 'RequestUnits');
    expect(request?.confidence ?? 0).toBeLessThan(0.3);
  });

  // Measured when the set was written (before any utterance was tuned to it): 65 of 66 (0.985);
  // the miss was "add these to inventory …", which fell back. Guarded at 0.95.
  it('lands each sentence on its intended intent (accuracy ≥ 0.95)', async () => {
    // Act
    const misses: string[] = [];
    for (const [text, intent] of UNIT_SAFETY_SENTENCES) {
      const got = await topIntent(text);
      if (got !== intent) misses.push(`${text} → ${got} (wanted ${intent})`);
    }

    // Assess
    const accuracy = 1 - misses.length / UNIT_SAFETY_SENTENCES.length;
    expect(accuracy, misses.join('\n')).toBeGreaterThanOrEqual(0.95);
  });
});

describe('unit slots as staff give them', () => {
  it.each([
    [
      'discard W1234 26 000082 Q and W1234 26 000083 O, both expired',
      { din: 'W123426000082 W123426000083', reason: 'expired' },
    ],
    ['bin =W12342600015200 haemolysed', { din: 'W123426000152', reason: 'failed_inspection' }],
    [
      'transfer 3 units of A+ red cells from central to northside',
      { units: '3', bloodGroup: 'A+', component: 'red_cells', fromSite: 'central', toSite: 'northside' },
    ],
    [
      'W1234 26 000081 S came back from St Marys, out 20 min',
      { din: 'W123426000081', hospital: "St Mary's" },
    ],
    ['hbsag reactive on W1234 26 000151 W', { din: 'W123426000151', result: 'reactive', marker: 'hbv' }],
    [
      'W1234 26 000150 Y all neg, group O pos',
      { din: 'W123426000150', result: 'negative', bloodGroup: 'O+' },
    ],
    [
      'record a donation for Dana Donor, din W1234 26 000081 S',
      { donor: 'Dana Donor', din: 'W123426000081' },
    ],
    ['lookback on donor +12025550123', { donor: '+12025550123' }],
    ['what is expiring in 3 days at central', { days: '3', site: 'central' }],
  ])('%j → %o', async (text, slots) => {
    // Act
    const [best] = await nlu.interpret(text, options);

    // Assess
    const got = Object.fromEntries(Object.entries(best!.slots).map(([k, v]) => [k, v.interpretedValue]));
    expect(got).toMatchObject(slots);
  });

  it.each([
    ['W1234 26 000081 S', 'W123426000081'],
    ['=W12342600008100', 'W123426000081'],
    ['W1234 26 000081 S, W1234 26 000082 Q', 'W123426000081 W123426000082'],
    // A wrong check character is kept as typed, so fulfillment can say what is wrong.
    ['W1234 26 000081 X', 'W123426000081X'],
  ])('at the DIN prompt %j → %s', (text, din) => {
    expect(nlu.resolveSlot('DiscardUnits', 'din', text, options)?.interpretedValue).toBe(din);
  });
});
