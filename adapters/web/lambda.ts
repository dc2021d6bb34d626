/**
 * The web API on AWS: API Gateway HTTP API (payload v2) → this Lambda → createChatApi → Lex
 * RecognizeText, and the read-only stock and unit routes (./units.ts). Only this translation lives here; everything else is the same handler the local
 * server runs. Leave CORS to the handler (do not also enable it on the HTTP API): the allow-list and
 * the 403 for other origins are part of the contract and tested here.
 */
import { randomUUID } from 'node:crypto';
import { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { LexRuntime } from '../../bots/runtime/lexRuntime.js';
import { policyFor } from '../../fulfillment/domain/policy.js';
import { ConfigError } from '../../fulfillment/errors.js';
import { lazyHandler } from '../../fulfillment/lazyHandler.js';
import { DynamoAlertStore } from '../../fulfillment/store/dynamo/alerts.js';
import { createDocumentClient } from '../../fulfillment/store/dynamo/base.js';
import { DynamoDonors } from '../../fulfillment/store/dynamo/donors.js';
import { DynamoIdentity } from '../../fulfillment/store/dynamo/identity.js';
import { DynamoStore } from '../../fulfillment/store/dynamo/index.js';
import { createIdTokenVerifier } from '../identity/verifier.js';
import { createWebIdentify } from '../identity/webIdentity.js';
import { type HttpResponse, type Identify, json, toHttpRequest } from '../shared/http.js';
import { dynamoRateLimiter } from '../shared/rateLimit.js';
import { type ChatApi, createChatApi } from './api.js';
import { loadWebConfig, type WebConfig } from './config.js';
import { createUnitsApi, LAB_RESULTS_PATH, type UnitsApi } from './units.js';
import { traceView } from './unitsWiring.js';

const logger = new Logger({ serviceName: 'web-api' });

/** The chat API, and the stock and unit routes (GET /api/stock, GET /api/units/{din}) when given. */
export function createWebHandler(api: ChatApi, units?: UnitsApi) {
  return async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
    const request = toHttpRequest(event);
    let response: HttpResponse;
    if (units?.serves(request.path) && request.path !== LAB_RESULTS_PATH) {
      try {
        response = await units.handle(request);
      } catch (error) {
        // Names only: messages from lower layers can carry request content.
        logger.error('units request failed', { error: error instanceof Error ? error.name : 'unknown' });
        response = json(500, { error: 'internal', message: 'Something went wrong on our side.' });
      }
    } else {
      response = await api(request);
    }
    return { statusCode: response.status, headers: response.headers, body: response.body };
  };
}

/**
 * The read-only unit routes of the web function. Lab results are not served here: that route
 * writes clinical state and has a function (and credential) of its own (./labLambda.ts).
 */
export function unitsApiFromConfig(config: WebConfig, identify: Identify): UnitsApi {
  const options = {
    tableName: config.tableName,
    ...(config.region ? { region: config.region } : {}),
    hashPhone: () => {
      throw new ConfigError('The web API does not hash phone numbers');
    },
  };
  const store = new DynamoStore(options);
  const alerts = new DynamoAlertStore(store.options, store.client);
  const policy = policyFor(config.policy);
  return createUnitsApi({
    identify,
    store,
    policy,
    thresholds: () => alerts.thresholds(),
    timeZone: config.timeZone,
    now: () => new Date(),
    logger,
    trace: traceView({ store }),
    applyLabRows: async () => {
      throw new ConfigError('Lab results are served by the lab results function');
    },
  });
}

export function webIdentifyFromConfig(
  config: WebConfig,
  donors: Pick<DynamoDonors, 'donorIdBySub'>,
): Identify {
  return createWebIdentify({
    verifier: createIdTokenVerifier({
      issuer: config.cognito.issuer,
      audience: config.cognito.clientId,
      jwksUri: config.cognito.jwksUri,
    }),
    donorIdBySub: (sub) => donors.donorIdBySub(sub),
  });
}

export function chatApiFromConfig(config: WebConfig, identify?: Identify): ChatApi {
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
  return createChatApi(
    {
      runtime,
      identify: identify ?? webIdentifyFromConfig(config, donors),
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
  build: (config) => {
    const options = {
      tableName: config.tableName,
      ...(config.region ? { region: config.region } : {}),
      hashPhone: () => {
        throw new ConfigError('The web API does not hash phone numbers');
      },
    };
    // One verifier (and its JWKS cache) for both doors.
    const identify = webIdentifyFromConfig(config, new DynamoDonors(options, createDocumentClient(options)));
    return createWebHandler(chatApiFromConfig(config, identify), unitsApiFromConfig(config, identify));
  },
  loggers: [logger],
});
