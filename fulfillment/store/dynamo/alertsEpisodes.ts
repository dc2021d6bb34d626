/**
 * Alert episodes on DynamoDB: opening, escalating and closing, each one transaction whose conditions
 * are the invariants (see ./alerts.ts): one open alert per group (STATE), one alert per group and
 * level per window (WINDOW#<level>, claimable once its `until` has passed), one closing.
 */
import { groupOfAlertId } from '../../domain/alertId.js';
import type { BloodGroup } from '../../domain/vocabulary.js';
import type { AlertRecord, StartOutcome } from '../../usecases/alerts/port.js';
import type { Actor } from '../port.js';
import { TTL_ATTRIBUTE } from '../table.js';
import { StoreBase } from './base.js';
import { keys } from './keys.js';

const epoch = (iso: string) => Math.floor(Date.parse(iso) / 1000);

export class AlertEpisodes extends StoreBase {
  /** The window marker: claimable when absent or when its window has passed. */
  private windowPut(group: BloodGroup, level: string, alertId: string, until: string) {
    const now = this.now().toISOString();
    return {
      Put: {
        TableName: this.table,
        Item: {
          ...keys.alertWindow(group, level),
          type: 'alert_window',
          alertId,
          until,
          // Housekeeping only: the condition below, not TTL's lazy sweep, decides.
          [TTL_ATTRIBUTE]: epoch(until) + 86_400,
        },
        ConditionExpression: 'attribute_not_exists(pk) OR #until < :now',
        ExpressionAttributeNames: { '#until': 'until' },
        ExpressionAttributeValues: { ':now': now },
      },
    };
  }

  async startAlert(alert: AlertRecord, windowUntil: string, actor: Actor): Promise<StartOutcome> {
    const outcome = await this.transactWithAudit(
      [
        this.windowPut(alert.group, alert.level, alert.alertId, windowUntil),
        {
          Update: {
            TableName: this.table,
            Key: keys.alertState(alert.group),
            UpdateExpression: 'SET openAlertId = :id, #t = :type, #g = :g',
            ConditionExpression: 'attribute_not_exists(openAlertId)',
            ExpressionAttributeNames: { '#t': 'type', '#g': 'group' },
            ExpressionAttributeValues: { ':id': alert.alertId, ':type': 'alert_state', ':g': alert.group },
          },
        },
        {
          Put: {
            TableName: this.table,
            Item: { ...keys.alert(alert.group, alert.alertId), type: 'alert', ...alert },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
      ],
      {
        actor,
        action: 'alert.started',
        entityType: 'alert',
        entityId: alert.alertId,
        details: {
          group: alert.group,
          level: alert.level,
          daysOfSupply: alert.daysOfSupply,
          unitsNeeded: alert.unitsNeeded,
          cap: alert.cap,
        },
      },
    );
    if (outcome.ok) return 'started';
    if (outcome.failed.has(0)) return 'suppressed';
    if (outcome.failed.has(1)) return 'already_open';
    throw outcome.error;
  }

  async escalateAlert(
    alert: AlertRecord,
    update: { cap: number; unitsNeeded: number; daysOfSupply: number },
    windowUntil: string,
    actor: Actor,
  ): Promise<boolean> {
    const at = this.now().toISOString();
    const outcome = await this.transactWithAudit(
      [
        this.windowPut(alert.group, 'red', alert.alertId, windowUntil),
        {
          Update: {
            TableName: this.table,
            Key: keys.alert(alert.group, alert.alertId),
            UpdateExpression:
              'SET #l = :red, escalatedAt = :at, cap = :cap, unitsNeeded = :need, daysOfSupply = :dos, delivery = :pending',
            ConditionExpression: '#s = :open AND #l = :amber',
            ExpressionAttributeNames: { '#l': 'level', '#s': 'status' },
            ExpressionAttributeValues: {
              ':red': 'red',
              ':amber': 'amber',
              ':open': 'open',
              ':at': at,
              ':cap': update.cap,
              ':need': update.unitsNeeded,
              ':dos': update.daysOfSupply,
              ':pending': 'pending',
            },
          },
        },
      ],
      {
        actor,
        action: 'alert.escalated',
        entityType: 'alert',
        entityId: alert.alertId,
        details: { group: alert.group, ...update },
      },
    );
    // Suppressed (red window in use) or no longer amber: another run escalated or closed it.
    return outcome.ok;
  }

  async closeAlert(alertId: string, actor: Actor): Promise<boolean> {
    const group = groupOfAlertId(alertId);
    if (!group) return false;
    const outcome = await this.transactWithAudit(
      [
        {
          Update: {
            TableName: this.table,
            Key: keys.alert(group, alertId),
            UpdateExpression: 'SET #s = :closed, closedAt = :at',
            ConditionExpression: '#s = :open',
            ExpressionAttributeNames: { '#s': 'status' },
            ExpressionAttributeValues: {
              ':closed': 'closed',
              ':open': 'open',
              ':at': this.now().toISOString(),
            },
          },
        },
        {
          Update: {
            TableName: this.table,
            Key: keys.alertState(group),
            UpdateExpression: 'REMOVE openAlertId',
            ConditionExpression: 'openAlertId = :id',
            ExpressionAttributeValues: { ':id': alertId },
          },
        },
      ],
      {
        actor,
        action: 'alert.closed',
        entityType: 'alert',
        entityId: alertId,
        details: { group, reason: 'recovered' },
      },
    );
    // Already closed: another run did it.
    return outcome.ok;
  }
}
