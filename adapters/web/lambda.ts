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
import { lazyHandler } from '../../fulfillment/lazyHandler.js';
import { createDocumentClient } from '../../fulfillment/store/dynamo/base.js';
import { DynamoDonors } from '../../fulfillment/store/dynamo/donors.js';
import { DynamoIdentity } from '../../fulfillment/store/dynamo/identity.js';
import { createIdTokenVerifier } from '../identity/verifier.js';
import { createWebIdentify } from '../identity/webIdentity.js';
import { toHttpRequest } from '../shared/http.js';
import { dynamoRateLimiter } from '../shared/rateLimit.js';
import { type ChatApi, createChatApi } from './api.js';
import { loadWebConfig, type WebConfig } from './config.js';

const logger = new Logger({ serviceName: 'web-api' });

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
      logger,
    },
  );
}

/** The Lambda entry point (fulfillment/lazyHandler.ts: context in the logs, config per invocation). */
export const handler = /* @__PURE__ */ lazyHandler<
  WebConfig,
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2
>({
  load: () => loadWebConfig(),
  build: (config) => createWebHandler(chatApiFromConfig(config)),
  loggers: [logger],
});
