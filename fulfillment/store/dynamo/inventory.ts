/**
 * Inventory on DynamoDB: stock counters, units (FEFO through the sparse GSI1), requests and issues.
 * Allocation changes units, counters, the day's issue count, the request and the audit entry in one
 * transaction, and each unit update is conditional on it still being available: two requests can
 * never get the same unit.
 */
import { BatchGetCommand, GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { BLOOD_GROUPS, type BloodGroup, COMPONENTS, type Component } from '../../domain/vocabulary.js';
import { AllocationConflictError } from '../../errors.js';
import type { Actor, HospitalRequest, Site, StockCount, StockSnapshot, UnitRecord } from '../port.js';
import { GSI1, TTL_ATTRIBUTE } from '../table.js';
import { mustCommit, StoreBase, stripKeys, type TransactItem } from './base.js';
import { keys, parseKeys } from './keys.js';

/** Issue history is kept well beyond the 7-day window, then DynamoDB's TTL deletes it. */
const ISSUE_HISTORY_TTL_DAYS = 35;

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
    return (out.Items ?? []).map((i) => stripKeys<UnitRecord>(i));
  }

  async getUnits(dins: string[]): Promise<UnitRecord[]> {
    if (dins.length === 0) return [];
    const out = await this.doc.send(
      new BatchGetCommand({ RequestItems: { [this.table]: { Keys: dins.map((d) => keys.unit(d)) } } }),
    );
    return (out.Responses?.[this.table] ?? []).map((i) => stripKeys<UnitRecord>(i));
  }

  async commitAllocation(request: HospitalRequest, actor: Actor): Promise<void> {
    const day = request.createdAt.slice(0, 10);
    const perCounter = new Map<string, { site: string; group: string; component: string; n: number }>();
    for (const u of request.units) {
      const k = `${u.site}#${u.group}#${u.component}`;
      const c = perCounter.get(k) ?? { site: u.site, group: u.group, component: u.component, n: 0 };
      c.n += 1;
      perCounter.set(k, c);
    }
    const unitUpdates = request.units.map((u) => ({
      Update: {
        TableName: this.table,
        Key: keys.unit(u.din),
        // Leaving GSI1 (removing its keys) takes the unit out of the FEFO index atomically.
        UpdateExpression: 'SET #s = :allocated, requestId = :r REMOVE gsi1pk, gsi1sk',
        ConditionExpression: '#s = :available',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: {
          ':allocated': 'allocated',
          ':available': 'available',
          ':r': request.requestId,
        },
      },
    }));
    const counterUpdates = [...perCounter.values()].map((c) => ({
      Update: {
        TableName: this.table,
        Key: keys.stock(c.site, c.group, c.component),
        UpdateExpression: 'ADD available :minus',
        ConditionExpression: 'available >= :n',
        ExpressionAttributeValues: { ':minus': -c.n, ':n': c.n },
      },
    }));
    const issueCounts = new Map<string, number>();
    for (const u of request.units) {
      const k = `${u.group}#${u.component}`;
      issueCounts.set(k, (issueCounts.get(k) ?? 0) + 1);
    }
    // One item per day and group/component: a top-level ADD creates it on first use.
    // A request is for one component, so its issues are one update of that day's item.
    const issuedByGroup = new Map<BloodGroup, number>();
    for (const [k, n] of issueCounts) issuedByGroup.set(k.split('#')[0] as BloodGroup, n);
    const issueUpdates =
      issuedByGroup.size > 0 ? [this.issueUpdate(day, request.component, issuedByGroup)] : [];
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
      ...unitUpdates,
      ...counterUpdates,
      ...issueUpdates,
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
          urgency: request.urgency,
        },
      },
      { clientRequestToken: request.requestId.slice(0, 36) },
    );
    // Any failed condition means a unit (or its counter) moved since planning: re-plan.
    if (!outcome.ok) throw new AllocationConflictError({ cause: outcome.error });
  }

  async receiveUnits(units: UnitRecord[], actor: Actor): Promise<void> {
    // One transaction per unit keeps the counter exact and makes a re-run (same DIN) a no-op.
    for (const unit of units) {
      const outcome = await this.transactWithAudit(
        [
          {
            Put: {
              TableName: this.table,
              Item: {
                ...keys.unit(unit.din),
                ...(unit.status === 'available'
                  ? {
                      gsi1pk: keys.availableIndex(unit.site, unit.group, unit.component),
                      gsi1sk: keys.availableSort(unit.expiresOn, unit.din),
                    }
                  : {}),
                type: 'unit',
                ...unit,
              },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          {
            Update: {
              TableName: this.table,
              Key: keys.stock(unit.site, unit.group, unit.component),
              UpdateExpression: 'ADD available :one',
              ExpressionAttributeValues: { ':one': unit.status === 'available' ? 1 : 0 },
            },
          },
        ],
        {
          actor,
          action: 'unit.received',
          entityType: 'unit',
          entityId: unit.din,
          details: {
            group: unit.group,
            component: unit.component,
            site: unit.site,
            expiresOn: unit.expiresOn,
          },
        },
      );
      // Already received (same DIN): nothing to do.
      if (!outcome.ok && outcome.failed.has(0)) continue;
      mustCommit(outcome);
    }
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
      await this.transactWithAudit([this.issueUpdate(day, component, new Map([[group, issued]]))], {
        actor,
        action: 'issues.recorded',
        entityType: 'issues',
        entityId: `${day}#${group}#${component}`,
        details: { issued },
      }),
    );
  }

  /**
   * Adds to a day's issue counts: one small item per component and day whose attributes are the
   * groups ("O-": 7), so a week of history is seven items; it expires once far outside any window.
   */
  private issueUpdate(day: string, component: Component, issued: Map<BloodGroup, number>) {
    const names: Record<string, string> = { '#ttl': TTL_ATTRIBUTE };
    const values: Record<string, number> = {
      ':ttl': Math.floor(Date.parse(`${day}T00:00:00Z`) / 1000) + ISSUE_HISTORY_TTL_DAYS * 86_400,
    };
    const adds = [...issued].map(([group, n], i) => {
      names[`#g${i}`] = group;
      values[`:n${i}`] = n;
      return `#g${i} :n${i}`;
    });
    return {
      Update: {
        TableName: this.table,
        Key: keys.issues(day, component),
        UpdateExpression: `SET #ttl = :ttl ADD ${adds.join(', ')}`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
    };
  }

  async getRequest(requestId: string): Promise<HospitalRequest | null> {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: keys.request(requestId) }));
    return out.Item ? stripKeys<HospitalRequest>(out.Item) : null;
  }
}
