/** The audit trail on DynamoDB: read by day (exports) and by entity (history of one unit or donor). */
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Actor, AuditEntry, AuditPage } from '../port.js';
import { GSI2 } from '../table.js';
import { StoreBase, stripKeys } from './base.js';
import { keys } from './keys.js';

export class DynamoAudit extends StoreBase {
  async auditByDay(day: string): Promise<AuditEntry[]> {
    const items = await this.queryAll<Record<string, unknown>>({
      KeyConditionExpression: 'pk = :p',
      ExpressionAttributeValues: { ':p': keys.auditPartition(day) },
    });
    return items.map((i) => stripKeys<AuditEntry>(i));
  }

  async auditByEntity(entityType: string, entityId: string): Promise<AuditEntry[]> {
    const items = await this.queryAll<Record<string, unknown>>({
      IndexName: GSI2,
      KeyConditionExpression: 'gsi2pk = :p',
      ExpressionAttributeValues: { ':p': keys.auditEntityPartition(entityType, entityId) },
    });
    return items.map((i) => stripKeys<AuditEntry>(i));
  }

  async auditPage(day: string, options: { limit: number; cursor?: string }): Promise<AuditPage> {
    const pk = keys.auditPartition(day);
    const page = await this.doc.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'pk = :p',
        ExpressionAttributeValues: { ':p': pk },
        Limit: options.limit,
        ...(options.cursor ? { ExclusiveStartKey: { pk, sk: decodeCursor(options.cursor) } } : {}),
      }),
    );
    const last = page.LastEvaluatedKey?.sk;
    return {
      entries: (page.Items ?? []).map((i) => stripKeys<AuditEntry>(i)),
      ...(typeof last === 'string' ? { cursor: Buffer.from(last).toString('base64url') } : {}),
    };
  }

  async appendAudit(
    actor: Actor,
    entry: Pick<AuditEntry, 'action' | 'entityType' | 'entityId' | 'details'>,
  ): Promise<AuditEntry> {
    const { Put } = this.auditPut({ actor, ...entry });
    await this.doc.send(new PutCommand(Put));
    return stripKeys<AuditEntry>(Put.Item);
  }
}

/** The cursor carries only the sort key; the partition comes from the day asked for, never the client. */
function decodeCursor(cursor: string): string {
  const sk = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^\d{4}-\d{2}-\d{2}T[\d:.]+Z#[\w-]+$/.test(sk)) throw new Error('invalid audit cursor');
  return sk;
}
