/**
 * The documents API on AWS: API Gateway HTTP API (payload v2) → the same handlers the local server
 * runs (./http.ts): uploads, listings, download links, latest report, audit exports. Only translation
 * and wiring live here. Making a report renders a chart, so that route and the daily run belong to
 * the report function (./reportLambda.ts) and this bundle carries no renderer. Note the 6 MB Lambda
 * payload limit: uploads are capped at 4 MiB of file so their base64 body always fits
 * (fulfillment/usecases/documents.ts).
 */
import { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { policyFor } from '../../fulfillment/domain/policy.js';
import { lazyHandler } from '../../fulfillment/lazyHandler.js';
import { toHttpRequest } from '../shared/http.js';
import { type DocumentsConfig, loadDocumentsConfig } from './config.js';
import { createDocumentsApi } from './http.js';
import { INTERNAL_ERROR, wireDocuments } from './wiring.js';

const logger = new Logger({ serviceName: 'documents' });

function createDocumentsHandler(config: DocumentsConfig) {
  const { store, documents, identify } = wireDocuments(config);
  const api = createDocumentsApi({
    identify,
    documents,
    store,
    policy: policyFor(config.policy),
    timeZone: config.timeZone,
    now: () => new Date(),
    logger,
  });
  return async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
    try {
      const response = await api.handle(toHttpRequest(event));
      return { statusCode: response.status, headers: response.headers, body: response.body };
    } catch (error) {
      // Names only: messages from lower layers can carry request content.
      logger.error('documents request failed', { error: error instanceof Error ? error.name : 'unknown' });
      return INTERNAL_ERROR;
    }
  };
}

/** The Lambda entry point (fulfillment/lazyHandler.ts: context in the logs, config per invocation). */
export const handler = lazyHandler<
  DocumentsConfig,
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2
>({
  load: () => loadDocumentsConfig(),
  build: createDocumentsHandler,
  loggers: [logger],
});
