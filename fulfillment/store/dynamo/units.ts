/**
 * Donations and units on DynamoDB (the UnitStore port, ../unitPort.ts). A unit is one item per DIN
 * and component code under `UNIT#<din>`, its history inline: a change of a unit is then one
 * conditional Put, so an allocation of 40 units still fits one transaction with its counters (one
 * item per history entry would not). Every write goes through transactWithAudit; every read is a
 * key lookup or a Query (GSI1 = FEFO of available units, GSI2 = status and site), never a Scan.
 */
import { BatchGetCommand, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { InvalidArgumentError } from '../../domain/errors.js';
import type { UnitStatus } from '../../domain/unitVocabulary.js';
import { TransientConflictError } from '../../errors.js';
import type { Actor } from '../port.js';
import { GSI1, GSI2 } from '../table.js';
import {
  type ActivityCount,
  type AuditNote,
  type DonationRecord,
  type IssueRecord,
  MAX_UNITS_PER_SAVE,
  type SaveOutcome,
  type StoredUnit,
  type UnitChange,
  type UnitStore,
} from '../unitPort.js';
import { type AuditFacts, StoreBase, stripKeys, type TransactItem } from './base.js';
import { DONOR_ITEMS, keys } from './keys.js';
import {
  activityRows,
  collectionActivity,
  storedUnit,
  type Transition,
  toStoredUnit,
  transitionItems,
} from './unitWrites.js';

/** Units per receipt transaction: each is a Put, plus their counters and the audit entry. */
const RECEIVE_BATCH = 20;
/** A TransactionConflict is a race another writer is in the middle of: worth a few quick retries. */
const TRANSIENT_RETRIES = 4;
const BATCH_GET = 100;

/** Months (YYYY-MM) from the month of `from` to that of `to`, inclusive. */
function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  const last = to.slice(0, 7);
  for (;;) {
    const month = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`;
    if (month > last) break;
    months.push(month);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return months;
}

function toDonation(item: Record<string, unknown>): DonationRecord {
  return stripKeys<DonationRecord>(item);
}

export class DynamoUnits extends StoreBase implements UnitStore {
  async recordDonation(donation: DonationRecord, units: StoredUnit[], actor: Actor): Promise<SaveOutcome> {
    const stored = units.map((u) => storedUnit(u, { ...u, version: 1 }));
    for (const u of stored) {
      if (u.din !== donation.din)
        throw new InvalidArgumentError(`unit ${u.din} is not of donation ${donation.din}`);
    }
    const record: DonationRecord = { ...donation, version: 1 };
    const items: TransactItem[] = [
      {
        Put: {
          TableName: this.table,
          Item: { ...keys.donationRecord(donation.din), type: 'donation_record', ...record },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      ...transitionItems(
        this.table,
        stored.map((after) => ({ before: null, after })),
        { extra: [collectionActivity(donation.collectedOn, donation.site)] },
      ),
      {
        // The donor's history: eligibility (donation intervals) reads it with the rest of the donor file.
        Put: {
          TableName: this.table,
          Item: {
            ...keys.donation(donation.donorId, donation.collectedOn, donation.din),
            type: 'donation',
            date: donation.collectedOn,
            donationType: donation.donationType,
            din: donation.din,
            outcome: donation.outcome,
          },
        },
      },
    ];
    const outcome = await this.commit(items, {
      actor,
      action: 'donation.recorded',
      entityType: 'donation',
      entityId: donation.din,
      details: {
        site: donation.site,
        donationType: donation.donationType,
        outcome: donation.outcome,
        codes: donation.codes,
        collectedOn: donation.collectedOn,
      },
    });
    if (outcome.ok) return { ok: true, units: stored, donation: record };
    // The DIN (or one of its units) is already recorded.
    if ([...outcome.failed].some((i) => i <= stored.length)) return { ok: false, reason: 'duplicate' };
    throw outcome.error;
  }

  async donation(din: string): Promise<DonationRecord | null> {
    const out = await this.doc.send(
      new GetCommand({ TableName: this.table, Key: keys.donationRecord(din), ConsistentRead: true }),
    );
    return out.Item ? toDonation(out.Item) : null;
  }

  async donationsOfDonor(donorId: string): Promise<DonationRecord[]> {
    const history = await this.queryAll<Record<string, unknown>>({
      KeyConditionExpression: 'pk = :p AND begins_with(sk, :d)',
      ExpressionAttributeValues: { ':p': keys.donorPartition(donorId), ':d': DONOR_ITEMS.donation },
      ScanIndexForward: false,
    });
    // History items recorded without a DIN (imported dates) have no donation record.
    const dins = history.map((i) => i.din).filter((d): d is string => typeof d === 'string');
    const found = new Map<string, DonationRecord>();
    for (let i = 0; i < dins.length; i += BATCH_GET) {
      let pending: Record<string, unknown>[] = dins
        .slice(i, i + BATCH_GET)
        .map((d) => keys.donationRecord(d));
      for (let attempt = 0; pending.length > 0; attempt++) {
        if (attempt > 0) await new Promise((r) => setTimeout(r, 10 * 2 ** Math.min(attempt, 6)));
        const out = await this.doc.send(
          new BatchGetCommand({ RequestItems: { [this.table]: { Keys: pending, ConsistentRead: true } } }),
        );
        for (const item of out.Responses?.[this.table] ?? []) {
          const record = toDonation(item);
          found.set(record.din, record);
        }
        pending = (out.UnprocessedKeys?.[this.table]?.Keys ?? []) as Record<string, unknown>[];
      }
    }
    return dins.map((d) => found.get(d)).filter((d): d is DonationRecord => d !== undefined);
  }

  async unitsOfDonation(din: string): Promise<StoredUnit[]> {
    const items = await this.queryAll<Record<string, unknown>>({
      KeyConditionExpression: 'pk = :p AND begins_with(sk, :c)',
      ExpressionAttributeValues: { ':p': keys.unitPartition(din), ':c': keys.unitPrefix },
      ConsistentRead: true,
    });
    return items.map(toStoredUnit);
  }

  async unit(din: string, code: string): Promise<StoredUnit | null> {
    const out = await this.doc.send(
      new GetCommand({ TableName: this.table, Key: keys.unit(din, code), ConsistentRead: true }),
    );
    return out.Item ? toStoredUnit(out.Item) : null;
  }

  async saveChanges(
    changes: UnitChange[],
    audit: AuditNote,
    actor: Actor,
    donation?: { before: DonationRecord; after: DonationRecord },
  ): Promise<SaveOutcome> {
    if (changes.length > MAX_UNITS_PER_SAVE) {
      throw new InvalidArgumentError(`at most ${MAX_UNITS_PER_SAVE} units change in one save`);
    }
    const transitions: Transition[] = changes.map(({ before, after }) => ({
      before,
      after: storedUnit(after, { ...before, version: before.version + 1 }),
    }));
    const savedDonation = donation ? { ...donation.after, version: donation.before.version + 1 } : undefined;
    if (donation && donation.after.din !== donation.before.din) {
      throw new InvalidArgumentError('a donation change keeps its DIN');
    }
    const items = transitionItems(this.table, transitions);
    if (donation && savedDonation) {
      items.push({
        Put: {
          TableName: this.table,
          Item: { ...keys.donationRecord(savedDonation.din), type: 'donation_record', ...savedDonation },
          ConditionExpression: 'version = :v',
          ExpressionAttributeValues: { ':v': donation.before.version },
        },
      });
    }
    const units = transitions.map((t) => t.after);
    if (items.length === 0) return { ok: true, units };
    const outcome = await this.commit(items, { actor, ...audit });
    // A version read earlier is no longer current (or a counter would go below zero): nothing was written.
    if (!outcome.ok) return { ok: false, reason: 'conflict' };
    return { ok: true, units, ...(savedDonation ? { donation: savedDonation } : {}) };
  }

  async receiveUnits(units: StoredUnit[], actor: Actor): Promise<SaveOutcome> {
    const stored = units.map((u) => storedUnit(u, { ...u, version: 1 }));
    const written: StoredUnit[] = [];
    for (let i = 0; i < stored.length; i += RECEIVE_BATCH) {
      const batch = stored.slice(i, i + RECEIVE_BATCH);
      if (await this.receiveBatch(batch, actor)) {
        written.push(...batch);
        continue;
      }
      // Some unit is already stored: receive the rest one by one, so a re-run is a no-op.
      for (const unit of batch) if (await this.receiveBatch([unit], actor)) written.push(unit);
    }
    if (written.length === 0 && stored.length > 0) return { ok: false, reason: 'duplicate' };
    return { ok: true, units: written };
  }

  /** True when every unit of the batch was new and is now stored; false when one already was. */
  private async receiveBatch(batch: StoredUnit[], actor: Actor): Promise<boolean> {
    const first = batch[0];
    if (!first) return true;
    const items = transitionItems(
      this.table,
      batch.map((after) => ({ before: null, after })),
    );
    const outcome = await this.commit(items, {
      actor,
      action: 'unit.received',
      entityType: batch.length === 1 ? 'unit' : 'receipt',
      entityId:
        batch.length === 1 ? `${first.din}#${first.code}` : `${first.din}#${first.code}+${batch.length - 1}`,
      details: {
        source: first.source,
        site: first.site,
        units: batch.map((u) => ({ din: u.din, code: u.code, group: u.group, component: u.component })),
      },
    });
    if (outcome.ok) return true;
    if ([...outcome.failed].some((i) => i < batch.length)) return false;
    throw outcome.error;
  }

  async unitsByStatus(status: UnitStatus, site?: string, limit?: number): Promise<StoredUnit[]> {
    const sites = site ? [site] : await this.siteIds();
    const perSite = await Promise.all(
      sites.map((s) => this.statusQuery(keys.unitStatusIndex(status, s), undefined, limit)),
    );
    const merged = perSite.flat().sort(byExpiry);
    return limit === undefined ? merged : merged.slice(0, limit);
  }

  async expiringUnits(before: string, site?: string): Promise<StoredUnit[]> {
    const sites = site ? [site] : await this.siteIds();
    const end = keys.dayRangeEnd(before);
    const perSite = await Promise.all(
      sites.map((s) => this.statusQuery(keys.unitStatusIndex('available', s), end)),
    );
    return perSite.flat().sort(byExpiry);
  }

  async issuesByHospital(fromDay: string, toDay: string): Promise<IssueRecord[]> {
    const items = await this.dayRange(keys.issueRecordPartition, fromDay, toDay);
    return items.flatMap((item) =>
      (item.units as Array<Omit<IssueRecord, 'day' | 'hospital' | 'requestId'>>).map((u) => ({
        day: item.day as string,
        hospital: item.hospital as string,
        din: u.din,
        code: u.code,
        component: u.component,
        group: u.group,
        requestId: (item.requestId as string | null) ?? null,
      })),
    );
  }

  async activityCounts(fromDay: string, toDay: string): Promise<ActivityCount[]> {
    const items = await this.dayRange(keys.activityPartition, fromDay, toDay);
    return items.flatMap(activityRows);
  }

  /** Items of month partitions whose sort key starts with a day in [from, to]. */
  private async dayRange(partition: (month: string) => string, fromDay: string, toDay: string) {
    if (fromDay > toDay) return [];
    const perMonth = await Promise.all(
      monthsBetween(fromDay, toDay).map((month) =>
        this.queryAll<Record<string, unknown>>({
          KeyConditionExpression: 'pk = :p AND sk BETWEEN :a AND :b',
          ExpressionAttributeValues: { ':p': partition(month), ':a': fromDay, ':b': keys.dayRangeEnd(toDay) },
        }),
      ),
    );
    return perMonth.flat();
  }

  /** One status/site partition of GSI2 in expiry order, up to `until` (a sort-key bound) or `limit` units. */
  private async statusQuery(partition: string, until?: string, limit?: number): Promise<StoredUnit[]> {
    const units: StoredUnit[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.doc.send(
        new QueryCommand({
          TableName: this.table,
          IndexName: GSI2,
          KeyConditionExpression: until ? 'gsi2pk = :p AND gsi2sk <= :u' : 'gsi2pk = :p',
          ExpressionAttributeValues: { ':p': partition, ...(until ? { ':u': until } : {}) },
          ...(limit !== undefined ? { Limit: limit - units.length } : {}),
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      units.push(...(out.Items ?? []).map(toStoredUnit));
      start = out.LastEvaluatedKey;
    } while (start && (limit === undefined || units.length < limit));
    return units;
  }

  private async siteIds(): Promise<string[]> {
    const items = await this.queryAll<Record<string, unknown>>({
      IndexName: GSI1,
      KeyConditionExpression: 'gsi1pk = :p',
      ExpressionAttributeValues: { ':p': keys.sitesPartition },
    });
    return items.map((i) => i.id as string);
  }

  /** transactWithAudit, retrying a TransactionConflict (another writer mid-flight) a few times. */
  private async commit(items: TransactItem[], audit: AuditFacts) {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.transactWithAudit(items, audit);
      } catch (error) {
        if (!(error instanceof TransientConflictError) || attempt >= TRANSIENT_RETRIES) throw error;
        await new Promise((r) => setTimeout(r, Math.random() * 20 * 2 ** attempt));
      }
    }
  }
}

function byExpiry(a: StoredUnit, b: StoredUnit): number {
  const ka = `${a.expiresOn}#${a.din}#${a.code}`;
  const kb = `${b.expiresOn}#${b.din}#${b.code}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}
