/**
 * Inventory on DynamoDB: stock counters, available units (FEFO through the sparse GSI1), requests and
 * issues. Allocation issues each unit through the domain (`issue`) and writes the units, counters,
 * the day's issue count, the issue record, the request and the audit entry in one transaction, each
 * unit conditional on the version it was read at: two requests can never get the same unit.
 */
import { BatchGetCommand, GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { apply } from '../../domain/unit.js';
import { BLOOD_GROUPS, type BloodGroup, COMPONENTS, type Component } from '../../domain/vocabulary.js';
import { AllocationConflictError } from '../../errors.js';
import type { Actor, HospitalRequest, Site, StockCount, StockSnapshot, UnitRecord } from '../port.js';
import { GSI1 } from '../table.js';
import type { StoredUnit } from '../unitPort.js';
import { mustCommit, StoreBase, stripKeys, type TransactItem } from './base.js';
import { keys, parseKeys } from './keys.js';
import { issueDayUpdate, storedUnit, toStoredUnit, toUnitRecord, transitionItems } from './unitWrites.js';

/** Keys carry the facts (the counter's line), keeping items small. */
function toStockCount(item: Record<string, unknown>): StockCount {
  const line = parseKeys.stockCounter(item as { pk: string; sk: string });
  return {
    site: line.site,
    group: line.group as BloodGroup,
    component: line.component as Component,
    available: Number(item.available ?? 0),
  };
}

/** An issue item (one component's day) holds one attribute per blood group issued that day. */
function addIssue(into: Map<string, Record<string, number>>, item: Record<string, unknown>): void {
  const { day, component } = parseKeys.issueDay(item as { pk: string; sk: string });
  const counts = into.get(day) ?? {};
  for (const group of BLOOD_GROUPS) {
    if (item[group] !== undefined) counts[`${group}#${component}`] = Number(item[group]);
  }
  into.set(day, counts);
}

export class DynamoInventory extends StoreBase {
  async sites(): Promise<Site[]> {
    const items = await this.queryAll<Record<string, unknown>>({
      IndexName: GSI1,
      KeyConditionExpression: 'gsi1pk = :p',
      ExpressionAttributeValues: { ':p': keys.sitesPartition },
    });
    return items.map((i) => stripKeys<Site>(i));
  }

  async site(id: string): Promise<Site | null> {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: keys.site(id) }));
    return out.Item ? stripKeys<Site>(out.Item) : null;
  }

  async putSite(site: Site): Promise<void> {
    await this.doc.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: this.table,
              Item: { ...keys.site(site.id), ...keys.sitesIndex(site.id), type: 'site', ...site },
            },
          },
        ],
      }),
    );
  }

  async stockCounts(site?: string): Promise<StockCount[]> {
    const perComponent = await Promise.all(
      COMPONENTS.map((component) =>
        this.queryAll<Record<string, unknown>>({
          KeyConditionExpression: 'pk = :p AND begins_with(sk, :s)',
          ExpressionAttributeValues: {
            ':p': keys.stockPartition(component),
            ':s': keys.stockPrefix(site),
          },
        }),
      ),
    );
    return perComponent.flat().map(toStockCount);
  }

  async issuesByDay(days: string[]): Promise<Map<string, Record<string, number>>> {
    const result = new Map<string, Record<string, number>>();
    if (days.length === 0) return result;
    const sorted = [...days].sort();
    const perComponent = await Promise.all(
      COMPONENTS.map((component) =>
        this.queryAll<Record<string, unknown>>({
          KeyConditionExpression: 'pk = :p AND sk BETWEEN :a AND :b',
          ExpressionAttributeValues: {
            ':p': keys.stockPartition(component),
            ':a': keys.issuesSort(sorted[0]!),
            ':b': keys.issuesSort(sorted[sorted.length - 1]!),
          },
        }),
      ),
    );
    for (const item of perComponent.flat()) addIssue(result, item);
    return result;
  }

  async stockSnapshot(component: Component, fromDay: string): Promise<StockSnapshot> {
    const items = await this.queryAll<Record<string, unknown>>({
      KeyConditionExpression: 'pk = :p AND sk >= :from',
      ExpressionAttributeValues: {
        ':p': keys.stockPartition(component),
        ':from': keys.issuesSort(fromDay),
      },
    });
    const issues = new Map<string, Record<string, number>>();
    const counts: StockCount[] = [];
    for (const item of items) {
      if (parseKeys.isStockCounter(item.pk as string, item.sk as string)) counts.push(toStockCount(item));
      else addIssue(issues, item);
    }
    return { counts, issues };
  }

  async availableUnits(
    site: string,
    group: BloodGroup,
    component: Component,
    limit: number,
    usableOn: string,
  ): Promise<UnitRecord[]> {
    const out = await this.doc.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: GSI1,
        KeyConditionExpression: 'gsi1pk = :p AND gsi1sk >= :d',
        ExpressionAttributeValues: { ':p': keys.availableIndex(site, group, component), ':d': usableOn },
        Limit: limit,
        ScanIndexForward: true,
      }),
    );
    return (out.Items ?? []).map((i) => toUnitRecord(toStoredUnit(i)));
  }

  /** The units named, read consistently (what an allocation is about to change); absent ones are left out. */
  async getUnits(ids: ReadonlyArray<{ din: string; code: string }>): Promise<StoredUnit[]> {
    const found: StoredUnit[] = [];
    for (let i = 0; i < ids.length; i += 100) {
      let pending: Record<string, unknown>[] = ids.slice(i, i + 100).map((u) => keys.unit(u.din, u.code));
      for (let attempt = 0; pending.length > 0; attempt++) {
        if (attempt > 0) await new Promise((r) => setTimeout(r, 10 * 2 ** Math.min(attempt, 6)));
        const out = await this.doc.send(
          new BatchGetCommand({ RequestItems: { [this.table]: { Keys: pending, ConsistentRead: true } } }),
        );
        found.push(...(out.Responses?.[this.table] ?? []).map(toStoredUnit));
        pending = (out.UnprocessedKeys?.[this.table]?.Keys ?? []) as Record<string, unknown>[];
      }
    }
    const order = new Map(ids.map((u, i) => [`${u.din}#${u.code}`, i]));
    return found.sort(
      (a, b) => (order.get(`${a.din}#${a.code}`) ?? 0) - (order.get(`${b.din}#${b.code}`) ?? 0),
    );
  }

  async commitAllocation(request: HospitalRequest, actor: Actor, on?: string): Promise<void> {
    const day = on ?? request.createdAt.slice(0, 10);
    // The units as they are now, each issued through the domain: a unit that left `available` since
    // planning (another request won it, a recall) is refused here or by its version condition below.
    const current = await this.getUnits(request.units);
    const consignee = request.hospital ?? request.requestId;
    const transitions = request.units.map((planned) => {
      const before = current.find((u) => u.din === planned.din && u.code === planned.code);
      if (!before) throw new AllocationConflictError();
      const issued = apply(before, { type: 'issue', consignee }, day);
      if (!issued.ok) throw new AllocationConflictError();
      return { before, after: storedUnit(issued.unit, { ...before, version: before.version + 1 }) };
    });
    const items: TransactItem[] = [
      {
        Put: {
          TableName: this.table,
          Item: {
            ...keys.request(request.requestId),
            ...keys.requestStatusIndex(request.status, request.createdAt, request.requestId),
            type: 'request',
            ...request,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      ...transitionItems(this.table, transitions, { requestId: request.requestId }),
    ];
    const outcome = await this.transactWithAudit(
      items,
      {
        actor,
        action: 'request.created',
        entityType: 'request',
        entityId: request.requestId,
        details: {
          status: request.status,
          unitsRequested: request.unitsRequested,
          unitsAllocated: request.units.length,
          dins: request.units.map((u) => u.din),
          codes: request.units.map((u) => u.code),
          urgency: request.urgency,
        },
      },
      { clientRequestToken: request.requestId.slice(0, 36) },
    );
    // Any failed condition means a unit (or its counter) moved since planning: re-plan.
    if (!outcome.ok) throw new AllocationConflictError({ cause: outcome.error });
  }

  /**
   * Records units issued outside a request (historic imports, the demo's issue history), so days of
   * supply has a real rolling average to work from. Audited like every change.
   */
  async recordIssues(
    day: string,
    group: BloodGroup,
    component: Component,
    issued: number,
    actor: Actor,
  ): Promise<void> {
    mustCommit(
      await this.transactWithAudit([issueDayUpdate(this.table, day, component, new Map([[group, issued]]))], {
        actor,
        action: 'issues.recorded',
        entityType: 'issues',
        entityId: `${day}#${group}#${component}`,
        details: { issued },
      }),
    );
  }

  async getRequest(requestId: string): Promise<HospitalRequest | null> {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: keys.request(requestId) }));
    return out.Item ? stripKeys<HospitalRequest>(out.Item) : null;
  }
}
