/**
 * SmallTalk: thanks, goodbyes and acknowledgements ("ta", "cheers", "see ya", "ok", "got it"),
 * answered as people expect and never read as a request (least of all a cancellation). Greetings
 * and "what can you do" stay with Help, which answers them with the menu.
 */
import type { IntentSource } from './types.js';

export const smallTalk: IntentSource = {
  name: 'SmallTalk',
  description: 'Thanks, goodbyes and acknowledgements; no state changes.',
  sampleUtterances: [
    '{kind}',
    '{kind} mate',
    'ok {kind}',
    '{kind} then',
    'that is all {kind}',
    "that's everything {kind}",
    'nothing else {kind}',
    "{kind} that's all",
    'thank you for your help',
    'thanks for that',
    'cheers for sorting it',
    "that's all I needed",
    "I'm done",
    'all done',
    'you have been very helpful',
    'you were a great help',
    'much appreciated',
    'appreciate it',
    'thanks so much for sorting that out',
    'brilliant thank you',
    'have a good day',
    'have a nice evening',
    'speak to you later',
    'talk soon',
    'catch you later',
    "I'll be off now",
    'that sounds good',
    'fair enough',
    'no worries',
    'right then',
    'understood thanks',
    'lovely ta',
    'great stuff',
    'nice one',
  ],
  slots: [
    {
      name: 'kind',
      description: 'Which kind of small talk: thanks, goodbye or acknowledgement.',
      slotType: 'SmallTalkKind',
      required: false,
      prompt: 'Is there anything else I can help with?',
      sampleUtterances: ['{kind}'],
    },
  ],
  fulfillmentCodeHook: true,
};
