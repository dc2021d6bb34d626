/**
 * The expiry sweep's storage on DynamoDB. Available units sit in GSI1 under
 * `AVAIL#<site>#<group>#<component>` sorted by `<expiresOn>#<din>`, so the units of a line past their
 * last day are one key-condition query (`gsi1sk < today`), never a scan. Expiring them changes the
 * units, their stock counter and the audit trail in one transaction, each unit conditional on still
 * being available (an allocation that won the race keeps its unit).
 */
import type { BloodGroup, Component } from '../../domain/vocabulary.js';
import type { Actor, UnitRecord } from '../port.js';
import { GSI1 } from '../table.js';
import { StoreBase, stripKeys } from './base.js';
import { keys } from './keys.js';

/** Units per transaction: DynamoDB allows 100 items; two go to the counter and the audit entry. */
const BATCH = 90;

export class Expiry extends StoreBase {
  async expiredUnits(
    site: string,
    group: BloodGroup,
    component: Component,
    today: string,
  ): Promise<UnitRecord[]> {
    const items = await this.queryAll<Record<string, unknown>>({
      IndexName: GSI1,
      // A unit is usable through its expiry day (isExpired): keys of today sort after `today`.
      KeyConditionExpression: 'gsi1pk = :p AND gsi1sk < :today',
      ExpressionAttributeValues: { ':p': keys.availableIndex(site, group, component), ':today': today },
    });
    return items.map((i) => stripKeys<UnitRecord>(i));
  }

  /** All units must belong to one stock line (site, group, component). Returns how many expired. */
  async expireUnits(units: UnitRecord[], today: string, actor: Actor): Promise<number> {
    let expired = 0;
    for (let i = 0; i < units.length; i += BATCH) {
      const batch = units.slice(i, i + BATCH);
      if (await this.commit(batch, today, actor)) {
        expired += batch.length;
        continue;
      }
      // Some unit left "available" meanwhile: expire the rest one by one, skipping it.
      for (const unit of batch) {
        if (await this.commit([unit], today, actor)) expired += 1;
      }
    }
    return expired;
  }

  /** True when the batch expired; false when a unit's (or the counter's) condition failed. */
  private async commit(batch: UnitRecord[], today: string, actor: Actor): Promise<boolean> {
    const first = batch[0];
    if (!first) return true;
    const outcome = await this.transactWithAudit(
      [
        ...batch.map((u) => ({
          Update: {
            TableName: this.table,
            Key: keys.unit(u.din),
            // Leaving GSI1 takes the unit out of FEFO and of the next sweep in the same write.
            UpdateExpression: 'SET #s = :expired, expiredOn = :today REMOVE gsi1pk, gsi1sk',
            ConditionExpression: '#s = :available',
            ExpressionAttributeNames: { '#s': 'status' },
            ExpressionAttributeValues: { ':expired': 'expired', ':available': 'available', ':today': today },
          },
        })),
        {
          Update: {
            TableName: this.table,
            Key: keys.stock(first.site, first.group, first.component),
            UpdateExpression: 'ADD available :minus',
            ConditionExpression: 'available >= :n',
            ExpressionAttributeValues: { ':minus': -batch.length, ':n': batch.length },
          },
        },
      ],
      {
        actor,
        action: 'units.expired',
        entityType: 'stock',
        entityId: `${first.site}#${first.group}#${first.component}`,
        details: { count: batch.length, dins: batch.map((u) => u.din), on: today },
      },
    );
    return outcome.ok;
  }
}
