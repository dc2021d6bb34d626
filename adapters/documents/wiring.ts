/**
 * What both documents functions build from their configuration: the table store, the S3 document
 * store and the caller's identity (Cognito ID token). The API (./lambda.ts) and the report function
 * (./reportLambda.ts) are separate bundles, so this file must not import the chart renderer.
 */
import { S3Client } from '@aws-sdk/client-s3';
import { S3DocumentStore } from '../../fulfillment/documents/s3.js';
import { ConfigError } from '../../fulfillment/errors.js';
import { DynamoStore } from '../../fulfillment/store/dynamo/index.js';
import { createIdTokenVerifier } from '../identity/verifier.js';
import { createWebIdentify } from '../identity/webIdentity.js';
import type { DocumentsConfig } from './config.js';

export function wireDocuments(config: DocumentsConfig) {
  const store = new DynamoStore({
    tableName: config.tableName,
    ...(config.region ? { region: config.region } : {}),
    // Documents never look a phone number up; a call to hash one would be a bug.
    hashPhone: () => {
      throw new ConfigError('The documents functions do not hash phone numbers');
    },
  });
  const documents = new S3DocumentStore({
    client: new S3Client({ ...(config.region ? { region: config.region } : {}) }),
    bucket: config.bucket,
    ...(config.kmsKeyId ? { kmsKeyId: config.kmsKeyId } : {}),
  });
  const identify = createWebIdentify({
    verifier: createIdTokenVerifier({
      issuer: config.cognito.issuer,
      audience: config.cognito.clientId,
      jwksUri: config.cognito.jwksUri,
    }),
    donorIdBySub: (sub) => store.donorIdBySub(sub),
  });
  return { store, documents, identify };
}

export const INTERNAL_ERROR = {
  statusCode: 500,
  headers: { 'content-type': 'application/json; charset=utf-8' },
  body: JSON.stringify({ error: 'internal', message: 'Something went wrong on our side.' }),
};
