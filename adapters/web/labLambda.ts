/**
 * The lab results API on AWS: API Gateway HTTP API (payload v2, `POST /api/lab-results`, no JWT
 * authorizer: the lab presents its service credential) → the same handler the local server runs
 * (./units.ts). The one function that holds the lab's credential. Only wiring lives here: the
 * table store, the staff token verifier, stock events for shortage detection, and the staff channel
 * for a reactive result's lookback list.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { WebClient } from '@slack/web-api';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { policyFor } from '../../fulfillment/domain/policy.js';
import { ConfigError } from '../../fulfillment/errors.js';
import { lazyHandler } from '../../fulfillment/lazyHandler.js';
import { createStockEventPublisher, eventBridgeClient } from '../../fulfillment/stockEvents.js';
import { DynamoAlertStore } from '../../fulfillment/store/dynamo/alerts.js';
import { DynamoStore } from '../../fulfillment/store/dynamo/index.js';
import type { UnitDeps } from '../../fulfillment/usecases/units/deps.js';
import { SlackStaffNotifier } from '../alerts/slack.js';
import { createIdTokenVerifier } from '../identity/verifier.js';
import { createWebIdentify } from '../identity/webIdentity.js';
import { json, toHttpRequest } from '../shared/http.js';
import { type LabConfig, loadLabConfig } from './labConfig.js';
import { createUnitsApi, LAB_RESULTS_PATH } from './units.js';
import { labApplier, traceView } from './unitsWiring.js';

const logger = new Logger({ serviceName: 'lab-results' });

const INTERNAL_ERROR = {
  statusCode: 500,
  headers: { 'content-type': 'application/json; charset=utf-8' },
  body: JSON.stringify({ error: 'internal', message: 'Something went wrong on our side.' }),
};

function createLabHandler(config: LabConfig) {
  const store = new DynamoStore({
    tableName: config.tableName,
    ...(config.region ? { region: config.region } : {}),
    // Results name DINs, never phone numbers; a call to hash one would be a bug.
    hashPhone: () => {
      throw new ConfigError('The lab results function does not hash phone numbers');
    },
  });
  const alerts = new DynamoAlertStore(store.options, store.client);
  const units: UnitDeps = {
    store,
    policy: policyFor(config.policy),
    clock: { now: () => new Date(), timeZone: config.timeZone },
    ...(config.slack
      ? {
          notify: new SlackStaffNotifier(
            new WebClient(
              config.slack.botToken,
              config.slack.apiUrl ? { slackApiUrl: config.slack.apiUrl } : {},
            ),
            config.slack.channel,
          ),
        }
      : {}),
    ...(config.stockEventsBus
      ? {
          onStockChange: createStockEventPublisher(
            eventBridgeClient(config.region),
            config.stockEventsBus,
            logger,
          ),
        }
      : {}),
  };
  const api = createUnitsApi({
    identify: createWebIdentify({
      verifier: createIdTokenVerifier({
        issuer: config.cognito.issuer,
        audience: config.cognito.clientId,
        jwksUri: config.cognito.jwksUri,
      }),
      donorIdBySub: (sub) => store.donorIdBySub(sub),
    }),
    store,
    policy: units.policy,
    thresholds: () => alerts.thresholds(),
    timeZone: config.timeZone,
    now: () => new Date(),
    logger,
    trace: traceView(units),
    applyLabRows: labApplier(units),
    labCredential: async () => config.labCredential,
  });
  return async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
    try {
      const request = toHttpRequest(event);
      // This function serves the lab's route only (infra/lib/stateless/api.ts LAB_RESULTS_ROUTE).
      const response =
        request.path === LAB_RESULTS_PATH ? await api.handle(request) : json(404, { error: 'not_found' });
      return { statusCode: response.status, headers: response.headers, body: response.body };
    } catch (error) {
      // Names only: messages from lower layers can carry request content.
      logger.error('lab results failed', { error: error instanceof Error ? error.name : 'unknown' });
      return INTERNAL_ERROR;
    }
  };
}

/** The Lambda entry point (fulfillment/lazyHandler.ts: context in the logs, config per invocation). */
export const handler = lazyHandler<LabConfig, APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>({
  load: () => loadLabConfig(),
  build: createLabHandler,
  loggers: [logger],
});
