/**
 * The Lex V2 code-hook event, validated at the edge. Lex adds fields without changing messageVersion,
 * so objects are loose (unknown keys pass through); `nluConfidence` arrives as a number or `{score}`;
 * an unfilled slot is `null`. Types are derived from the schemas.
 */
import * as z from 'zod';

export const slotValueSchema = z.looseObject({
  originalValue: z.string().optional(),
  interpretedValue: z.string().nullish(),
  resolvedValues: z.array(z.string()).optional(),
});

export const slotSchema = z
  .looseObject({
    shape: z.enum(['Scalar', 'List', 'Composite']).optional(),
    value: slotValueSchema.optional(),
  })
  .nullable();

export const intentStateSchema = z.enum([
  'Failed',
  'Fulfilled',
  'FulfillmentInProgress',
  'InProgress',
  'ReadyForFulfillment',
  'Waiting',
]);
export const confirmationStateSchema = z.enum(['Confirmed', 'Denied', 'None']);

export const intentSchema = z.looseObject({
  name: z.string().min(1),
  slots: z
    .record(z.string(), slotSchema)
    .nullish()
    .transform((s) => s ?? {}),
  state: intentStateSchema.optional(),
  confirmationState: confirmationStateSchema.optional(),
});

export const activeContextSchema = z.looseObject({
  name: z.string().min(1),
  timeToLive: z.looseObject({ timeToLiveInSeconds: z.number(), turnsToLive: z.number() }),
  contextAttributes: z.record(z.string(), z.string()).optional(),
});

export const dialogActionTypeSchema = z.enum([
  'Close',
  'ConfirmIntent',
  'Delegate',
  'ElicitIntent',
  'ElicitSlot',
]);

export const sessionStateSchema = z.looseObject({
  activeContexts: z.array(activeContextSchema).optional(),
  sessionAttributes: z.record(z.string(), z.string()).optional(),
  dialogAction: z
    .looseObject({ type: dialogActionTypeSchema, slotToElicit: z.string().optional() })
    .optional(),
  intent: intentSchema.optional(),
  originatingRequestId: z.string().optional(),
});

const confidenceSchema = z
  .union([z.number(), z.looseObject({ score: z.number() })])
  .optional()
  .transform((c) => (c === undefined ? undefined : typeof c === 'number' ? c : c.score));

export const lexEventSchema = z.looseObject({
  messageVersion: z.string(),
  invocationSource: z.enum(['DialogCodeHook', 'FulfillmentCodeHook']),
  inputMode: z.enum(['Text', 'Speech', 'DTMF']).optional(),
  responseContentType: z.string().optional(),
  sessionId: z.string().min(1),
  inputTranscript: z.string().default(''),
  invocationLabel: z.string().nullish(),
  bot: z.looseObject({ name: z.string(), localeId: z.string() }).partial().optional(),
  interpretations: z
    .array(z.looseObject({ intent: intentSchema, nluConfidence: confidenceSchema }))
    .default([]),
  proposedNextState: z
    .looseObject({
      dialogAction: z.looseObject({ type: dialogActionTypeSchema, slotToElicit: z.string().optional() }),
      intent: intentSchema.optional(),
    })
    .nullish(),
  requestAttributes: z.record(z.string(), z.string()).nullish(),
  sessionState: sessionStateSchema.extend({ intent: intentSchema }),
});

export type LexEvent = z.infer<typeof lexEventSchema>;
export type LexIntent = z.infer<typeof intentSchema>;
export type LexSlot = z.infer<typeof slotSchema>;
export type LexActiveContext = z.infer<typeof activeContextSchema>;
export type DialogActionType = z.infer<typeof dialogActionTypeSchema>;

export interface ResponseCard {
  title: string;
  subtitle?: string;
  buttons?: Array<{ text: string; value: string }>;
}

export type LexMessage =
  | { contentType: 'PlainText'; content: string }
  | { contentType: 'ImageResponseCard'; imageResponseCard: ResponseCard }
  /** Structure for channels that can show it (Slack's Block Kit); the text says the same. */
  | { contentType: 'CustomPayload'; content: string };

export interface LexResponse {
  sessionState: {
    dialogAction: { type: DialogActionType; slotToElicit?: string };
    intent?: LexIntent;
    sessionAttributes?: Record<string, string>;
    activeContexts?: LexActiveContext[];
  };
  messages?: LexMessage[];
  requestAttributes?: Record<string, string>;
}
