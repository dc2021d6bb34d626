/**
 * The bot as data: the one schema both the CDK bot (infra/) and the local Lex runtime (bots/runtime)
 * are generated from. Everything in bots/definition is validated against it at load time, so a
 * typo in an utterance's `{slot}` reference or a slot pointing at an unknown type fails fast.
 */
import * as z from 'zod';

/** Built-in Lex slot types this bot uses; the local runtime has a resolver for each. */
export const BUILT_IN_SLOT_TYPES = [
  'AMAZON.Date',
  'AMAZON.Time',
  'AMAZON.Number',
  'AMAZON.FirstName',
  'AMAZON.LastName',
  'AMAZON.PhoneNumber',
  'AMAZON.AlphaNumeric',
  'AMAZON.FreeFormInput',
] as const;
export type BuiltInSlotType = (typeof BUILT_IN_SLOT_TYPES)[number];

const name = z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,99}$/, 'Lex names are letters, digits and _');

export const slotTypeValueSchema = z.object({
  /** Canonical value: what fulfillment receives as `interpretedValue`. */
  value: z.string().min(1),
  synonyms: z.array(z.string().min(1)).default([]),
});

export const slotTypeSchema = z.object({
  name,
  description: z.string().min(1),
  values: z.array(slotTypeValueSchema).min(1),
  /** TopResolution: only listed values and synonyms resolve (Lex "restrict to slot values"). */
  resolution: z.enum(['TopResolution', 'OriginalValue']).default('TopResolution'),
});

export const slotSchema = z.object({
  name,
  description: z.string().min(1),
  /** A built-in (`AMAZON.*`) or the name of a custom slot type in this definition. */
  slotType: z.string().min(1),
  required: z.boolean(),
  /** The elicitation prompt (plain text). Optional slots have one too: Lex needs it. */
  prompt: z.string().min(1),
  /** Retries after the first prompt before the intent fails (Lex maxRetries). */
  maxRetries: z.number().int().min(0).max(5).default(2),
  /**
   * An elicitation of this (optional) slot may go unanswered ("not sure"): the code hook then runs
   * with the slot still empty instead of the prompt being repeated. On Lex: the slot's capture
   * failure goes on to the code hook.
   */
  optionalAnswer: z.boolean().default(false),
  /** Utterances used while this slot is being elicited, in `{slot}` form. */
  sampleUtterances: z.array(z.string().min(1)).default([]),
});

export const contextRefSchema = z.object({ name });
export const outputContextSchema = z.object({
  name,
  timeToLiveInSeconds: z.number().int().min(5).max(86_400),
  turnsToLive: z.number().int().min(1).max(20),
});

export const intentSchema = z.object({
  name,
  description: z.string().min(1),
  /** Lex `{slot}` form, e.g. "do we have any {bloodGroup} {component}". */
  sampleUtterances: z.array(z.string().min(1)),
  slots: z.array(slotSchema).default([]),
  /** Asked once all required slots are filled; `{slot}` placeholders are filled from the slots. */
  confirmationPrompt: z.string().optional(),
  /** Said when the user answers "no" to the confirmation prompt. */
  declinationResponse: z.string().optional(),
  /** When true the fulfillment Lambda is called on every turn (Lex dialog code hook). */
  dialogCodeHook: z.boolean().default(false),
  /** When true the fulfillment Lambda is called once the intent is ready to fulfil. */
  fulfillmentCodeHook: z.boolean().default(true),
  /** The intent is only recognised while one of these contexts is active. */
  inputContexts: z.array(contextRefSchema).default([]),
  outputContexts: z.array(outputContextSchema).default([]),
  /** Closing message used when there is no fulfillment code hook. */
  closingResponse: z.string().optional(),
});

export const botDefinitionSchema = z
  .object({
    name,
    description: z.string().min(1),
    localeId: z.literal('en_US'),
    /** Below this the classifier answers FallbackIntent, as Lex does. */
    nluConfidenceThreshold: z.number().min(0).max(1),
    idleSessionTtlInSeconds: z.number().int().min(60).max(86_400),
    slotTypes: z.array(slotTypeSchema),
    intents: z.array(intentSchema).min(1),
  })
  .superRefine((bot, ctx) => {
    const custom = new Set(bot.slotTypes.map((t) => t.name));
    const builtIn = new Set<string>(BUILT_IN_SLOT_TYPES);
    for (const intent of bot.intents) {
      const slotNames = new Set(intent.slots.map((s) => s.name));
      for (const slot of intent.slots) {
        if (!custom.has(slot.slotType) && !builtIn.has(slot.slotType)) {
          ctx.addIssue({
            code: 'custom',
            message: `${intent.name}.${slot.name}: unknown slot type ${slot.slotType}`,
          });
        }
      }
      const refs = [
        ...intent.sampleUtterances,
        ...intent.slots.flatMap((s) => s.sampleUtterances),
        intent.confirmationPrompt ?? '',
      ];
      for (const text of refs) {
        for (const m of text.matchAll(/\{([^}]+)\}/g)) {
          if (!slotNames.has(m[1]!)) {
            ctx.addIssue({
              code: 'custom',
              message: `${intent.name}: "${text}" names unknown slot {${m[1]}}`,
            });
          }
        }
      }
    }
  });

export type SlotTypeValue = z.infer<typeof slotTypeValueSchema>;
export type SlotTypeDefinition = z.infer<typeof slotTypeSchema>;
export type SlotDefinition = z.infer<typeof slotSchema>;
export type IntentDefinition = z.infer<typeof intentSchema>;
export type BotDefinition = z.infer<typeof botDefinitionSchema>;
