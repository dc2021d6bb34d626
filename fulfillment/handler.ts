/**
 * The Lex V2 code-hook Lambda: channel adapters → bot runtime → here → intents → domain + store.
 * One door: validate the event, verify the principal, authorize (a refusal or a request to sign in
 * is answered here, in the table's words, so no handler runs for it), dispatch by intent name, and
 * turn anything unexpected into a safe Lex reply. Logs carry events, never people: intent, outcome,
 * latency and a hashed session id; no transcript, name, phone or date of birth.
 */

import { Logger } from '@aws-lambda-powertools/logger';
import { S3Client } from '@aws-sdk/client-s3';
import type { IntentName } from '../bots/definition/index.js';
import { authorize } from './auth/authorize.js';
import { anonymous, PRINCIPAL_ATTRIBUTE, verifyPrincipal } from './auth/principal.js';
import { todayIn } from './clock.js';
import { type FulfillmentConfig, loadFulfillmentConfig } from './config.js';
import { S3DocumentStore } from './documents/s3.js';
import { policyFor } from './domain/policy.js';
import { activityReport } from './intents/activityReport.js';
import { cancelDonation } from './intents/cancelDonation.js';
import { checkEligibility } from './intents/checkEligibility.js';
import { checkStock } from './intents/checkStock.js';
import type { FulfillmentDeps, IntentContext, IntentHandler } from './intents/context.js';
import { discardUnits } from './intents/discardUnits.js';
import { expiringUnits } from './intents/expiringUnits.js';
import { fallback, help } from './intents/help.js';
import { lookback } from './intents/lookback.js';
import { receiveUnits } from './intents/receiveUnits.js';
import { recordDonation } from './intents/recordDonation.js';
import { recordTestResults } from './intents/recordTestResults.js';
import { registerDonor } from './intents/registerDonor.js';
import { requestUnits } from './intents/requestUnits.js';
import { respondToAlert } from './intents/respondToAlert.js';
import { returnUnits } from './intents/returnUnits.js';
import { scheduleDonation } from './intents/scheduleDonation.js';
import { smallTalk } from './intents/smallTalk.js';
import { stockReport } from './intents/stockReport.js';
import { traceUnit } from './intents/traceUnit.js';
import { transferUnits } from './intents/transferUnits.js';
import { lazyHandler } from './lazyHandler.js';
import { close } from './lex/dialog.js';
import { type LexEvent, type LexResponse, lexEventSchema } from './lex/event.js';
import { createPhoneHasher, logTag } from './privacy.js';
import { resolveSecret } from './secrets.js';
import { createStockEventPublisher, eventBridgeClient } from './stockEvents.js';
import { DynamoAlertStore } from './store/dynamo/alerts.js';
import { DynamoIdentity } from './store/dynamo/identity.js';
import { DynamoStore } from './store/dynamo/index.js';
import { DynamoPhoneCodes } from './store/dynamo/phoneCodes.js';
import { createPhoneVerification, phoneCodeKey } from './usecases/phoneVerification.js';
import { snsClient, snsVerificationSms } from './verificationSms.js';

/** One handler per intent of the bot: an intent in bots/definition without one does not compile. */
export const INTENT_HANDLERS: { readonly [I in IntentName]: IntentHandler } = {
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
};

/** Lex may send any name; only the bot's own intents are dispatched. */
function isIntentName(name: string): name is IntentName {
  return Object.hasOwn(INTENT_HANDLERS, name);
}

const SORRY =
  'Sorry, something went wrong on our side and nothing was changed. Please try again in a moment.';

function safeFailure(raw: unknown, text: string): LexResponse {
  const intentName = (raw as { sessionState?: { intent?: { name?: unknown } } } | null)?.sessionState?.intent
    ?.name;
  return {
    sessionState: {
      dialogAction: { type: 'Close' },
      intent: {
        name: typeof intentName === 'string' && intentName ? intentName : 'FallbackIntent',
        slots: {},
        state: 'Failed',
      },
    },
    messages: [{ contentType: 'PlainText', content: text }],
  };
}

/** The function's one logger: the entry point gives it each invocation's Lambda context. */
const functionLogger = new Logger({ serviceName: 'fulfillment' });

export function createFulfillment(deps: FulfillmentDeps, logger = functionLogger) {
  return async function fulfil(raw: unknown): Promise<LexResponse> {
    const started = performance.now();
    const parsed = lexEventSchema.safeParse(raw);
    if (!parsed.success) {
      logger.warn('invalid code-hook event', { issues: parsed.error.issues.length });
      return safeFailure(raw, SORRY);
    }
    const event: LexEvent = parsed.data;
    const intent = event.sessionState.intent;
    const now = deps.now();
    const check = verifyPrincipal(
      event.sessionState.sessionAttributes?.[PRINCIPAL_ATTRIBUTE],
      deps.principalSigningKey,
      now,
    );
    // A missing, forged or stale principal is not an error: it is someone we do not know.
    const principal = check.ok ? check.principal : anonymous('web');
    const log = {
      intent: intent.name,
      source: event.invocationSource,
      role: principal.role,
      principal: check.ok ? 'verified' : check.reason,
      session: logTag(event.sessionId),
    };
    if (!isIntentName(intent.name)) {
      logger.warn('unknown intent', log);
      return safeFailure(raw, "Sorry, I can't help with that yet.");
    }
    const decision = authorize(intent.name, principal.role);
    if (!decision.allowed) {
      logger.info('turn', {
        ...log,
        action: 'Close',
        state: 'Failed',
        refused: decision.access,
        latencyMs: Math.round(performance.now() - started),
      });
      return close(event, 'Failed', { text: decision.reason });
    }
    const handler = INTENT_HANDLERS[intent.name];
    const ctx: IntentContext = {
      deps,
      event,
      intent,
      principal,
      access: decision.access,
      actor: { userId: principal.userId, role: principal.role, channel: principal.channel },
      now,
      today: todayIn(deps.timeZone, now),
    };
    try {
      const response = await handler(ctx);
      logger.info('turn', {
        ...log,
        action: response.sessionState.dialogAction.type,
        state: response.sessionState.intent?.state,
        latencyMs: Math.round(performance.now() - started),
      });
      return response;
    } catch (error) {
      logger.error('intent failed', {
        ...log,
        error: error instanceof Error ? { name: error.name, message: error.message } : 'unknown',
      });
      return safeFailure(raw, SORRY);
    }
  };
}

export function depsFromConfig(config: FulfillmentConfig): FulfillmentDeps {
  const store = new DynamoStore({
    tableName: config.tableName,
    hashPhone: createPhoneHasher(config.phoneHashKey),
    ...(config.dynamoEndpoint
      ? { endpoint: config.dynamoEndpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
      : {}),
    ...(config.region ? { region: config.region } : {}),
  });
  return {
    store,
    // RespondToAlert reads and answers shortage appeals; detection itself runs in the alerts function.
    alerts: new DynamoAlertStore(store.options, store.client),
    policy: policyFor(config.policy),
    timeZone: config.timeZone,
    defaultSite: config.defaultSite,
    principalSigningKey: config.principalSigningKey,
    now: () => new Date(),
    selfRegistration: selfRegistrationDeps(store, config),
    ...(config.stockEventsBus
      ? {
          onStockChange: createStockEventPublisher(
            eventBridgeClient(config.region),
            config.stockEventsBus,
            functionLogger,
          ),
        }
      : {}),
    ...(config.documents
      ? {
          documents: new S3DocumentStore({
            client: new S3Client(config.region ? { region: config.region } : {}),
            bucket: config.documents.bucket,
            ...(config.documents.kmsKeyId ? { kmsKeyId: config.documents.kmsKeyId } : {}),
          }),
        }
      : {}),
  };
}

/** Phone proof for self-registration: codes in the table, texted by SNS, keyed from the phone-hash secret. */
function selfRegistrationDeps(store: DynamoStore, config: FulfillmentConfig) {
  const identity = new DynamoIdentity(store.options, store.client);
  return {
    phones: createPhoneVerification({
      codes: new DynamoPhoneCodes(store.options, store.client),
      limits: identity,
      sms: snsVerificationSms(snsClient(config.region), config.smsOriginationNumber),
      key: phoneCodeKey(config.phoneHashKey),
      now: () => new Date(),
    }),
    accounts: identity,
  };
}

/**
 * On AWS the two keys arrive as `<NAME>_SECRET_ARN` (Secrets Manager) rather than as values, so they
 * are resolved into the environment before config validation; locally the values pass straight through.
 */
export async function withResolvedSecrets(env: NodeJS.ProcessEnv = process.env): Promise<NodeJS.ProcessEnv> {
  const [PRINCIPAL_SIGNING_KEY, PHONE_HASH_KEY] = await Promise.all([
    resolveSecret(env, 'PRINCIPAL_SIGNING_KEY'),
    resolveSecret(env, 'PHONE_HASH_KEY'),
  ]);
  return { ...env, PRINCIPAL_SIGNING_KEY, PHONE_HASH_KEY };
}

/**
 * The Lambda entry point. Configuration is read at each invocation (secrets from Parameters' cache)
 * and the handler is built at the first one, and again only when a secret has rotated.
 */
export const handler = lazyHandler<FulfillmentConfig, unknown, LexResponse>({
  load: async () => loadFulfillmentConfig(await withResolvedSecrets()),
  build: (config) => createFulfillment(depsFromConfig(config)),
  loggers: [functionLogger],
});
