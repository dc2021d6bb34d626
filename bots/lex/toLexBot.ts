/**
 * bots/ → Lex V2. Turns the bot-as-data into one `AWS::Lex::Bot` `BotLocales[]` item (CloudFormation
 * PascalCase) and the same data in the camelCase shape `CfnBot.BotLocaleProperty` wants. Pure:
 * infra passes the result to CfnBot; a test proves nothing is lost on the way.
 */
import type { CfnBot } from 'aws-cdk-lib/aws-lex';
import type { BotDefinition, IntentDefinition, SlotDefinition, SlotTypeDefinition } from '../schema.js';

export interface LexMessageGroup {
  Message: { PlainTextMessage: { Value: string } };
}
export interface LexResponseSpecification {
  MessageGroupsList: LexMessageGroup[];
  AllowInterrupt?: boolean;
}
export interface LexPromptSpecification extends LexResponseSpecification {
  MaxRetries: number;
}
export interface LexSampleUtterance {
  Utterance: string;
}
export interface LexSlot {
  Name: string;
  Description: string;
  SlotTypeName: string;
  ValueElicitationSetting: {
    SlotConstraint: 'Required' | 'Optional';
    PromptSpecification: LexPromptSpecification;
    SampleUtterances?: LexSampleUtterance[];
  };
}
export interface LexIntent {
  Name: string;
  Description: string;
  ParentIntentSignature?: 'AMAZON.FallbackIntent';
  SampleUtterances?: LexSampleUtterance[];
  Slots?: LexSlot[];
  SlotPriorities?: { Priority: number; SlotName: string }[];
  IntentConfirmationSetting?: {
    PromptSpecification: LexPromptSpecification;
    DeclinationResponse?: LexResponseSpecification;
  };
  DialogCodeHook?: { Enabled: boolean };
  FulfillmentCodeHook?: { Enabled: boolean };
  IntentClosingSetting?: { ClosingResponse: LexResponseSpecification; IsActive: boolean };
  InputContexts?: { Name: string }[];
  OutputContexts?: { Name: string; TimeToLiveInSeconds: number; TurnsToLive: number }[];
}
export interface LexSlotType {
  Name: string;
  Description: string;
  SlotTypeValues: { SampleValue: { Value: string }; Synonyms?: { Value: string }[] }[];
  ValueSelectionSetting: { ResolutionStrategy: 'ORIGINAL_VALUE' | 'TOP_RESOLUTION' };
}
export interface LexBotLocale {
  LocaleId: string;
  Description: string;
  NluConfidenceThreshold: number;
  SlotTypes: LexSlotType[];
  Intents: LexIntent[];
}

export interface LexOptions {
  /** False when no fulfillment Lambda is attached (e.g. a text-only smoke bot): hooks are off. */
  fulfillmentEnabled: boolean;
}

/** A definition Lex would reject at build time; raised here so `cdk synth` fails instead. */
export class LexDefinitionError extends Error {
  override name = 'LexDefinitionError';
}

const FALLBACK = 'FallbackIntent';

function message(text: string): LexMessageGroup {
  return { Message: { PlainTextMessage: { Value: text } } };
}

function utterances(texts: string[]): LexSampleUtterance[] | undefined {
  return texts.length > 0 ? texts.map((Utterance) => ({ Utterance })) : undefined;
}

function toLexSlot(slot: SlotDefinition): LexSlot {
  return {
    Name: slot.name,
    Description: slot.description,
    SlotTypeName: slot.slotType,
    ValueElicitationSetting: {
      SlotConstraint: slot.required ? 'Required' : 'Optional',
      PromptSpecification: { MessageGroupsList: [message(slot.prompt)], MaxRetries: slot.maxRetries },
      ...(slot.sampleUtterances.length > 0 ? { SampleUtterances: utterances(slot.sampleUtterances) } : {}),
    },
  };
}

function toLexIntent(intent: IntentDefinition, options: LexOptions): LexIntent {
  const lex: LexIntent = { Name: intent.name, Description: intent.description };
  if (intent.name === FALLBACK) lex.ParentIntentSignature = 'AMAZON.FallbackIntent';
  const samples = utterances(intent.sampleUtterances);
  if (samples) lex.SampleUtterances = samples;
  if (intent.slots.length > 0) {
    lex.Slots = intent.slots.map(toLexSlot);
    // Required slots are asked first, in definition order: that is the order prompts make sense in.
    const ordered = [...intent.slots.filter((s) => s.required), ...intent.slots.filter((s) => !s.required)];
    lex.SlotPriorities = ordered.map((s, i) => ({ Priority: i + 1, SlotName: s.name }));
  }
  if (intent.confirmationPrompt) {
    lex.IntentConfirmationSetting = {
      PromptSpecification: { MessageGroupsList: [message(intent.confirmationPrompt)], MaxRetries: 2 },
      ...(intent.declinationResponse
        ? { DeclinationResponse: { MessageGroupsList: [message(intent.declinationResponse)] } }
        : {}),
    };
  }
  lex.DialogCodeHook = { Enabled: options.fulfillmentEnabled && intent.dialogCodeHook };
  lex.FulfillmentCodeHook = { Enabled: options.fulfillmentEnabled && intent.fulfillmentCodeHook };
  const closesItself = !options.fulfillmentEnabled || !intent.fulfillmentCodeHook;
  if (intent.closingResponse && closesItself) {
    lex.IntentClosingSetting = {
      ClosingResponse: { MessageGroupsList: [message(intent.closingResponse)] },
      IsActive: true,
    };
  }
  if (intent.inputContexts.length > 0)
    lex.InputContexts = intent.inputContexts.map((c) => ({ Name: c.name }));
  if (intent.outputContexts.length > 0) {
    lex.OutputContexts = intent.outputContexts.map((c) => ({
      Name: c.name,
      TimeToLiveInSeconds: c.timeToLiveInSeconds,
      TurnsToLive: c.turnsToLive,
    }));
  }
  return lex;
}

function toLexSlotType(type: SlotTypeDefinition): LexSlotType {
  return {
    Name: type.name,
    Description: type.description,
    SlotTypeValues: type.values.map((v) => ({
      SampleValue: { Value: v.value },
      ...(v.synonyms.length > 0 ? { Synonyms: v.synonyms.map((Value) => ({ Value })) } : {}),
    })),
    ValueSelectionSetting: {
      ResolutionStrategy: type.resolution === 'OriginalValue' ? 'ORIGINAL_VALUE' : 'TOP_RESOLUTION',
    },
  };
}

function duplicates(items: string[]): string[] {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const item of items) {
    if (seen.has(item)) repeated.add(item);
    seen.add(item);
  }
  return [...repeated];
}

/** Lex compares utterances without case or punctuation. */
export function utteranceKey(u: string): string {
  return u
    .toLowerCase()
    .replace(/[^a-z0-9{} ]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Lex build rules the zod schema does not know about; throws a LexDefinitionError listing them all. */
export function assertLexRules(bot: BotDefinition): void {
  const problems: string[] = [];
  for (const type of bot.slotTypes) {
    if (/^amazon/i.test(type.name)) problems.push(`slot type ${type.name}: names cannot start with AMAZON`);
    const values = type.values.flatMap((v) => [v.value, ...v.synonyms].map((s) => s.toLowerCase()));
    for (const d of duplicates(values)) problems.push(`slot type ${type.name}: "${d}" appears twice`);
  }
  for (const d of duplicates(bot.intents.map((i) => i.name))) problems.push(`intent ${d} appears twice`);
  for (const intent of bot.intents) {
    for (const d of duplicates(intent.slots.map((s) => s.name)))
      problems.push(`${intent.name}: slot ${d} twice`);
    if (intent.name === FALLBACK && (intent.sampleUtterances.length > 0 || intent.slots.length > 0)) {
      problems.push('FallbackIntent cannot have sample utterances or slots');
    }
    if (intent.name !== FALLBACK && intent.sampleUtterances.length === 0) {
      problems.push(`${intent.name}: needs sample utterances`);
    }
  }
  // Lex refuses to build a locale where one sample utterance belongs to two intents.
  const owner = new Map<string, string>();
  for (const intent of bot.intents) {
    for (const u of intent.sampleUtterances) {
      const key = utteranceKey(u);
      const first = owner.get(key);
      if (first && first !== intent.name)
        problems.push(`"${u}" is a sample of both ${first} and ${intent.name}`);
      else if (first) problems.push(`${intent.name}: "${u}" appears twice`);
      owner.set(key, intent.name);
    }
  }
  if (problems.length > 0) throw new LexDefinitionError(problems.join('; '));
}

export function toLexBotLocale(bot: BotDefinition, options: LexOptions): LexBotLocale {
  assertLexRules(bot);
  return {
    LocaleId: bot.localeId,
    Description: bot.description,
    NluConfidenceThreshold: bot.nluConfidenceThreshold,
    SlotTypes: bot.slotTypes.map(toLexSlotType),
    Intents: bot.intents.map((intent) => toLexIntent(intent, options)),
  };
}

/** Lex's CloudFormation names become CDK's by lower-casing the first letter; values stay as they are. */
function camelKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(camelKeys);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k.charAt(0).toLowerCase() + k.slice(1), camelKeys(v)]),
    );
  }
  return value;
}

export function toCfnBotLocale(bot: BotDefinition, options: LexOptions): CfnBot.BotLocaleProperty {
  return camelKeys(toLexBotLocale(bot, options)) as CfnBot.BotLocaleProperty;
}
