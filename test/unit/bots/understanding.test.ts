/**
 * Issue 13: what people actually type. Small talk, requests the bot cannot serve, and slots given
 * the way people give them (names and hospitals by position, weekday-and-day dates, "2u", UK
 * mobiles under the UK policy, free-form alert answers), through the NLU and the local runtime.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { bot } from '../../../bots/definition/index.js';
import { createNlu, type LocalNlu, type NluOptions, phoneCountryOfPolicy } from '../../../bots/nlu/index.js';
import { LocalLexRuntime } from '../../../bots/runtime/local.js';
import type { CodeHook } from '../../../bots/runtime/port.js';

// A Tuesday morning in UTC.
const options: NluOptions = { now: new Date('2026-11-24T10:00:00Z') };
const alert: NluOptions = { ...options, activeContexts: ['shortageAlert'] };
let nlu: LocalNlu;

beforeAll(async () => {
  nlu = await createNlu(bot);
});

const top = async (text: string, opts: NluOptions = options) => {
  const [best] = await nlu.interpret(text, opts);
  const slots = Object.fromEntries(Object.entries(best!.slots).map(([k, v]) => [k, v.interpretedValue]));
  return { intent: best!.intent, slots };
};

describe('small talk', () => {
  it.each([
    ['ta', 'thanks'],
    ['cheers mate', 'thanks'],
    ['thx', 'thanks'],
    ['thank you', 'thanks'],
    ['bye', 'goodbye'],
    ['see ya', 'goodbye'],
    ['ok', 'acknowledgement'],
    ['cool', 'acknowledgement'],
    ['got it', 'acknowledgement'],
    ['ok thanks', 'thanks'],
    ['thanks, bye', 'goodbye'],
  ])('%j is SmallTalk (%s), never a cancellation', async (text, kind) => {
    expect(await top(text)).toEqual({ intent: 'SmallTalk', slots: { kind } });
  });

  it.each([['hello'], ['what can you do']])('%j is still Help', async (text) => {
    expect((await top(text)).intent).toBe('Help');
  });
});

describe('out of domain', () => {
  it.each([
    ['will it snow at the weekend'],
    ['play something by adele'],
    ['set a timer for 5 minutes'],
    ['translate hello into italian'],
    ['tell me a joke'],
    ['what is 9 times 9'],
    ['qwpoeiru zmxn'],
  ])('%j lands on FallbackIntent', async (text) => {
    expect((await top(text)).intent).toBe('FallbackIntent');
  });
});

describe('slots as people give them', () => {
  it.each([
    ['Friday the 27th of November', '2026-11-27'],
    ['friday the 4th of december', '2026-12-04'],
    ['sat 28th', '2026-11-28'],
    ['thu 3 dec', '2026-12-03'],
  ])('date %j agrees weekday and day → %s', (text, expected) => {
    expect(nlu.resolveSlot('ScheduleDonation', 'date', text, options)?.interpretedValue).toBe(expected);
  });

  it('does not guess when the weekday and the date disagree', () => {
    expect(nlu.resolveSlot('ScheduleDonation', 'date', 'Monday the 27th of November', options)).toBeNull();
  });

  it.each([
    ['send 2u of O neg red cells to City General', { units: '2', hospital: 'City General' }],
    ['3 units of A pos platelets for St Luke’s', { units: '3', hospital: "St Luke's" }],
    ['4 units of B- plasma to the Royal Infirmary', { units: '4', hospital: 'Royal Infirmary' }],
  ])('%j names its hospital', async (text, slots) => {
    const result = await top(text);
    expect(result.intent).toBe('RequestUnits');
    expect(result.slots).toMatchObject(slots);
  });

  it.each([
    [
      'register donor: james okafor, dob 12/03/1990',
      { firstName: 'James', lastName: 'Okafor', dateOfBirth: '1990-12-03' },
    ],
    ["name's Maria Gonzalez, sign me up as a donor", { firstName: 'Maria', lastName: 'Gonzalez' }],
  ])('%j names the donor', async (text, slots) => {
    const result = await top(text);
    expect(result.intent).toBe('RegisterDonor');
    expect(result.slots).toMatchObject(slots);
  });

  it('reads a full name typed at the first-name prompt as both names', () => {
    // Act
    const answer = nlu.resolveAnswer('RegisterDonor', 'firstName', 'Maria Gonzalez', options);

    // Assess
    expect(answer?.firstName?.interpretedValue).toBe('Maria');
    expect(answer?.lastName?.interpretedValue).toBe('Gonzalez');
  });

  it.each([
    ["I'm in", 'yes'],
    ['count me in', 'yes'],
    ["can't this week sorry", 'no'],
    ['nah', 'no'],
  ])('alert answer %j → %s', async (text, answer) => {
    expect(await top(text, alert)).toEqual({ intent: 'RespondToAlert', slots: { answer } });
  });

  it.each([
    ['UK', 'GB'],
    ['US', 'US'],
  ] as const)('the %s policy reads phones as %s numbers', (policy, country) => {
    expect(phoneCountryOfPolicy(policy)).toBe(country);
  });
});

describe('the local runtime keeps what the answer says', () => {
  it('fills both names from one answer and reads a UK mobile under the UK policy', async () => {
    // Prepare: a code hook that always lets the runtime's default dialog go on.
    const delegate: CodeHook = async () => ({ sessionState: { dialogAction: { type: 'Delegate' } } });
    const runtime = new LocalLexRuntime(bot, nlu, delegate, {
      now: () => options.now,
      phoneCountry: phoneCountryOfPolicy('UK'),
    });
    const say = (text: string) => runtime.recognizeText({ sessionId: 'uk-donor', text });

    // Act
    await say('register as a donor');
    const afterName = await say('Maria Gonzalez');
    await say('12/03/1990');
    const afterPhone = await say('07700 900123');

    // Assess
    expect(afterName.sessionState.dialogAction).toEqual({ type: 'ElicitSlot', slotToElicit: 'dateOfBirth' });
    const slots = afterPhone.sessionState.intent?.slots ?? {};
    expect(slots.firstName?.value?.interpretedValue).toBe('Maria');
    expect(slots.lastName?.value?.interpretedValue).toBe('Gonzalez');
    expect(slots.phone?.value?.interpretedValue).toBe('+447700900123');
    expect(afterPhone.sessionState.dialogAction?.type).toBe('ConfirmIntent');
  });
});
