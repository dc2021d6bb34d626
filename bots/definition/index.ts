/**
 * The bot as data, parsed once at import so a broken definition fails fast at load time rather
 * than mid-conversation. Both the Lex bot (bots/lex) and the local NLU are generated from `bot`.
 */
import { type BotDefinition, botDefinitionSchema } from '../schema.js';
import { activityReport } from './activityReport.js';
import { cancelDonation } from './cancelDonation.js';
import { checkEligibility } from './checkEligibility.js';
import { checkStock } from './checkStock.js';
import { discardUnits } from './discardUnits.js';
import { expiringUnits } from './expiringUnits.js';
import { fallback } from './fallback.js';
import { help } from './help.js';
import { lookback } from './lookback.js';
import { receiveUnits } from './receiveUnits.js';
import { recordDonation } from './recordDonation.js';
import { recordTestResults } from './recordTestResults.js';
import { registerDonor } from './registerDonor.js';
import { requestUnits } from './requestUnits.js';
import { respondToAlert } from './respondToAlert.js';
import { returnUnits } from './returnUnits.js';
import { scheduleDonation } from './scheduleDonation.js';
import { slotTypes } from './slotTypes.js';
import { smallTalk } from './smallTalk.js';
import { stockReport } from './stockReport.js';
import { traceUnit } from './traceUnit.js';
import { transferUnits } from './transferUnits.js';
import type { IntentSource } from './types.js';

/**
 * Every intent of the bot, keyed by its Lex name (in the order the bot lists them). The keys are the
 * `IntentName` union that fulfillment keys its handler registry and its authorization table by, so
 * an intent added here without a handler and an access rule does not compile.
 */
const INTENTS = {
  CheckStock: checkStock,
  StockReport: stockReport,
  RequestUnits: requestUnits,
  RegisterDonor: registerDonor,
  ScheduleDonation: scheduleDonation,
  CancelDonation: cancelDonation,
  CheckEligibility: checkEligibility,
  RespondToAlert: respondToAlert,
  RecordDonation: recordDonation,
  RecordTestResults: recordTestResults,
  ReceiveUnits: receiveUnits,
  TransferUnits: transferUnits,
  ReturnUnits: returnUnits,
  DiscardUnits: discardUnits,
  TraceUnit: traceUnit,
  Lookback: lookback,
  ExpiringUnits: expiringUnits,
  ActivityReport: activityReport,
  Help: help,
  SmallTalk: smallTalk,
  FallbackIntent: fallback,
} as const satisfies Record<string, IntentSource>;

export type IntentName = keyof typeof INTENTS;

export const INTENT_NAMES = Object.keys(INTENTS) as IntentName[];

// The key is what the compiler sees and the name is what Lex sees: they must be the same word.
for (const [key, intent] of Object.entries(INTENTS)) {
  if (key !== intent.name) throw new Error(`bots/definition: intent ${intent.name} is listed as ${key}`);
}

export const bot: BotDefinition = botDefinitionSchema.parse({
  name: 'BloodBankAssistant',
  description: 'Blood bank assistant: stock, requests, donors, appointments and shortage alerts.',
  localeId: 'en_US',
  nluConfidenceThreshold: 0.5,
  idleSessionTtlInSeconds: 300,
  slotTypes,
  intents: Object.values(INTENTS),
});

/** A fresh copy, so callers that mutate their bot cannot affect anyone else's. */
export function loadBot(): BotDefinition {
  return structuredClone(bot);
}
