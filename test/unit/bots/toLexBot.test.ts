import { describe, expect, it } from 'vitest';
import { bot, loadBot } from '../../../bots/definition/index.js';
import {
  LexDefinitionError,
  toCfnBotLocale,
  toLexBotLocale,
  utteranceKey,
} from '../../../bots/lex/toLexBot.js';

const locale = toLexBotLocale(bot, { fulfillmentEnabled: true });
const lexIntent = (name: string) => locale.Intents.find((i) => i.Name === name)!;

describe('toLexBotLocale', () => {
  it('keeps every intent, slot and slot type', () => {
    // Assess
    expect(new Set(locale.Intents.map((i) => i.Name))).toEqual(new Set(bot.intents.map((i) => i.name)));
    expect(new Set(locale.SlotTypes.map((t) => t.Name))).toEqual(new Set(bot.slotTypes.map((t) => t.name)));
    for (const intent of bot.intents) {
      const lex = lexIntent(intent.name);
      const slots = new Set((lex.Slots ?? []).map((s) => `${s.Name}:${s.SlotTypeName}`));
      expect(slots).toEqual(new Set(intent.slots.map((s) => `${s.name}:${s.slotType}`)));
      expect(new Set((lex.SampleUtterances ?? []).map((u) => u.Utterance))).toEqual(
        new Set(intent.sampleUtterances),
      );
      expect(new Set((lex.SlotPriorities ?? []).map((p) => p.SlotName))).toEqual(
        new Set(intent.slots.map((s) => s.name)),
      );
    }
  });

  it('keeps every slot type value and synonym, with its resolution strategy', () => {
    for (const type of bot.slotTypes) {
      const lex = locale.SlotTypes.find((t) => t.Name === type.name)!;
      const flat = (pairs: [string, string[]][]) =>
        new Set(pairs.flatMap(([v, syn]) => [v, ...syn.map((s) => `${v}<-${s}`)]));
      expect(
        flat(lex.SlotTypeValues.map((v) => [v.SampleValue.Value, (v.Synonyms ?? []).map((s) => s.Value)])),
      ).toEqual(flat(type.values.map((v) => [v.value, v.synonyms])));
      expect(lex.ValueSelectionSetting.ResolutionStrategy).toBe(
        type.resolution === 'OriginalValue' ? 'ORIGINAL_VALUE' : 'TOP_RESOLUTION',
      );
    }
  });

  it('maps prompts, confirmation, hooks and contexts', () => {
    // Prepare
    const request = lexIntent('RequestUnits');
    const units = request.Slots!.find((s) => s.Name === 'units')!;

    // Assess
    expect(locale).toMatchObject({ LocaleId: 'en_US', NluConfidenceThreshold: bot.nluConfidenceThreshold });
    expect(units.ValueElicitationSetting).toMatchObject({
      SlotConstraint: 'Required',
      PromptSpecification: {
        MessageGroupsList: [{ Message: { PlainTextMessage: { Value: 'How many units?' } } }],
      },
    });
    expect(request.Slots!.find((s) => s.Name === 'hospital')!.ValueElicitationSetting.SlotConstraint).toBe(
      'Optional',
    );
    expect(request.IntentConfirmationSetting).toMatchObject({
      PromptSpecification: { MaxRetries: 2 },
      DeclinationResponse: {
        MessageGroupsList: [
          { Message: { PlainTextMessage: { Value: 'OK, I have not requested anything.' } } },
        ],
      },
    });
    expect(lexIntent('RegisterDonor').DialogCodeHook).toEqual({ Enabled: true });
    expect(lexIntent('CheckStock').DialogCodeHook).toEqual({ Enabled: false });
    expect(lexIntent('RespondToAlert').InputContexts).toEqual([{ Name: 'shortageAlert' }]);
    expect(lexIntent('FallbackIntent')).toMatchObject({ ParentIntentSignature: 'AMAZON.FallbackIntent' });
    expect(lexIntent('FallbackIntent').SampleUtterances).toBeUndefined();
    expect(lexIntent('FallbackIntent').Slots).toBeUndefined();
  });

  it('turns hooks off and closes with the static response when fulfillment is disabled', () => {
    // Act
    const offline = toLexBotLocale(bot, { fulfillmentEnabled: false });
    const help = offline.Intents.find((i) => i.Name === 'Help')!;

    // Assess
    expect(offline.Intents.every((i) => !i.DialogCodeHook?.Enabled && !i.FulfillmentCodeHook?.Enabled)).toBe(
      true,
    );
    expect(help.IntentClosingSetting?.IsActive).toBe(true);
  });

  it.each([
    [
      'a slot type named AMAZON*',
      (b: ReturnType<typeof loadBot>) => {
        b.slotTypes[0]!.name = 'AMAZONGroup';
      },
    ],
    [
      'a FallbackIntent with utterances',
      (b: ReturnType<typeof loadBot>) => void b.intents.at(-1)!.sampleUtterances.push('hmm'),
    ],
    [
      'two intents with one name',
      (b: ReturnType<typeof loadBot>) => {
        b.intents[1]!.name = b.intents[0]!.name;
      },
    ],
    [
      'a repeated slot value',
      (b: ReturnType<typeof loadBot>) => void b.slotTypes[0]!.values[0]!.synonyms.push('O+'),
    ],
  ])('rejects %s', (_label, breakIt) => {
    // Prepare
    const broken = loadBot();
    breakIt(broken);

    // Act / Assess
    expect(() => toLexBotLocale(broken, { fulfillmentEnabled: true })).toThrow(LexDefinitionError);
  });
});

describe('toCfnBotLocale', () => {
  it('is the same data with the camelCase keys CfnBot expects', () => {
    // Act
    const cfn = toCfnBotLocale(bot, { fulfillmentEnabled: true });

    // Assess
    expect(cfn.localeId).toBe('en_US');
    expect(cfn.nluConfidenceThreshold).toBe(bot.nluConfidenceThreshold);
    const intents = cfn.intents as {
      name: string;
      parentIntentSignature?: string;
      sampleUtterances?: { utterance: string }[];
    }[];
    expect(intents.map((i) => i.name)).toEqual(locale.Intents.map((i) => i.Name));
    expect(intents.find((i) => i.name === 'FallbackIntent')!.parentIntentSignature).toBe(
      'AMAZON.FallbackIntent',
    );
    expect(intents[0]!.sampleUtterances![0]!.utterance).toBe(
      locale.Intents[0]!.SampleUtterances![0]!.Utterance,
    );
    expect(JSON.stringify(cfn)).not.toMatch(/"[A-Z][A-Za-z]*":/);
  });
});

describe('the generated Lex definition builds in Lex', () => {
  const built = toLexBotLocale(loadBot(), { fulfillmentEnabled: true });
  const slotNames = (i: (typeof built.Intents)[number]) => new Set((i.Slots ?? []).map((s) => s.Name));

  it('has no sample utterance in two intents', () => {
    // Prepare
    const owners = new Map<string, Set<string>>();
    for (const intent of built.Intents)
      for (const u of intent.SampleUtterances ?? []) {
        const key = utteranceKey(u.Utterance);
        owners.set(key, new Set([...(owners.get(key) ?? []), intent.Name]));
      }

    // Assess
    expect([...owners].filter(([, names]) => names.size > 1)).toEqual([]);
  });

  it.each(built.Intents.map((i) => [i.Name, i] as const))(
    '%s: every {slot} names one of its slots',
    (_n, intent) => {
      const refs = [
        ...(intent.SampleUtterances ?? []).map((u) => u.Utterance),
        ...(intent.Slots ?? []).flatMap((s) =>
          (s.ValueElicitationSetting.SampleUtterances ?? []).map((u) => u.Utterance),
        ),
      ].flatMap((u) => [...u.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!));
      expect(refs.filter((r) => !slotNames(intent).has(r))).toEqual([]);
    },
  );

  it.each(built.Intents.filter((i) => i.Name !== 'FallbackIntent').map((i) => [i.Name, i] as const))(
    '%s has enough varied sample utterances (20, SmallTalk 25)',
    (name, intent) => {
      const distinct = new Set((intent.SampleUtterances ?? []).map((u) => utteranceKey(u.Utterance)));
      expect(distinct.size).toBeGreaterThanOrEqual(name === 'SmallTalk' ? 25 : 20);
    },
  );

  it('rejects an utterance shared by two intents', () => {
    // Prepare
    const broken = loadBot();
    broken.intents[1]!.sampleUtterances.push(broken.intents[0]!.sampleUtterances[0]!);

    // Act / Assess
    expect(() => toLexBotLocale(broken, { fulfillmentEnabled: true })).toThrow(/sample of both/);
  });
});
