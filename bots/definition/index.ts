/**
 * The bot as data, parsed once at import so a broken definition fails fast at load time rather
 * than mid-conversation. Both the Lex bot (bots/lex) and the local NLU are generated from `bot`.
 */
import { type BotDefinition, botDefinitionSchema } from '../schema.js';
import { cancelDonation } from './cancelDonation.js';
import { checkEligibility } from './checkEligibility.js';
import { checkStock } from './checkStock.js';
import { fallback } from './fallback.js';
import { help } from './help.js';
import { registerDonor } from './registerDonor.js';
import { requestUnits } from './requestUnits.js';
import { respondToAlert } from './respondToAlert.js';
import { scheduleDonation } from './scheduleDonation.js';
import { slotTypes } from './slotTypes.js';
import { smallTalk } from './smallTalk.js';
import { stockReport } from './stockReport.js';

export const bot: BotDefinition = botDefinitionSchema.parse({
  name: 'BloodBankAssistant',
  description: 'Blood bank assistant: stock, requests, donors, appointments and shortage alerts.',
  localeId: 'en_US',
  nluConfidenceThreshold: 0.5,
  idleSessionTtlInSeconds: 300,
  slotTypes,
  intents: [
    checkStock,
    stockReport,
    requestUnits,
    registerDonor,
    scheduleDonation,
    cancelDonation,
    checkEligibility,
    respondToAlert,
    help,
    smallTalk,
    fallback,
  ],
});

/** A fresh copy, so callers that mutate their bot cannot affect anyone else's. */
export function loadBot(): BotDefinition {
  return structuredClone(bot);
}
