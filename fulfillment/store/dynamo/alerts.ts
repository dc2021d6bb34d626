/**
 * Shortage alerts on DynamoDB (the AlertStore port): thresholds, alert reads, delivery leases and
 * counters. Opening, escalating and closing live in ./alertsEpisodes.ts, donor targeting and answers
 * in ./alertsDonors.ts, the expiry sweep in ./alertsExpiry.ts; this class joins them behind one port.
 * Keys: ./keys.ts.
 *
 * The invariants are conditions, not reads-then-writes: one open alert per group (STATE), one alert
 * per group and level per window (WINDOW#<level>), one closing (status = open), one deliverer at a
 * time (lease). Concurrent detectors can race freely; exactly one of them wins each step.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { groupOfAlertId } from '../../domain/alertId.js';
import type { GroupThresholds, Thresholds } from '../../domain/supply.js';
import { BLOOD_GROUPS, type BloodGroup } from '../../domain/vocabulary.js';
import type { AlertCounts, AlertRecord, AlertStore } from '../../usecases/alerts/port.js';
import type { Actor } from '../port.js';
import { AlertDonors } from './alertsDonors.js';
import { AlertEpisodes } from './alertsEpisodes.js';
import { Expiry } from './alertsExpiry.js';
import { type DynamoStoreOptions, mustCommit, StoreBase, stripKeys } from './base.js';
import { keys } from './keys.js';

function keyOf(alertId: string) {
  const group = groupOfAlertId(alertId);
  return group ? keys.alert(group, alertId) : null;
}

export class DynamoAlertStore extends StoreBase implements AlertStore {
  private readonly donors: AlertDonors;
  private readonly expiry: Expiry;
  private readonly episodes: AlertEpisodes;

  constructor(options: DynamoStoreOptions, doc?: DynamoDBDocumentClient) {
    super(options, doc);
    this.donors = new AlertDonors(options, this.doc);
    this.expiry = new Expiry(options, this.doc);
    this.episodes = new AlertEpisodes(options, this.doc);
  }

  async thresholds(): Promise<GroupThresholds> {
    const items = await this.queryAll<Record<string, unknown>>({
      KeyConditionExpression: 'pk = :p AND begins_with(sk, :s)',
      ExpressionAttributeValues: { ':p': keys.configPartition, ':s': keys.thresholdsPrefix },
    });
    const out: GroupThresholds = {};
    for (const i of items) {
      out[i.group as BloodGroup] = {
        amberBelowDays: Number(i.amberBelowDays),
        redBelowDays: Number(i.redBelowDays),
      };
    }
    return out;
  }

  async setThresholds(group: BloodGroup, thresholds: Thresholds, actor: Actor): Promise<void> {
    const item = {
      ...keys.thresholds(group),
      type: 'thresholds',
      group,
      amberBelowDays: thresholds.amberBelowDays,
      redBelowDays: thresholds.redBelowDays,
      updatedBy: actor.userId,
      updatedAt: this.now().toISOString(),
    };
    mustCommit(
      await this.transactWithAudit([{ Put: { TableName: this.table, Item: item } }], {
        actor,
        action: 'thresholds.changed',
        entityType: 'thresholds',
        entityId: group,
        details: { ...thresholds },
      }),
    );
  }

  async openAlerts(): Promise<Map<BloodGroup, AlertRecord>> {
    const states = await this.batchGet(BLOOD_GROUPS.map((g) => keys.alertState(g)));
    const ids = states.map((s) => s.openAlertId as string | undefined).filter((id): id is string => !!id);
    const alertKeys = ids.map(keyOf).filter((k) => k !== null);
    const alerts = (await this.batchGet(alertKeys)).map((i) => stripKeys<AlertRecord>(i));
    return new Map(alerts.filter((a) => a.status === 'open').map((a) => [a.group, a]));
  }

  async alert(alertId: string): Promise<AlertRecord | null> {
    const key = keyOf(alertId);
    if (!key) return null;
    const out = await this.doc.send(
      new GetCommand({ TableName: this.table, Key: key, ConsistentRead: true }),
    );
    return out.Item ? stripKeys<AlertRecord>(out.Item) : null;
  }

  async lastAlert(group: BloodGroup): Promise<AlertRecord | null> {
    const out = await this.doc.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'pk = :p AND begins_with(sk, :s)',
        ExpressionAttributeValues: { ':p': keys.alertPartition(group), ':s': keys.alertPrefix },
        ScanIndexForward: false,
        Limit: 1,
      }),
    );
    const item = out.Items?.[0];
    return item ? stripKeys<AlertRecord>(item) : null;
  }

  /** A conditional single-item update: true when the condition held. */
  private async conditional(input: Omit<ConstructorParameters<typeof UpdateCommand>[0], 'TableName'>) {
    try {
      await this.doc.send(new UpdateCommand({ TableName: this.table, ...input }));
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  acquireDeliveryLease(alertId: string, until: string): Promise<boolean> {
    const key = keyOf(alertId);
    if (!key) return Promise.resolve(false);
    return this.conditional({
      Key: key,
      UpdateExpression: 'SET leaseUntil = :until',
      ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(leaseUntil) OR leaseUntil < :now)',
      ExpressionAttributeValues: { ':until': until, ':now': this.now().toISOString() },
    });
  }

  async releaseDeliveryLease(alertId: string): Promise<void> {
    const key = keyOf(alertId);
    if (key) await this.conditional({ Key: key, UpdateExpression: 'REMOVE leaseUntil' });
  }

  async finishDelivery(alertId: string): Promise<void> {
    const key = keyOf(alertId);
    if (!key) return;
    await this.conditional({
      Key: key,
      UpdateExpression: 'SET delivery = :done',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':done': 'done' },
    });
  }

  async addCounts(alertId: string, delta: Partial<AlertCounts>): Promise<void> {
    const key = keyOf(alertId);
    const entries = Object.entries(delta).filter(([, n]) => n);
    if (!key || entries.length === 0) return;
    // ADD works on top-level attributes only; counts is a map, so SET with arithmetic.
    const names: Record<string, string> = { '#c': 'counts' };
    const values: Record<string, number> = {};
    const parts = entries.map(([k, n], i) => {
      names[`#k${i}`] = k;
      values[`:n${i}`] = n as number;
      return `#c.#k${i} = #c.#k${i} + :n${i}`;
    });
    await this.doc.send(
      new UpdateCommand({
        TableName: this.table,
        Key: key,
        UpdateExpression: `SET ${parts.join(', ')}`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      }),
    );
  }

  markNotified(alertId: string, previous: string | undefined, next: string): Promise<boolean> {
    const key = keyOf(alertId);
    if (!key) return Promise.resolve(false);
    return this.conditional({
      Key: key,
      UpdateExpression: 'SET notified = :next',
      ConditionExpression: previous === undefined ? 'attribute_not_exists(notified)' : 'notified = :prev',
      ExpressionAttributeValues: { ':next': next, ...(previous === undefined ? {} : { ':prev': previous }) },
    });
  }

  async auditContacts(alertId: string, donorIds: string[], actor: Actor): Promise<void> {
    if (donorIds.length === 0) return;
    // The contacts themselves were claimed one by one (claimContact); this is their trail.
    mustCommit(
      await this.transactWithAudit([], {
        actor,
        action: 'alert.donors_contacted',
        entityType: 'alert',
        entityId: alertId,
        details: { count: donorIds.length, donorIds },
      }),
    );
  }

  private async batchGet(wanted: Array<{ pk: string; sk: string }>): Promise<Record<string, unknown>[]> {
    const found: Record<string, unknown>[] = [];
    for (let i = 0; i < wanted.length; i += 100) {
      let request: Record<string, { Keys: Record<string, unknown>[]; ConsistentRead: boolean }> | undefined =
        {
          [this.table]: { Keys: wanted.slice(i, i + 100), ConsistentRead: true },
        };
      while (request && Object.keys(request).length > 0) {
        const out = await this.doc.send(new BatchGetCommand({ RequestItems: request }));
        found.push(...(out.Responses?.[this.table] ?? []));
        request = out.UnprocessedKeys as typeof request;
      }
    }
    return found;
  }

  startAlert: AlertStore['startAlert'] = (...a) => this.episodes.startAlert(...a);
  escalateAlert: AlertStore['escalateAlert'] = (...a) => this.episodes.escalateAlert(...a);
  closeAlert: AlertStore['closeAlert'] = async (alertId, actor) =>
    (await this.episodes.closeAlert(alertId, actor)) ? this.alert(alertId) : null;

  candidates: AlertStore['candidates'] = (...a) => this.donors.candidates(...a);
  optedOut: AlertStore['optedOut'] = (hashes) => this.donors.optedOut(hashes);
  donorFile: AlertStore['donorFile'] = (id) => this.donors.donorFile(id);
  deferCandidate: AlertStore['deferCandidate'] = (...a) => this.donors.deferCandidate(...a);
  claimContact: AlertStore['claimContact'] = (...a) => this.donors.claimContact(...a);
  releaseContact: AlertStore['releaseContact'] = (...a) => this.donors.releaseContact(...a);
  pendingAlert: AlertStore['pendingAlert'] = (id) => this.donors.pendingAlert(id);
  saveOffer: AlertStore['saveOffer'] = (...a) => this.donors.saveOffer(...a);

  async recordAnswer(donorId: string, alertId: string, answer: 'yes' | 'no'): Promise<boolean> {
    const key = keyOf(alertId);
    if (!key) return false;
    return this.donors.markPending(donorId, alertId, 'answer', answer, key, answer);
  }

  async recordBooking(donorId: string, alertId: string, appointmentId: string): Promise<boolean> {
    const key = keyOf(alertId);
    if (!key) return false;
    return this.donors.markPending(donorId, alertId, 'appointmentId', appointmentId, key, 'booked');
  }

  expiredUnits: AlertStore['expiredUnits'] = (...a) => this.expiry.expiredUnits(...a);
  expireUnits: AlertStore['expireUnits'] = (...a) => this.expiry.expireUnits(...a);
}
