/**
 * Inbound SMS on AWS: End User Messaging publishes each inbound message to an SNS topic, which
 * invokes this Lambda asynchronously. Each record's Message is the inbound JSON; handling is the
 * same handleInboundSms the local server runs. An error fails the invocation so Lambda's async retry
 * redelivers it; the inboundMessageId claim keeps a message that did succeed from being answered twice.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import type { SNSEvent } from 'aws-lambda';
import { LexRuntime } from '../../bots/runtime/lexRuntime.js';
import { lazyHandler } from '../../fulfillment/lazyHandler.js';
import { createPhoneHasher } from '../../fulfillment/privacy.js';
import { DynamoAlertStore } from '../../fulfillment/store/dynamo/alerts.js';
import { createDocumentClient } from '../../fulfillment/store/dynamo/base.js';
import { DynamoDonors } from '../../fulfillment/store/dynamo/donors.js';
import { DynamoIdentity } from '../../fulfillment/store/dynamo/identity.js';
import { alertContexts } from '../alerts/smsContext.js';
import { loadSmsConfig, type SmsConfig } from './config.js';
import { handleInboundSms, type SmsDeps, type SmsOutcome } from './inbound.js';
import { SnsSmsSender } from './sender.js';

const logger = new Logger({ serviceName: 'sms' });

export function createSmsHandler(deps: SmsDeps) {
  return async (event: SNSEvent): Promise<{ outcomes: SmsOutcome[] }> => {
    const outcomes: SmsOutcome[] = [];
    for (const record of event.Records ?? []) {
      let message: unknown;
      try {
        message = JSON.parse(record.Sns.Message);
      } catch {
        deps.logger.warn('sms record is not JSON');
        outcomes.push('invalid');
        continue;
      }
      outcomes.push(await handleInboundSms(message, deps));
    }
    return { outcomes };
  };
}

export function smsDepsFromConfig(config: SmsConfig): SmsDeps {
  const hashPhone = createPhoneHasher(config.phoneHashKey);
  const options = {
    tableName: config.tableName,
    hashPhone,
    ...(config.region ? { region: config.region } : {}),
  };
  const doc = createDocumentClient(options);
  const donors = new DynamoDonors(options, doc);
  const now = () => new Date();
  return {
    identity: new DynamoIdentity(options, doc),
    donorIdByPhone: (phone) => donors.donorIdByPhone(phone),
    hashPhone,
    runtime: new LexRuntime({ ...config.lex, ...(config.region ? { region: config.region } : {}) }),
    signingKey: config.principalSigningKey,
    now,
    activeContexts: alertContexts(new DynamoAlertStore(options, doc), now),
    sender: new SnsSmsSender({
      ...(config.region ? { region: config.region } : {}),
      ...(config.originationNumber ? { defaultOriginationNumber: config.originationNumber } : {}),
    }),
    logger,
  };
}

/** The Lambda entry point (fulfillment/lazyHandler.ts: context in the logs, config per invocation). */
export const handler = lazyHandler<SmsConfig, SNSEvent, { outcomes: SmsOutcome[] }>({
  load: () => loadSmsConfig(),
  build: (config) => createSmsHandler(smsDepsFromConfig(config)),
  loggers: [logger],
});
