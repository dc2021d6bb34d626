/**
 * The bench's capacity meter: DynamoDB's billing rules as the bench applies them, and the middleware
 * summing what DynamoDB Local reports and what the rules compute. Functional checks only; the bench
 * itself makes no timing assertion anywhere.
 */
import { randomUUID } from 'node:crypto';
import { GetCommand, PutCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPhoneHasher } from '../../../fulfillment/privacy.js';
import { createDocumentClient } from '../../../fulfillment/store/dynamo/base.js';
import type { DynamoStore } from '../../../fulfillment/store/dynamo/index.js';
import { itemSize, itemWriteUnits, meterCapacity, readUnits, writeUnits } from '../../bench/capacity.js';
import { createTestStore } from '../../support/store.js';

describe('DynamoDB billing rules', () => {
  it.each([
    [{ pk: 'abc' }, 2 + 3],
    [{ n: 123 }, 1 + 3], // three significant digits: two bytes, plus one
    [{ n: 1200 }, 1 + 2], // trailing zeros do not count
    [{ ok: true, none: null }, 2 + 1 + 4 + 1],
    [{ l: ['ab', 'c'] }, 1 + 3 + (1 + 2) + (1 + 1)],
    [{ m: { k: 'v' } }, 1 + 3 + (1 + 1 + 1)],
  ])('sizes %j as %i bytes', (item, bytes) => {
    expect(itemSize(item)).toBe(bytes);
  });

  it.each([
    [0, true, 1],
    [4096, true, 1],
    [4097, true, 2],
    [4097, false, 1],
    [100, false, 0.5],
  ])('reads %i bytes (consistent: %s) for %d units', (bytes, consistent, units) => {
    expect(readUnits(bytes, consistent)).toBe(units);
  });

  it.each([
    [0, 1],
    [1024, 1],
    [1025, 2],
  ])('writes %i bytes for %i units', (bytes, units) => {
    expect(writeUnits(bytes)).toBe(units);
  });

  it('bills a GSI write when an item enters, leaves or changes inside an index', () => {
    // Prepare
    const indexed = { pk: 'U', sk: 'M', gsi1pk: 'AVAIL', gsi1sk: '2026#1', status: 'available' };
    const allocated = { pk: 'U', sk: 'M', status: 'allocated' };
    // Act / Assess
    expect(itemWriteUnits(null, indexed)).toEqual({ table: 1, indexes: 1 });
    expect(itemWriteUnits(indexed, allocated)).toEqual({ table: 1, indexes: 1 });
    expect(itemWriteUnits(indexed, { ...indexed, status: 'held' })).toEqual({ table: 1, indexes: 1 });
    expect(itemWriteUnits(indexed, { ...indexed, gsi1sk: '2027#1' })).toEqual({ table: 1, indexes: 2 });
    expect(itemWriteUnits(allocated, { ...allocated, note: 'x' })).toEqual({ table: 1, indexes: 0 });
  });
});

describe('meterCapacity on DynamoDB Local', () => {
  let store: DynamoStore;
  let table: string;

  beforeAll(async () => {
    store = await createTestStore();
    table = store.options.tableName;
  });
  afterAll(() => store.destroy());

  it('counts calls and round trips, and sums reported and computed read units', async () => {
    // Prepare
    const doc = store.client;
    const meter = meterCapacity(doc);
    await doc.send(new PutCommand({ TableName: table, Item: { pk: 'P', sk: 'a', v: 'x' } }));
    await doc.send(new PutCommand({ TableName: table, Item: { pk: 'P', sk: 'b', v: 'y' } }));
    meter.take();

    // Act
    const got = await doc.send(new GetCommand({ TableName: table, Key: { pk: 'P', sk: 'a' } }));
    await Promise.all([
      doc.send(
        new QueryCommand({
          TableName: table,
          KeyConditionExpression: 'pk = :p',
          ExpressionAttributeValues: { ':p': 'P' },
        }),
      ),
      doc.send(new GetCommand({ TableName: table, Key: { pk: 'P', sk: 'missing' } })),
    ]);
    const totals = meter.take();

    // Assess: the caller still gets its item; three calls in two sequential waves, half a unit each.
    expect(got.Item).toEqual({ pk: 'P', sk: 'a', v: 'x' });
    expect(got.ConsumedCapacity?.CapacityUnits).toBe(0.5);
    expect(totals).toMatchObject({
      calls: 3,
      roundTrips: 2,
      rcuReported: 1.5,
      rcuComputed: 1.5,
      wcuReported: 0,
    });
    expect(totals.readSizes).toHaveLength(3);
    expect(meter.take().calls).toBe(0);
  });

  it('computes transactional writes at twice the table units, per item, only while a sizer is set', async () => {
    // Prepare
    const sizer = createDocumentClient({
      tableName: table,
      endpoint: store.options.endpoint!,
      region: 'local',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      hashPhone: createPhoneHasher('unused-pepper-unused-pepper-unused!!'),
    });
    const meter = meterCapacity(store.client);
    const transact = (id: string) =>
      store.client.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: table, Item: { pk: `T#${id}`, sk: '1' } } },
            { Put: { TableName: table, Item: { pk: `T#${id}`, sk: '2', gsi2pk: 'E', gsi2sk: id } } },
          ],
        }),
      );

    // Act
    meter.computeWrites(sizer);
    await transact(randomUUID());
    const computed = meter.take();
    meter.computeWrites(undefined);
    await transact(randomUUID());
    const plain = meter.take();
    sizer.destroy();

    // Assess: two 1-unit items doubled, plus one standard write into gsi2.
    expect(computed).toMatchObject({ calls: 1, wcuComputed: 5 });
    expect(computed.wcuReported).toBeGreaterThan(0);
    expect(plain).toMatchObject({ calls: 1, wcuComputed: 0 });
  });
});
