/** A fresh, uniquely named table on the run's DynamoDB Local, for one test file. */
import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { LOCAL_CREDENTIALS } from '../../adapters/local/dynamoLocal.js';
import { createPhoneHasher } from '../../fulfillment/privacy.js';
import { DynamoStore } from '../../fulfillment/store/dynamo/index.js';

export async function createTestStore(options: { now?: () => Date } = {}): Promise<DynamoStore> {
  const store = new DynamoStore({
    tableName: `test-${randomUUID()}`,
    endpoint: inject('dynamoEndpoint'),
    region: 'local',
    credentials: LOCAL_CREDENTIALS,
    hashPhone: createPhoneHasher('test-pepper-test-pepper-test-pepper!!'),
    ...(options.now ? { now: options.now } : {}),
  });
  await store.ensureTable();
  return store;
}
