/**
 * The web API on AWS: API Gateway HTTP API (payload v2) → this Lambda → createChatApi → Lex
 * RecognizeText. Only this translation lives here; everything else is the same handler the local
 * server runs. Leave CORS to the handler (do not also enable it on the HTTP API): the allow-list and
 * the 403 for other origins are part of the contract and tested here.
 */
import { randomUUID } from 'node:crypto';
import { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { LexRuntime } from '../../bots/runtime/lexRuntime.js';
import { ConfigError } from '../../fulfillment/errors.js';
import { createDocumentClient } from '../../fulfillment/store/dynamo/base.js';
import { DynamoDonors } from '../../fulfillment/store/dynamo/donors.js';
import { DynamoIdentity } from '../../fulfillment/store/dynamo/identity.js';
import { createIdTokenVerifier } from '../identity/verifier.js';
import { createWebIdentify } from '../identity/webIdentity.js';
import { toHttpRequest } from '../shared/http.js';
import { type ChatApi, createChatApi } from './api.js';
import { loadWebConfig, type WebConfig } from './config.js';
import { dynamoRateLimiter } from './rateLimit.js';

export function createWebHandler(api: ChatApi) {
  return async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
    const response = await api(toHttpRequest(event));
    return { statusCode: response.status, headers: response.headers, body: response.body };
  };
}

export function chatApiFromConfig(config: WebConfig): ChatApi {
  const options = {
    tableName: config.tableName,
    ...(config.region ? { region: config.region } : {}),
    // The web API never looks a phone number up; a call to hash one would be a bug.
    hashPhone: () => {
      throw new ConfigError('The web API does not hash phone numbers');
    },
  };
  const doc = createDocumentClient(options);
  const donors = new DynamoDonors(options, doc);
  const identity = new DynamoIdentity(options, doc);
  const runtime = new LexRuntime({ ...config.lex, ...(config.region ? { region: config.region } : {}) });
  const identify = createWebIdentify({
    verifier: createIdTokenVerifier({
      issuer: config.cognito.issuer,
      audience: config.cognito.clientId,
      jwksUri: config.cognito.jwksUri,
    }),
    donorIdBySub: (sub) => donors.donorIdBySub(sub),
  });
  return createChatApi(
    {
      runtime,
      identify,
      signingKey: config.principalSigningKey,
      now: () => new Date(),
      newSessionId: () => randomUUID().replace(/-/g, ''),
    },
    {
      allowedOrigins: config.allowedOrigins,
      limiter: dynamoRateLimiter(identity, { limit: config.rateLimitPerMinute, windowSeconds: 60 }),
      logger: new Logger({ serviceName: 'web-api' }),
    },
  );
}

let cold: Promise<ReturnType<typeof createWebHandler>> | undefined;

/** The Lambda entry point; configuration (and the signing secret) is read once per container. */
export async function handler(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> {
  if (!cold) {
    cold = loadWebConfig().then((config) => createWebHandler(chatApiFromConfig(config)));
    // A failed start (bad config, secret unreadable) fails this invocation; the next one retries.
    cold.catch(() => {
      cold = undefined;
    });
  }
  return (await cold)(event);
}
