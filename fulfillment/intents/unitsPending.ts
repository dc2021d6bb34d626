/**
 * The unit intents before their use cases are wired: understood (so they never fall into
 * RequestUnits), answered honestly, and nothing changed.
 */
import { close } from '../lex/dialog.js';
import type { IntentHandler } from './context.js';

export const unitsPending: IntentHandler = async (ctx) =>
  close(ctx.event, 'Failed', {
    text: 'I understood that, but recording units through chat is not switched on yet. Nothing was changed.',
  });
