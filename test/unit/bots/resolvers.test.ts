import { beforeAll, describe, expect, it } from 'vitest';
import { bot } from '../../../bots/definition/index.js';
import { createNlu, type LocalNlu, type NluOptions } from '../../../bots/nlu/index.js';

// A Tuesday morning in UTC.
const options: NluOptions = { now: new Date('2026-11-24T10:00:00Z') };
let nlu: LocalNlu;

beforeAll(async () => {
  nlu = await createNlu(bot);
});

const resolve = (intent: string, slot: string, text: string, opts: NluOptions = options) =>
  nlu.resolveSlot(intent, slot, text, opts)?.interpretedValue ?? null;

describe('custom slot types', () => {
  it.each([
    ['O neg', 'O-'],
    ['O negative', 'O-'],
    ['o -', 'O-'],
    ['o-neg', 'O-'],
    ['O+', 'O+'],
    ['o+ve', 'O+'],
    ['AB pos', 'AB+'],
    ['ab plus', 'AB+'],
    ['B RhD negative', 'B-'],
    ['universal donor', 'O-'],
    ['it is A positive', 'A+'],
  ])('blood group %j → %s', (text, expected) => {
    expect(resolve('RequestUnits', 'bloodGroup', text)).toBe(expected);
  });

  it.each([['O'], ['A'], ['a'], ['blood']])('a bare %j is not a blood group', (text) => {
    expect(resolve('RequestUnits', 'bloodGroup', text)).toBeNull();
  });

  it.each([
    ["don't know", 'unknown'],
    ['not sure', 'unknown'],
    ['no idea', 'unknown'],
    ['O pos', 'O+'],
  ])("a donor's blood group %j → %s", (text, expected) => {
    expect(resolve('RegisterDonor', 'bloodGroup', text)).toBe(expected);
  });

  it('never fills a request with an unknown group', () => {
    expect(resolve('RequestUnits', 'bloodGroup', "don't know")).toBeNull();
  });

  it.each([
    ['FFP', 'plasma'],
    ['fresh frozen plasma', 'plasma'],
    ['packed cells', 'red_cells'],
    ['RBC', 'red_cells'],
    ['RBCs', 'red_cells'],
    ['red blood cells', 'red_cells'],
    ['cryoprecipitate', 'cryo'],
    ['plts', 'platelets'],
    ['whole blood', 'whole_blood'],
  ])('component %j → %s', (text, expected) => {
    expect(resolve('RequestUnits', 'component', text)).toBe(expected);
  });

  it.each([
    ['stat', 'emergency'],
    ['trauma', 'emergency'],
    ['now', 'emergency'],
    ['life-threatening', 'emergency'],
    ['asap', 'urgent'],
    ['urgently', 'urgent'],
    ['non-urgent', 'routine'],
    ['elective', 'routine'],
  ])('urgency %j → %s', (text, expected) => {
    expect(resolve('RequestUnits', 'urgency', text)).toBe(expected);
  });

  it.each([
    ['power red', 'double_red_cells'],
    ['double reds', 'double_red_cells'],
    ['apheresis platelets', 'platelets'],
  ])('donation type %j → %s', (text, expected) => {
    expect(resolve('ScheduleDonation', 'donationType', text)).toBe(expected);
  });

  it.each([
    ['downtown', 'central'],
    ['central donor centre', 'central'],
    ['north side', 'northside'],
  ])('site %j → %s', (text, expected) => {
    expect(resolve('ScheduleDonation', 'site', text)).toBe(expected);
  });

  it.each([
    ['Y', 'yes'],
    ['count me in', 'yes'],
    ['nope', 'no'],
    ["can't make it", 'no'],
  ])('answer %j → %s', (text, expected) => {
    expect(resolve('RespondToAlert', 'answer', text)).toBe(expected);
  });

  it.each([
    ['st marys', "St Mary's"],
    ['Royal Infirmary', 'Royal Infirmary'],
    ['Mercy Hospital', 'Mercy Hospital'],
  ])('hospital %j → %s (unseen names kept as said)', (text, expected) => {
    expect(resolve('RequestUnits', 'hospital', text)).toBe(expected);
  });
});

describe('built-in slot types', () => {
  it.each([
    ['4', '4'],
    ['four', '4'],
    ['twenty one', '21'],
    ['twenty-one', '21'],
    ['a couple', '2'],
    ['two hundred and five', '205'],
    ['6 units', '6'],
  ])('number %j → %s', (text, expected) => {
    expect(resolve('RequestUnits', 'units', text)).toBe(expected);
  });

  it.each([
    ['tomorrow', '2026-11-25'],
    ['tmrw', '2026-11-25'],
    ['today', '2026-11-24'],
    ['friday', '2026-11-27'],
    ['next friday', '2026-12-04'],
    ['day after tomorrow', '2026-11-26'],
    ['the 5th', '2026-12-05'],
    ['December 10th', '2026-12-10'],
    ['in 3 days', '2026-11-27'],
  ])('date %j → %s (relative to Tue 24 Nov 2026)', (text, expected) => {
    expect(resolve('ScheduleDonation', 'date', text)).toBe(expected);
  });

  it.each([
    ['12/03/1990', '1990-12-03'],
    ['March 12 1990', '1990-03-12'],
    ['1990-03-12', '1990-03-12'],
    ["it's the 4th of July 1985", '1985-07-04'],
  ])('date of birth %j → %s', (text, expected) => {
    expect(resolve('RegisterDonor', 'dateOfBirth', text)).toBe(expected);
  });

  it.each([
    ['last week', '2026-11-17'],
    ['3 weeks ago', '2026-11-03'],
    ['yesterday', '2026-11-23'],
    ['last tuesday', '2026-11-17'],
    ['friday', '2026-11-20'], // looking back: the one just gone
    ['in October', '2026-10-31'], // a month alone: its last day, so no wait is cut short
    ['in november', '2026-11-24'], // this month: today at the latest
    ['last month', '2026-10-31'],
    ['on 3 October', '2026-10-03'],
    ['December 10th', '2025-12-10'], // no year, and not yet this year: last year's
    ['not sure', null],
  ])('since %j → %s (looking back from Tue 24 Nov 2026)', (text, expected) => {
    expect(resolve('CheckEligibility', 'since', text)).toBe(expected);
  });

  it.each([
    ['I had a tattoo last week, can I donate', { topic: 'tattoo', since: '2026-11-17' }],
    ['I had a cold last week, can I donate', { topic: 'illness', since: '2026-11-17' }],
    ['got my nose piercing 3 weeks ago can I still give blood', { topic: 'tattoo', since: '2026-11-03' }],
    ['I came back from a trip in October, when can I donate', { topic: 'travel', since: '2026-10-31' }],
    [
      'I finished my course of antibiotics yesterday can I donate now',
      { topic: 'antibiotics', since: '2026-11-23' },
    ],
    ['I had my booster jab yesterday, can I still donate', { topic: 'vaccination', since: '2026-11-23' }],
    ['I gave birth in September, when can I give blood', { topic: 'pregnancy', since: '2026-09-30' }],
  ])('%j → CheckEligibility %o', async (text, slots) => {
    // Act
    const [top] = await nlu.interpret(text, options);
    // Assess
    expect(top?.intent).toBe('CheckEligibility');
    expect(Object.fromEntries(Object.entries(top!.slots).map(([k, v]) => [k, v.interpretedValue]))).toEqual(
      slots,
    );
  });

  it('a month alone is no appointment date ("in October" fills only a date about the past)', async () => {
    // Act
    const [top] = await nlu.interpret('book me in for a donation in October', options);
    // Assess
    expect(top?.slots.date).toBeUndefined();
  });

  it('computes relative dates in the caller’s time zone', () => {
    // Prepare: 23:30 UTC is already the next afternoon in Auckland.
    const late: NluOptions = { now: new Date('2026-11-24T23:30:00Z'), timeZone: 'Pacific/Auckland' };

    // Act / Assess
    expect(resolve('ScheduleDonation', 'date', 'tomorrow', late)).toBe('2026-11-26');
    expect(resolve('ScheduleDonation', 'date', 'tomorrow', { ...late, timeZone: 'UTC' })).toBe('2026-11-25');
  });

  it.each([
    ['10am', '10:00'],
    ['10', '10:00'],
    ['3', '15:00'],
    ['noon', '12:00'],
    ['2:30 pm', '14:30'],
    ['half past two', '14:30'],
    ['half past two in the afternoon', '14:30'],
    ['quarter to three', '14:45'],
    ['9:30', '09:30'],
    ['at 11 in the morning', '11:00'],
    ['1400', '14:00'],
  ])('time %j → %s', (text, expected) => {
    expect(resolve('ScheduleDonation', 'time', text)).toBe(expected);
  });

  it.each([
    ['(555) 123-4567', '+15551234567'],
    ['555 123 4567', '+15551234567'],
    ['555.123.4567', '+15551234567'],
    ['+1 555 123 4567', '+15551234567'],
    ['my number is 555-123-4567', '+15551234567'],
  ])('phone %j → %s', (text, expected) => {
    expect(resolve('RegisterDonor', 'phone', text)).toBe(expected);
  });

  it('reads UK numbers when the caller says so', () => {
    expect(resolve('RegisterDonor', 'phone', '07700 900123', { ...options, phoneCountry: 'GB' })).toBe(
      '+447700900123',
    );
  });

  it.each([
    ['firstName', 'Jane', 'Jane'],
    ['firstName', 'my name is jane', 'Jane'],
    ['lastName', "it's smith", 'Smith'],
    ['lastName', "o'brien", "O'Brien"],
  ])('%s %j → %s', (slot, text, expected) => {
    expect(resolve('RegisterDonor', slot, text)).toBe(expected);
  });

  it.each([
    ['RequestUnits', 'units', 'lots'],
    ['ScheduleDonation', 'date', 'whenever'],
    ['RegisterDonor', 'phone', '12345'],
    ['RegisterDonor', 'firstName', "I don't know"],
    ['RespondToAlert', 'answer', 'maybe'],
  ])('%s.%s %j does not resolve', (intent, slot, text) => {
    expect(resolve(intent, slot, text)).toBeNull();
  });

  it('keeps the words the value came from as the original value', () => {
    expect(nlu.resolveSlot('RegisterDonor', 'phone', 'my number is 555 123 4567', options)).toEqual({
      originalValue: '555 123 4567',
      interpretedValue: '+15551234567',
      resolvedValues: ['+15551234567'],
    });
  });

  it('rejects a slot the bot does not have', () => {
    expect(() => nlu.resolveSlot('CheckStock', 'units', '4', options)).toThrow(/not a slot/);
  });
});
