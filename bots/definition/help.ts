/** Help: greetings and "what can you do"; fulfillment tailors the answer to the caller's role. */
import type { IntentSource } from './types.js';

export const help: IntentSource = {
  name: 'Help',
  description: 'Greetings and what the assistant can do.',
  sampleUtterances: [
    'hi',
    'hello',
    'hey',
    'help',
    'menu',
    'what can you do',
    'what can I do here',
    'how can you help me',
    'I need some help',
    'show me the options',
    'what are the commands',
    'good afternoon',
    'good evening',
    'howdy',
    'start',
    'start over',
    'what is this',
    'who are you',
    'help please',
    'greetings',
    'yo',
    'what can I say',
    'instructions',
    'hey bot',
    'what services do you offer',
    'how do I use this',
  ],
  fulfillmentCodeHook: true,
  closingResponse:
    'I can check blood stock, request units, register donors, book or cancel donations, and check eligibility.',
};
