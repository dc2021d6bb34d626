/**
 * Phone verification codes on DynamoDB (the PhoneCodeStore port of usecases/phoneVerification.ts):
 * one item per number and account, `PHONECODE#<phone hash>` / `OWNER#<user id>` (keys in ./keys.ts,
 * drawn in ../table.ts). It holds the code's HMAC, never the code, and expires through the TTL
 * attribute; the sweep is lazy, so every condition also checks `expiresAt` against the clock.
 * Codes are short-lived proofs, not records: the registration or link they allow is what the audit
 * trail records.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { PhoneCodeRecord, PhoneCodeStatus, PhoneCodeStore } from '../../usecases/phoneVerification.js';
import { TTL_ATTRIBUTE } from '../table.js';
import { StoreBase } from './base.js';
import { keys } from './keys.js';

function toRecord(item: Record<string, unknown>): PhoneCodeRecord {
  return {
    codeHash: String(item.codeHash),
    tries: Number(item.tries ?? 0),
    status: item.status as PhoneCodeStatus,
    expiresAt: Number(item[TTL_ATTRIBUTE]),
  };
}

export class DynamoPhoneCodes extends StoreBase implements PhoneCodeStore {
  private key(owner: string, phoneE164: string) {
    return keys.phoneCode(this.hashPhone(phoneE164), owner);
  }

  async putPhoneCode(owner: string, phoneE164: string, record: PhoneCodeRecord): Promise<void> {
    await this.doc.send(
      new PutCommand({
        TableName: this.table,
        Item: {
          ...this.key(owner, phoneE164),
          type: 'phone_code',
          codeHash: record.codeHash,
          tries: record.tries,
          status: record.status,
          [TTL_ATTRIBUTE]: record.expiresAt,
        },
      }),
    );
  }

  async phoneCode(owner: string, phoneE164: string): Promise<PhoneCodeRecord | null> {
    const out = await this.doc.send(
      new GetCommand({ TableName: this.table, Key: this.key(owner, phoneE164), ConsistentRead: true }),
    );
    return out.Item ? toRecord(out.Item) : null;
  }

  async takePhoneCodeTry(
    owner: string,
    phoneE164: string,
    maxTries: number,
    nowSeconds: number,
  ): Promise<PhoneCodeRecord | null> {
    try {
      const out = await this.doc.send(
        new UpdateCommand({
          TableName: this.table,
          Key: this.key(owner, phoneE164),
          UpdateExpression: 'ADD tries :one',
          // Checked and counted in one step: of N parallel guesses, at most maxTries get a try.
          ConditionExpression: '#status = :pending AND tries < :max AND #ttl > :now',
          ExpressionAttributeNames: { '#status': 'status', '#ttl': TTL_ATTRIBUTE },
          ExpressionAttributeValues: {
            ':one': 1,
            ':pending': 'pending',
            ':max': maxTries,
            ':now': nowSeconds,
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return out.Attributes ? toRecord(out.Attributes) : null;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return null;
      throw error;
    }
  }

  async movePhoneCode(
    owner: string,
    phoneE164: string,
    codeHash: string,
    from: PhoneCodeStatus,
    to: PhoneCodeStatus,
    nowSeconds: number,
  ): Promise<boolean> {
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.table,
          Key: this.key(owner, phoneE164),
          UpdateExpression: 'SET #status = :to',
          // The same code (a newer one may have replaced it), in the expected status, not expired.
          ConditionExpression: 'codeHash = :hash AND #status = :from AND #ttl > :now',
          ExpressionAttributeNames: { '#status': 'status', '#ttl': TTL_ATTRIBUTE },
          ExpressionAttributeValues: { ':hash': codeHash, ':from': from, ':to': to, ':now': nowSeconds },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }
}
