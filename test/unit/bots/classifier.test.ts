import { beforeAll, describe, expect, it } from 'vitest';
import { bot } from '../../../bots/definition/index.js';
import { createNlu, type LocalNlu, type NluOptions } from '../../../bots/nlu/index.js';

const options: NluOptions = { now: new Date('2026-11-24T10:00:00Z') };
const alert: NluOptions = { ...options, activeContexts: ['shortageAlert'] };
let nlu: LocalNlu;

beforeAll(async () => {
  nlu = await createNlu(bot);
});

const top = async (text: string, opts: NluOptions = options) => {
  const [best] = await nlu.interpret(text, opts);
  const slots = Object.fromEntries(Object.entries(best!.slots).map(([k, v]) => [k, v.interpretedValue]));
  return { intent: best!.intent, confidence: best!.confidence, slots };
};

describe('interpret', () => {
  it.each([
    ['how many O negative red cells do we have', 'CheckStock', { bloodGroup: 'O-', component: 'red_cells' }],
    [
      '4 units of O neg packed cells stat',
      'RequestUnits',
      { units: '4', bloodGroup: 'O-', component: 'red_cells', urgency: 'emergency' },
    ],
    [
      "I'm Jane Doe and I'd like to register as a donor",
      'RegisterDonor',
      { firstName: 'Jane', lastName: 'Doe' },
    ],
    ['book me in for tomorrow at 10am', 'ScheduleDonation', { date: '2026-11-25', time: '10:00' }],
    ['I want to cancel my appointment', 'CancelDonation', {}],
    ['can I donate platelets', 'CheckEligibility', { donationType: 'platelets' }],
    ['hello', 'Help', {}],
    ['what can you do', 'Help', {}],
  ])('%j → %s', async (text, intent, slots) => {
    // Act
    const result = await top(text);

    // Assess
    expect(result.intent).toBe(intent);
    expect(result.confidence).toBeGreaterThanOrEqual(bot.nluConfidenceThreshold);
    expect(result.slots).toEqual(slots);
  });

  it.each([["what's the weather"], ['tell me a joke'], ['asdfgh']])('%j is out of domain', async (text) => {
    expect((await top(text)).intent).toBe('FallbackIntent');
  });

  it.each([
    ['yes', 'yes'],
    ['Y', 'yes'],
    ['no', 'no'],
    ["can't make it", 'no'],
  ])('with a shortage alert active, %j answers it', async (text, answer) => {
    expect(await top(text, alert)).toMatchObject({ intent: 'RespondToAlert', slots: { answer } });
  });

  it('ignores RespondToAlert without its context', async () => {
    // Act
    const all = await nlu.interpret('yes', options);

    // Assess
    expect(all[0]!.intent).toBe('FallbackIntent');
    expect(all.map((i) => i.intent)).not.toContain('RespondToAlert');
  });

  it('returns at most five interpretations, always including FallbackIntent', async () => {
    for (const text of ['can I donate tomorrow', 'O neg', 'hmm', 'cancel']) {
      const all = await nlu.interpret(text, options);
      expect(all.length).toBeLessThanOrEqual(5);
      expect(all.map((i) => i.intent)).toContain('FallbackIntent');
      const confidences = all.slice(1).map((i) => i.confidence);
      expect(confidences).toEqual([...confidences].sort((a, b) => b - a));
    }
  });

  it('is deterministic across trainings', async () => {
    // Prepare
    const again = await createNlu(bot);

    // Act / Assess
    for (const text of ['can I give blood on friday', 'need O+ plts', 'reschedule please']) {
      expect(await again.interpret(text, options)).toEqual(await nlu.interpret(text, options));
    }
  });
});
