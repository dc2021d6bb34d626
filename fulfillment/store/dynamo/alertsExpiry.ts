/**
 * The expiry sweep's storage on DynamoDB. Available units sit in GSI1 under
 * `AVAIL#<site>#<group>#<component>` sorted by `<expiresOn>#<din>#<code>`, so the units of a line past
 * their last day are one key-condition query (`gsi1sk < today`), never a scan. Expiring them applies
 * the domain `expire` event and writes the units (each conditional on the version read), their stock
 * counter, the day's wastage counter and the audit trail in one transaction (an allocation that won
 * the race keeps its unit).
 */
import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import { apply } from '../../domain/unit.js';
import type { BloodGroup, Component } from '../../domain/vocabulary.js';
import type { Actor, UnitRecord } from '../port.js';
import { GSI1 } from '../table.js';
import type { StoredUnit } from '../unitPort.js';
import { StoreBase } from './base.js';
import { keys } from './keys.js';
import { storedUnit, toStoredUnit, toUnitRecord, transitionItems } from './unitWrites.js';

/** Units per transaction: DynamoDB allows 100 items; the counter, the wastage counter and the audit entry take three. */
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
    return items.map((i) => toUnitRecord(toStoredUnit(i)));
  }

  /** All units must belong to one stock line (site, group, component). Returns how many expired. */
  async expireUnits(units: UnitRecord[], today: string, actor: Actor): Promise<number> {
    let expired = 0;
    for (let i = 0; i < units.length; i += BATCH) {
      const batch = await this.current(units.slice(i, i + BATCH));
      if (await this.commit(batch, today, actor)) {
        expired += batch.length;
        continue;
      }
      // Some unit left "available" meanwhile: expire the rest one by one, skipping it.
      for (const unit of await this.current(batch)) {
        if (await this.commit([unit], today, actor)) expired += 1;
      }
    }
    return expired;
  }

  /** The units as stored now (consistent reads): the versions their changes are conditional on. */
  private async current(units: ReadonlyArray<{ din: string; code: string }>): Promise<StoredUnit[]> {
    const found: StoredUnit[] = [];
    let pending: Record<string, unknown>[] = units.map((u) => keys.unit(u.din, u.code));
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, 10 * 2 ** Math.min(attempt, 6)));
      const out = await this.doc.send(
        new BatchGetCommand({ RequestItems: { [this.table]: { Keys: pending, ConsistentRead: true } } }),
      );
      found.push(...(out.Responses?.[this.table] ?? []).map(toStoredUnit));
      pending = (out.UnprocessedKeys?.[this.table]?.Keys ?? []) as Record<string, unknown>[];
    }
    return found;
  }

  /** True when the batch expired; false when a unit refused (no longer available) or its condition failed. */
  private async commit(batch: StoredUnit[], today: string, actor: Actor): Promise<boolean> {
    const first = batch[0];
    if (!first) return true;
    const transitions = [];
    for (const before of batch) {
      const result = apply(before, { type: 'expire' }, today);
      if (!result.ok) return false;
      transitions.push({
        before,
        after: storedUnit(result.unit, { ...before, version: before.version + 1 }),
      });
    }
    const outcome = await this.transactWithAudit(transitionItems(this.table, transitions), {
      actor,
      action: 'units.expired',
      entityType: 'stock',
      entityId: `${first.site}#${first.group}#${first.component}`,
      details: {
        count: batch.length,
        dins: batch.map((u) => u.din),
        codes: batch.map((u) => u.code),
        on: today,
      },
    });
    return outcome.ok;
  }
}
