/**
 * The transaction items of unit transitions, shared by every writer of units (the unit store,
 * allocation, the expiry sweep) so their counters, indexes, issue records and activity counters can
 * never disagree. A transition is a unit before (null when new) and after; everything else follows
 * from the two and from the history entries the change added.
 */
import { randomUUID } from 'node:crypto';
import { InvalidArgumentError } from '../../domain/errors.js';
import type { HistoryEntry, Unit } from '../../domain/unit.js';
import type { BloodGroup, Component } from '../../domain/vocabulary.js';
import type { UnitRecord } from '../port.js';
import { TTL_ATTRIBUTE } from '../table.js';
import type { ActivityCount, StoredUnit } from '../unitPort.js';
import type { TransactItem } from './base.js';
import { type ActivityKind, keys } from './keys.js';

/** DynamoDB's limit on the items of one TransactWriteItems, the audit entry included. */
export const TRANSACTION_LIMIT = 100;

/** Issue history is kept well beyond the 7-day window, then DynamoDB's TTL deletes it. */
const ISSUE_HISTORY_TTL_DAYS = 35;

/** Counter attributes of an activity item are prefixed so no site or hospital can clash with a key. */
const COUNT_PREFIX = 'n:';

export interface Transition {
  before: StoredUnit | null;
  after: StoredUnit;
}

/** The store's fields of a unit: what a StoredUnit item holds besides its keys, and nothing else. */
export function storedUnit(
  unit: Unit,
  base: Pick<StoredUnit, 'collectedOn' | 'donorId' | 'source' | 'version'>,
): StoredUnit {
  return {
    din: unit.din,
    code: unit.code,
    component: unit.component,
    group: unit.group,
    expiresOn: unit.expiresOn,
    site: unit.site,
    status: unit.status,
    holds: unit.holds.map((h) => ({ ...h })),
    consignee: unit.consignee,
    issuedOn: unit.issuedOn,
    discardReason: unit.discardReason,
    discardNote: unit.discardNote,
    history: [...unit.history],
    collectedOn: base.collectedOn,
    donorId: base.donorId,
    source: base.source,
    version: base.version,
  };
}

/** The unit's item: the FEFO keys only while available (and grouped), the status/site keys always. */
export function unitItem(unit: StoredUnit): Record<string, unknown> {
  const fefo =
    unit.status === 'available' && unit.group !== null
      ? {
          gsi1pk: keys.availableIndex(unit.site, unit.group, unit.component),
          gsi1sk: keys.availableSort(unit.expiresOn, unit.din, unit.code),
        }
      : {};
  return {
    ...keys.unit(unit.din, unit.code),
    ...fefo,
    gsi2pk: keys.unitStatusIndex(unit.status, unit.site),
    gsi2sk: keys.unitStatusSort(unit.expiresOn, unit.din, unit.code),
    type: 'unit',
    ...unit,
  };
}

/** The FEFO view of an available unit (its group is known: only grouped units are available). */
export function toUnitRecord(unit: StoredUnit): UnitRecord {
  return {
    din: unit.din,
    code: unit.code,
    group: unit.group as BloodGroup,
    component: unit.component,
    site: unit.site,
    collectedOn: unit.collectedOn,
    expiresOn: unit.expiresOn,
    status: unit.status,
  };
}

export function toStoredUnit(item: Record<string, unknown>): StoredUnit {
  const { pk, sk, gsi1pk, gsi1sk, gsi2pk, gsi2sk, type, ...rest } = item;
  return rest as unknown as StoredUnit;
}

/** The stock line a unit counts in while it is available; null when it does not count. */
function countedLine(unit: StoredUnit | null): string | null {
  if (unit?.status !== 'available' || unit.group === null) return null;
  return `${unit.site}\u0000${unit.group}\u0000${unit.component}`;
}

interface IssueGroup {
  day: string;
  hospital: string;
  units: Array<{ din: string; code: string; component: Component; group: BloodGroup }>;
}

/**
 * Every item of a set of transitions: the unit Puts first (index i = transitions[i], conditional on
 * the version read, or on not existing), then counters, issue records, issue days and activity.
 * `requestId` names the issue records of an allocation.
 */
export function transitionItems(
  table: string,
  transitions: readonly Transition[],
  options: { requestId?: string; extra?: Array<{ kind: ActivityKind; day: string; key: string }> } = {},
): TransactItem[] {
  const seen = new Set<string>();
  for (const { before, after } of transitions) {
    const id = `${after.din}#${after.code}`;
    if (seen.has(id)) throw new InvalidArgumentError(`unit ${id} appears twice in one change`);
    seen.add(id);
    if (before && (before.din !== after.din || before.code !== after.code)) {
      throw new InvalidArgumentError(`a change cannot turn ${before.din}#${before.code} into ${id}`);
    }
    if (before && after.history.length < before.history.length) {
      throw new InvalidArgumentError(`the history of ${id} can only grow`);
    }
  }
  const units: TransactItem[] = transitions.map(({ before, after }) => ({
    Put: {
      TableName: table,
      Item: unitItem(after),
      ...(before
        ? {
            ConditionExpression: 'version = :v',
            ExpressionAttributeValues: { ':v': before.version },
          }
        : { ConditionExpression: 'attribute_not_exists(pk)' }),
    },
  }));

  const deltas = new Map<string, { unit: StoredUnit; n: number }>();
  const count = (unit: StoredUnit | null, n: number) => {
    const line = countedLine(unit);
    if (!line || !unit) return;
    const entry = deltas.get(line) ?? { unit, n: 0 };
    entry.n += n;
    deltas.set(line, entry);
  };
  const issues = new Map<string, IssueGroup>();
  const issueDays = new Map<string, { day: string; component: Component; groups: Map<BloodGroup, number> }>();
  const activity = new Map<string, { kind: ActivityKind; day: string; counts: Map<string, number> }>();
  const bump = (kind: ActivityKind, day: string, key: string) => {
    const id = `${day}#${kind}`;
    const entry = activity.get(id) ?? { kind, day, counts: new Map<string, number>() };
    entry.counts.set(key, (entry.counts.get(key) ?? 0) + 1);
    activity.set(id, entry);
  };
  for (const e of options.extra ?? []) bump(e.kind, e.day, e.key);

  for (const { before, after } of transitions) {
    count(before, -1);
    count(after, +1);
    const added: readonly HistoryEntry[] = after.history.slice(before?.history.length ?? 0);
    for (const entry of added) {
      const event = entry.event;
      if (event.type === 'issue') {
        if (after.group === null) throw new InvalidArgumentError('an issued unit has a blood group');
        const id = `${entry.on}\u0000${event.consignee}`;
        const group = issues.get(id) ?? { day: entry.on, hospital: event.consignee, units: [] };
        group.units.push({
          din: after.din,
          code: after.code,
          component: after.component,
          group: after.group,
        });
        issues.set(id, group);
        const dayId = `${entry.on}#${after.component}`;
        const day = issueDays.get(dayId) ?? { day: entry.on, component: after.component, groups: new Map() };
        day.groups.set(after.group, (day.groups.get(after.group) ?? 0) + 1);
        issueDays.set(dayId, day);
        bump('issues', entry.on, `${event.consignee}#${after.component}`);
      } else if (event.type === 'discard') {
        bump('discards', entry.on, `${event.reason}#${after.component}`);
      } else if (event.type === 'expire') {
        // Wastage counts expired units with the discards (DOMAIN.md "Wastage").
        bump('discards', entry.on, `expired#${after.component}`);
      }
    }
  }

  const counters: TransactItem[] = [...deltas.values()]
    .filter((d) => d.n !== 0)
    .map(({ unit, n }) => ({
      Update: {
        TableName: table,
        Key: keys.stock(unit.site, unit.group as BloodGroup, unit.component),
        UpdateExpression: 'ADD available :n',
        // A counter never goes below zero: the units' version conditions keep it exact, this keeps it sane.
        ...(n < 0
          ? { ConditionExpression: 'available >= :need', ExpressionAttributeValues: { ':n': n, ':need': -n } }
          : { ExpressionAttributeValues: { ':n': n } }),
      },
    }));
  const issueRecords: TransactItem[] = [...issues.values()].map((g, i) => ({
    Put: {
      TableName: table,
      Item: {
        ...keys.issueRecord(
          g.day,
          options.requestId ? `${options.requestId}${i > 0 ? `#${i}` : ''}` : randomUUID(),
        ),
        type: 'issue',
        day: g.day,
        hospital: g.hospital,
        requestId: options.requestId ?? null,
        units: g.units,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  }));
  const days: TransactItem[] = [...issueDays.values()].map((d) =>
    issueDayUpdate(table, d.day, d.component, d.groups),
  );
  const activityItems: TransactItem[] = [...activity.values()].map((a) => activityUpdate(table, a));
  const items = [...units, ...counters, ...issueRecords, ...days, ...activityItems];
  if (items.length >= TRANSACTION_LIMIT) {
    throw new InvalidArgumentError(
      `a change of ${transitions.length} units needs too many writes for one transaction`,
    );
  }
  return items;
}

/** Adds to activity counters of one day and kind: one small item whose attributes are the counts. */
function activityUpdate(
  table: string,
  a: { kind: ActivityKind; day: string; counts: Map<string, number> },
): TransactItem {
  const names: Record<string, string> = {};
  const values: Record<string, number> = {};
  const adds = [...a.counts].map(([key, n], i) => {
    names[`#c${i}`] = `${COUNT_PREFIX}${key}`;
    values[`:c${i}`] = n;
    return `#c${i} :c${i}`;
  });
  return {
    Update: {
      TableName: table,
      Key: keys.activity(a.day, a.kind),
      UpdateExpression: `ADD ${adds.join(', ')}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}

/** The collection counter of a recorded donation. */
export function collectionActivity(
  day: string,
  site: string,
): { kind: ActivityKind; day: string; key: string } {
  return { kind: 'collections', day, key: site };
}

/** The rows of one activity item. */
export function activityRows(item: Record<string, unknown>): ActivityCount[] {
  const sk = item.sk as string;
  const [day = '', kind = ''] = sk.split('#');
  const rows: ActivityCount[] = [];
  for (const [name, value] of Object.entries(item)) {
    if (!name.startsWith(COUNT_PREFIX)) continue;
    const key = name.slice(COUNT_PREFIX.length);
    const count = Number(value);
    const cut = key.lastIndexOf('#');
    if (kind === 'collections') rows.push({ day, activity: 'collections', site: key, count });
    else if (kind === 'discards') {
      rows.push({
        day,
        activity: 'discards',
        reason: key.slice(0, cut) as never,
        component: key.slice(cut + 1) as Component,
        count,
      });
    } else if (kind === 'issues') {
      rows.push({
        day,
        activity: 'issues',
        hospital: key.slice(0, cut),
        component: key.slice(cut + 1) as Component,
        count,
      });
    }
  }
  return rows;
}

/**
 * Adds to a day's issue counts: one small item per component and day whose attributes are the
 * groups ("O-": 7), so a week of history is seven items; it expires once far outside any window.
 */
export function issueDayUpdate(
  table: string,
  day: string,
  component: Component,
  issued: Map<BloodGroup, number>,
): TransactItem {
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
      TableName: table,
      Key: keys.issues(day, component),
      UpdateExpression: `SET #ttl = :ttl ADD ${adds.join(', ')}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}
