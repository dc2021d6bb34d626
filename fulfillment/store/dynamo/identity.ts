/**
 * Identity and channel bookkeeping on DynamoDB (the IdentityStore port): SUB# and SLACK# lookups,
 * SMS opt-outs (SMSOPTOUT#, present = opted out of every message), DEDUPE# markers and RATE# windows
 * (keys in ./keys.ts, drawn in ../table.ts).
 *
 * Markers that expire (dedupe, rate windows) carry `expiresAt`; DynamoDB's TTL sweep is lazy (up to
 * days), so every read and condition also treats an expired item as absent.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Actor, IdentityStore, LinkSubOutcome, SlackLink } from '../port.js';
import { TTL_ATTRIBUTE } from '../table.js';
import { mustCommit, StoreBase, stripKeys, type TransactItem } from './base.js';
import { keys } from './keys.js';

export class DynamoIdentity extends StoreBase implements IdentityStore {
  private epochSeconds(): number {
    return Math.floor(this.now().getTime() / 1000);
  }

  async linkDonorSub(donorId: string, sub: string, actor: Actor): Promise<LinkSubOutcome> {
    const profile = await this.doc.send(new GetCommand({ TableName: this.table, Key: keys.donor(donorId) }));
    if (!profile.Item) return { ok: false, reason: 'not_found' };
    const current = profile.Item.cognitoSub as string | undefined;
    if (current === sub) return { ok: true };
    if (current) return { ok: false, reason: 'donor_linked_elsewhere' };
    const outcome = await this.transactWithAudit(
      [
        {
          Update: {
            TableName: this.table,
            Key: keys.donor(donorId),
            UpdateExpression: 'SET cognitoSub = :sub',
            // Re-checked inside the transaction: a concurrent link must not be overwritten.
            ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(cognitoSub)',
            ExpressionAttributeValues: { ':sub': sub },
          },
        },
        {
          Put: {
            TableName: this.table,
            Item: { ...keys.lookup('SUB', sub), type: 'lookup', donorId },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
      ],
      {
        actor,
        action: 'donor.account_linked',
        entityType: 'donor',
        entityId: donorId,
        details: { linkedAccount: true },
      },
    );
    if (outcome.ok) return { ok: true };
    if (outcome.failed.has(0)) return { ok: false, reason: 'donor_linked_elsewhere' };
    if (outcome.failed.has(1)) return { ok: false, reason: 'account_linked' };
    throw outcome.error;
  }

  async slackLink(teamId: string, slackUserId: string): Promise<SlackLink | null> {
    const out = await this.doc.send(
      new GetCommand({ TableName: this.table, Key: keys.slackLink(teamId, slackUserId) }),
    );
    return out.Item ? stripKeys<SlackLink>(out.Item) : null;
  }

  async linkSlackUser(link: Omit<SlackLink, 'linkedBy' | 'linkedAt'>, actor: Actor): Promise<SlackLink> {
    const record: SlackLink = { ...link, linkedBy: actor.userId, linkedAt: this.now().toISOString() };
    // One item per Slack user: linking again replaces the account or role, and the audit says so.
    const item = { ...keys.slackLink(link.teamId, link.slackUserId), type: 'slack_link', ...record };
    mustCommit(
      await this.transactWithAudit([{ Put: { TableName: this.table, Item: item } }], {
        actor,
        action: 'slack.user_linked',
        entityType: 'slack_user',
        entityId: `${link.teamId}:${link.slackUserId}`,
        details: { role: link.role },
      }),
    );
    return record;
  }

  async unlinkSlackUser(teamId: string, slackUserId: string, actor: Actor): Promise<boolean> {
    const outcome = await this.transactWithAudit(
      [
        {
          Delete: {
            TableName: this.table,
            Key: keys.slackLink(teamId, slackUserId),
            ConditionExpression: 'attribute_exists(pk)',
          },
        },
      ],
      {
        actor,
        action: 'slack.user_unlinked',
        entityType: 'slack_user',
        entityId: `${teamId}:${slackUserId}`,
        details: {},
      },
    );
    // Not linked (or unlinked concurrently): nothing changed.
    if (!outcome.ok && outcome.failed.has(0)) return false;
    mustCommit(outcome);
    return true;
  }

  private async setOptOut(phoneE164: string, optedOut: boolean, actor: Actor): Promise<void> {
    const phoneHash = this.hashPhone(phoneE164);
    const lookup = await this.doc.send(
      new GetCommand({ TableName: this.table, Key: keys.lookup('PHONE', phoneHash) }),
    );
    const donorId = lookup.Item?.donorId as string | undefined;
    const marker: TransactItem = optedOut
      ? {
          Put: {
            TableName: this.table,
            Item: { ...keys.smsOptOut(phoneHash), type: 'sms_optout', at: this.now().toISOString() },
          },
        }
      : { Delete: { TableName: this.table, Key: keys.smsOptOut(phoneHash) } };
    mustCommit(
      await this.transactWithAudit(
        [
          marker,
          // The donor's own flag follows the number, so alert senders that read profiles agree.
          ...(donorId
            ? [
                {
                  Update: {
                    TableName: this.table,
                    Key: keys.donor(donorId),
                    UpdateExpression: 'SET smsOptIn = :v',
                    ConditionExpression: 'attribute_exists(pk)',
                    ExpressionAttributeValues: { ':v': !optedOut },
                  },
                },
              ]
            : []),
        ],
        {
          actor,
          action: optedOut ? 'sms.opted_out' : 'sms.opted_in',
          entityType: 'phone',
          entityId: phoneHash,
          details: { donor: Boolean(donorId) },
        },
      ),
    );
  }

  optOutPhone(phoneE164: string, actor: Actor): Promise<void> {
    return this.setOptOut(phoneE164, true, actor);
  }

  optInPhone(phoneE164: string, actor: Actor): Promise<void> {
    return this.setOptOut(phoneE164, false, actor);
  }

  async isPhoneOptedOut(phoneE164: string): Promise<boolean> {
    const out = await this.doc.send(
      new GetCommand({ TableName: this.table, Key: keys.smsOptOut(this.hashPhone(phoneE164)) }),
    );
    return Boolean(out.Item);
  }

  async claimOnce(key: string, ttlSeconds: number): Promise<boolean> {
    const now = this.epochSeconds();
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.table,
          Item: { ...keys.dedupe(key), type: 'dedupe', [TTL_ATTRIBUTE]: now + ttlSeconds },
          ConditionExpression: 'attribute_not_exists(pk) OR #ttl < :now',
          ExpressionAttributeNames: { '#ttl': TTL_ATTRIBUTE },
          ExpressionAttributeValues: { ':now': now },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async releaseClaim(key: string): Promise<void> {
    await this.doc.send(new DeleteCommand({ TableName: this.table, Key: keys.dedupe(key) }));
  }

  async hitRateLimit(
    key: string,
    limit: number,
    windowSeconds: number,
  ): Promise<{ allowed: boolean; retryAfterSeconds: number }> {
    const now = this.epochSeconds();
    const windowStart = now - (now % windowSeconds);
    const retryAfterSeconds = windowStart + windowSeconds - now;
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.table,
          Key: keys.rateWindow(key, windowStart),
          UpdateExpression: 'ADD hits :one SET #ttl = :expires',
          ConditionExpression: 'attribute_not_exists(hits) OR hits < :limit',
          ExpressionAttributeNames: { '#ttl': TTL_ATTRIBUTE },
          ExpressionAttributeValues: {
            ':one': 1,
            ':limit': limit,
            ':expires': windowStart + windowSeconds * 2,
          },
        }),
      );
      return { allowed: true, retryAfterSeconds: 0 };
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return { allowed: false, retryAfterSeconds };
      throw error;
    }
  }
}
