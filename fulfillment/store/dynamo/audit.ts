/** The audit trail on DynamoDB: read by day (exports) and by entity (history of one unit or donor). */
import type { AuditEntry } from '../port.js';
import { GSI2 } from '../table.js';
import { StoreBase, stripKeys } from './base.js';

export class DynamoAudit extends StoreBase {
  async auditByDay(day: string): Promise<AuditEntry[]> {
    const items = await this.queryAll<Record<string, unknown>>({
      KeyConditionExpression: 'pk = :p',
      ExpressionAttributeValues: { ':p': `AUDIT#${day}` },
    });
    return items.map((i) => stripKeys<AuditEntry>(i));
  }

  async auditByEntity(entityType: string, entityId: string): Promise<AuditEntry[]> {
    const items = await this.queryAll<Record<string, unknown>>({
      IndexName: GSI2,
      KeyConditionExpression: 'gsi2pk = :p',
      ExpressionAttributeValues: { ':p': `ENTITY#${entityType}#${entityId}` },
    });
    return items.map((i) => stripKeys<AuditEntry>(i));
  }
}
