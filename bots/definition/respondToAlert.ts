/**
 * RespondToAlert: a donor answers a shortage alert (usually by SMS). Only recognised while the
 * `shortageAlert` context is active, so a stray "yes" elsewhere never counts as an answer.
 */
import type { IntentSource } from './types.js';

/**
 * The context that opens this intent. Fulfillment reads it and the SMS adapter restores it, both
 * from here, so the bot, the intent and the channel cannot drift apart.
 */
export const ALERT_CONTEXT = 'shortageAlert';

export const respondToAlert: IntentSource = {
  name: 'RespondToAlert',
  description: 'Answer to a shortage alert: can the donor come in?',
  sampleUtterances: [
    '{answer}',
    '{answer} I can come in',
    "{answer} I'll be there",
    "{answer} sorry I can't",
    "{answer} I'm free",
    '{answer} count me in',
    '{answer} not this week',
    '{answer} thanks',
    "{answer} I'm available",
    "I'm available {answer}",
    'sorry {answer}',
    "{answer} I'm busy",
    "{answer} I'm away",
    'I can help {answer}',
    'happy to help',
    'I can donate today',
    "I'm not available",
    "sorry I'm working",
    "I'll come in tomorrow",
    "I can't come in",
    'not able to come',
    "I'm unwell so no",
  ],
  slots: [
    {
      name: 'answer',
      description: 'Whether the donor can come in.',
      slotType: 'Answer',
      required: true,
      prompt: 'Can you come in to donate? Please answer yes or no.',
      sampleUtterances: ['{answer}'],
    },
  ],
  inputContexts: [{ name: ALERT_CONTEXT }],
  // The dialog hook confirms with the offered time in its own words; this prompt is Lex's fallback
  // and declares the intent as confirmable, so a ConfirmIntent from the hook is always honoured.
  confirmationPrompt: 'Shall I book that time for you?',
  declinationResponse: 'No problem, thank you. Text "book a donation" any time to choose another time.',
  dialogCodeHook: true,
  fulfillmentCodeHook: true,
};
