/**
 * Authoring types for bots/definition: the schema's input side, so files may omit fields that
 * have defaults (maxRetries, sampleUtterances, ...). index.ts parses everything into the output side.
 */
import type * as z from 'zod';
import type { intentSchema, slotSchema } from '../schema.js';

export type IntentSource = z.input<typeof intentSchema>;
export type SlotSource = z.input<typeof slotSchema>;
