/** FallbackIntent: Lex's built-in catch-all; no utterances and no slots by Lex rule. */
import type { IntentSource } from './types.js';

export const fallback: IntentSource = {
  name: 'FallbackIntent',
  description: 'Anything the bot did not understand.',
  sampleUtterances: [],
  fulfillmentCodeHook: true,
  closingResponse: "Sorry, I didn't get that. Say 'help' to see what I can do.",
};
