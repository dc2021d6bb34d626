/**
 * The donor side of shortage alerts on DynamoDB: the sparse targeting index (GSI1 on the donor
 * profile, see ../table.ts), SMS opt-out markers, per-donor contact claims and pending appeals.
 * A claim is one transaction: the profile moves past the quiet period in the index and the pending
 * appeal is recorded, only if the donor is still opted in and was not alerted recently.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { addDays } from '../../domain/dates.js';
import type { BloodGroup } from '../../domain/vocabulary.js';
import type {
  AlertOffer,
  CandidatePage,
  ClaimOutcome,
  PendingAlert,
  TargetCandidate,
} from '../../usecases/alerts/port.js';
import type { DonorFile } from '../port.js';
import { GSI1, TTL_ATTRIBUTE } from '../table.js';
import { cancellationCodes, type DynamoStoreOptions, rethrowConflict, StoreBase, stripKeys } from './base.js';
import { DynamoDonors } from './donors.js';
import { keys, parseKeys } from './keys.js';

export class AlertDonors extends StoreBase {
  private readonly profiles: DynamoDonors;

  constructor(options: DynamoStoreOptions, doc: DynamoDBDocumentClient) {
    super(options, doc);
    this.profiles = new DynamoDonors(options, doc);
  }

  async candidates(
    group: BloodGroup,
    on: string,
    limit: number,
    cursor?: Record<string, unknown>,
  ): Promise<CandidatePage> {
    const out = await this.doc.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: GSI1,
        // Sort keys are `<notBefore>#<id>`: everything before tomorrow is contactable on `on`.
        KeyConditionExpression: 'gsi1pk = :p AND gsi1sk < :bound',
        ExpressionAttributeValues: { ':p': keys.targetPartition(group), ':bound': addDays(on, 1) },
        Limit: limit,
        ...(cursor ? { ExclusiveStartKey: cursor } : {}),
      }),
    );
    const candidates = (out.Items ?? []).map(
      (i): TargetCandidate => ({
        donorId: i.donorId as string,
        bloodGroup: i.bloodGroup as BloodGroup,
        phoneE164: i.phoneE164 as string,
        phoneHash: i.phoneHash as string,
        homeSite: i.homeSite as string,
        smsOptIn: i.smsOptIn === true,
        indexKey: i.gsi1sk as string,
        ...(i.lastAlertedOn ? { lastAlertedOn: i.lastAlertedOn as string } : {}),
      }),
    );
    return { candidates, ...(out.LastEvaluatedKey ? { next: out.LastEvaluatedKey } : {}) };
  }

  async optedOut(phoneHashes: string[]): Promise<Set<string>> {
    const found = new Set<string>();
    const unique = [...new Set(phoneHashes.filter(Boolean))];
    for (let i = 0; i < unique.length; i += 100) {
      let request: Record<string, { Keys: Record<string, unknown>[] }> | undefined = {
        [this.table]: { Keys: unique.slice(i, i + 100).map((h) => keys.smsOptOut(h)) },
      };
      while (request && Object.keys(request).length > 0) {
        const out = await this.doc.send(new BatchGetCommand({ RequestItems: request }));
        for (const item of out.Responses?.[this.table] ?? []) {
          found.add(parseKeys.phoneHashOfOptOut(item.pk as string));
        }
        request = out.UnprocessedKeys as typeof request;
      }
    }
    return found;
  }

  donorFile(donorId: string): Promise<DonorFile | null> {
    return this.profiles.donorFile(donorId);
  }

  async deferCandidate(candidate: TargetCandidate, notBefore: string): Promise<void> {
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.table,
          Key: keys.donor(candidate.donorId),
          UpdateExpression: 'SET gsi1sk = :next',
          // Only from the key we read: a concurrent claim's newer key wins.
          ConditionExpression: 'gsi1sk = :current',
          ExpressionAttributeValues: {
            ':next': keys.targetSort(notBefore, candidate.donorId),
            ':current': candidate.indexKey,
          },
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return;
      throw error;
    }
  }

  async claimContact(
    candidate: TargetCandidate,
    pending: Omit<PendingAlert, 'donorId'>,
    today: string,
    quietDays: number,
  ): Promise<ClaimOutcome> {
    try {
      await this.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: this.table,
                Key: keys.donor(candidate.donorId),
                UpdateExpression: 'SET lastAlertedOn = :today, gsi1sk = :sk',
                ConditionExpression:
                  'attribute_exists(gsi1pk) AND smsOptIn = :true AND (attribute_not_exists(lastAlertedOn) OR lastAlertedOn <= :cutoff)',
                ExpressionAttributeValues: {
                  ':today': today,
                  ':sk': keys.targetSort(addDays(today, quietDays), candidate.donorId),
                  ':true': true,
                  ':cutoff': addDays(today, -quietDays),
                },
              },
            },
            {
              Put: {
                TableName: this.table,
                Item: {
                  ...keys.pendingAlert(candidate.donorId),
                  type: 'pending_alert',
                  donorId: candidate.donorId,
                  ...pending,
                  [TTL_ATTRIBUTE]: pending.expiresAt,
                },
              },
            },
          ],
        }),
      );
      return 'claimed';
    } catch (error) {
      if (cancellationCodes(error)?.[0] === 'ConditionalCheckFailed') {
        return candidate.smsOptIn ? 'recently_alerted' : 'not_opted_in';
      }
      rethrowConflict(error);
    }
  }

  async releaseContact(candidate: TargetCandidate, alertId: string): Promise<void> {
    const restore = candidate.lastAlertedOn
      ? {
          UpdateExpression: 'SET gsi1sk = :sk, lastAlertedOn = :last',
          last: { ':last': candidate.lastAlertedOn },
        }
      : { UpdateExpression: 'SET gsi1sk = :sk REMOVE lastAlertedOn', last: {} };
    await this.doc.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: this.table,
              Key: keys.donor(candidate.donorId),
              UpdateExpression: restore.UpdateExpression,
              ConditionExpression: 'attribute_exists(pk)',
              ExpressionAttributeValues: { ':sk': candidate.indexKey, ...restore.last },
            },
          },
          {
            Delete: {
              TableName: this.table,
              Key: keys.pendingAlert(candidate.donorId),
              ConditionExpression: 'alertId = :id',
              ExpressionAttributeValues: { ':id': alertId },
            },
          },
        ],
      }),
    );
  }

  async pendingAlert(donorId: string): Promise<PendingAlert | null> {
    const out = await this.doc.send(
      new GetCommand({ TableName: this.table, Key: keys.pendingAlert(donorId), ConsistentRead: true }),
    );
    if (!out.Item) return null;
    // `expiresAt` is both the appeal's reply deadline and the table's TTL attribute.
    const pending = stripKeys<PendingAlert>(out.Item);
    // TTL deletes lazily (up to days later): an expired appeal is treated as gone.
    return pending.expiresAt * 1000 > this.now().getTime() ? pending : null;
  }

  async saveOffer(donorId: string, alertId: string, offer: AlertOffer): Promise<void> {
    await this.doc.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: this.table,
              Key: keys.pendingAlert(donorId),
              UpdateExpression: 'SET offer = :o',
              ConditionExpression: 'alertId = :id',
              ExpressionAttributeValues: { ':o': offer, ':id': alertId },
            },
          },
        ],
      }),
    );
  }

  /**
   * Sets a field of the pending appeal once (an answer, a booking) and counts it on the alert in the
   * same transaction, so a repeated "YES" or a retried booking is counted once.
   */
  async markPending(
    donorId: string,
    alertId: string,
    field: 'answer' | 'appointmentId',
    value: string,
    alertKey: { pk: string; sk: string },
    counter: 'yes' | 'no' | 'booked',
  ): Promise<boolean> {
    try {
      await this.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: this.table,
                Key: keys.pendingAlert(donorId),
                UpdateExpression: 'SET #f = :v',
                ConditionExpression: 'alertId = :id AND attribute_not_exists(#f)',
                ExpressionAttributeNames: { '#f': field },
                ExpressionAttributeValues: { ':v': value, ':id': alertId },
              },
            },
            {
              Update: {
                TableName: this.table,
                Key: alertKey,
                UpdateExpression: 'SET #c.#k = #c.#k + :one',
                ConditionExpression: 'attribute_exists(pk)',
                ExpressionAttributeNames: { '#c': 'counts', '#k': counter },
                ExpressionAttributeValues: { ':one': 1 },
              },
            },
          ],
        }),
      );
      return true;
    } catch (error) {
      if (cancellationCodes(error)?.some((c) => c === 'ConditionalCheckFailed')) return false;
      rethrowConflict(error);
    }
  }
}
