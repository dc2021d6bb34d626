import { describe, expect, it } from 'vitest';
import { bot, loadBot } from '../../../bots/definition/index.js';
import { botDefinitionSchema } from '../../../bots/schema.js';
import {
  DISCARD_REASONS,
  DONATION_OUTCOMES,
  MARKERS,
  TEST_RESULTS,
} from '../../../fulfillment/domain/unitVocabulary.js';
import {
  BLOOD_GROUPS,
  COMPONENTS,
  DEFERRAL_TOPICS,
  DONATION_TYPES,
  URGENCIES,
} from '../../../fulfillment/domain/vocabulary.js';

const intent = (name: string) => bot.intents.find((i) => i.name === name)!;
const slotType = (name: string) => bot.slotTypes.find((t) => t.name === name)!;
const values = (name: string) => slotType(name).values.map((v) => v.value);

describe('bot definition', () => {
  it('validates against the schema', () => {
    // Act
    const parsed = botDefinitionSchema.safeParse(loadBot());

    // Assess
    expect(parsed.success).toBe(true);
  });

  it('has the intents and slots of the bot contract', () => {
    // Prepare
    const contract: Record<string, string[]> = {
      CheckStock: ['bloodGroup', 'component', 'site'],
      StockReport: [],
      RequestUnits: ['units', 'bloodGroup', 'component', 'urgency', 'hospital', 'neededBy'],
      RegisterDonor: ['firstName', 'lastName', 'dateOfBirth', 'phone', 'bloodGroup', 'phoneCode'],
      ScheduleDonation: ['date', 'time', 'site', 'donationType'],
      CancelDonation: ['date'],
      CheckEligibility: ['donationType', 'topic', 'since'],
      RespondToAlert: ['answer'],
      RecordDonation: ['donor', 'din', 'donationType', 'outcome'],
      RecordTestResults: ['din', 'result', 'marker', 'bloodGroup'],
      ReceiveUnits: ['din', 'bloodGroup', 'component', 'expiresOn', 'source'],
      TransferUnits: ['units', 'bloodGroup', 'component', 'fromSite', 'toSite', 'din'],
      ReturnUnits: ['din', 'hospital', 'minutesOut'],
      DiscardUnits: ['din', 'reason', 'component'],
      TraceUnit: ['din'],
      Lookback: ['donor', 'din'],
      ExpiringUnits: ['days', 'component', 'site'],
      ActivityReport: ['activity'],
      Help: [],
      SmallTalk: ['kind'],
      FallbackIntent: [],
    };

    // Act
    const actual = Object.fromEntries(bot.intents.map((i) => [i.name, i.slots.map((s) => s.name)]));

    // Assess
    expect(actual).toEqual(contract);
  });

  it('resolves slot types to exactly the canonical values', () => {
    expect(values('BloodGroup')).toEqual([...BLOOD_GROUPS]);
    expect(values('DonorBloodGroup')).toEqual([...BLOOD_GROUPS, 'unknown']);
    expect(values('Component')).toEqual([...COMPONENTS]);
    expect(values('DonationType')).toEqual([...DONATION_TYPES]);
    expect(values('Urgency')).toEqual([...URGENCIES]);
    expect(values('Answer')).toEqual(['yes', 'no']);
    expect(values('Site')).toEqual(['central', 'northside']);
    expect(values('SmallTalkKind')).toEqual(['goodbye', 'thanks', 'acknowledgement']);
    expect(values('DeferralTopic')).toEqual([...DEFERRAL_TOPICS]);
    expect(slotType('Hospital').resolution).toBe('OriginalValue');
    expect(values('TestResult')).toEqual([...TEST_RESULTS]);
    expect(values('Marker')).toEqual([...MARKERS]);
    expect(values('DiscardReason')).toEqual([...DISCARD_REASONS]);
    expect(values('DonationOutcome')).toEqual([...DONATION_OUTCOMES]);
    for (const open of ['Din', 'Donor', 'Source']) expect(slotType(open).resolution).toBe('OriginalValue');
  });

  it.each(bot.intents.filter((i) => i.name !== 'FallbackIntent').map((i) => [i.name]))(
    '%s has at least 20 distinct sample utterances, with and without slots',
    (name) => {
      // Prepare
      const { sampleUtterances, slots } = intent(name);
      const distinct = new Set(sampleUtterances.map((u) => u.toLowerCase().replace(/[^a-z{} ]/g, '')));

      // Assess
      expect(distinct.size).toBeGreaterThanOrEqual(20);
      expect(sampleUtterances.some((u) => !u.includes('{'))).toBe(true);
      if (slots.length > 0) expect(sampleUtterances.some((u) => u.includes('{'))).toBe(true);
    },
  );

  it('uses only characters Lex accepts in sample utterances', () => {
    const all = bot.intents.flatMap((i) => [
      ...i.sampleUtterances,
      ...i.slots.flatMap((s) => s.sampleUtterances),
    ]);
    for (const u of all) expect(u).toMatch(/^[A-Za-z0-9 '.,{}-]+$/);
  });

  it('declares the Lex wiring of the contract', () => {
    expect(intent('RespondToAlert').inputContexts).toEqual([{ name: 'shortageAlert' }]);
    expect(intent('FallbackIntent')).toMatchObject({ sampleUtterances: [], slots: [] });
    for (const name of ['RegisterDonor', 'ScheduleDonation', 'CancelDonation', 'RespondToAlert']) {
      expect(intent(name).dialogCodeHook).toBe(true);
    }
    for (const name of ['RequestUnits', 'RegisterDonor', 'ScheduleDonation', 'CancelDonation']) {
      expect(intent(name).confirmationPrompt).toBeTruthy();
      expect(intent(name).declinationResponse).toBeTruthy();
    }
    expect(intent('RequestUnits').declinationResponse).toBe('OK, I have not requested anything.');
  });

  it('hands out copies that cannot change the shared definition', () => {
    // Act
    const copy = loadBot();
    copy.intents.pop();

    // Assess
    expect(bot.intents.at(-1)!.name).toBe('FallbackIntent');
  });
});
