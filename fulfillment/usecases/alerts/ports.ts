/**
 * What the alert use cases need from outside, as ports: the stores, the SMS sender, a rate limiter,
 * and the staff notifiers. The SNS, Slack and outbox implementations live in adapters/alerts and are
 * chosen once, at the entry point (adapters/alerts/lambda.ts on AWS, adapters/alerts/local.ts here).
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Policy } from '../../domain/policy.js';
import type { AlertRecord, AlertStore } from '../../store/alertsPort.js';
import type { InventoryStore } from '../../store/port.js';
import type { StockRow } from '../stockPicture.js';
import type { AlertSettings } from './rules.js';

/** One appeal SMS; the adapter turns it into an SNS Publish to the donor's number. */
export interface AppealSms {
  to: string;
  text: string;
  alertId: string;
}

export interface AppealSender {
  send(sms: AppealSms): Promise<void>;
}

/** Paces sends to the account's SMS throughput; resolves when one more message may go. */
export interface RateLimiter {
  take(): Promise<void>;
}

export type StaffNoticeKind = 'started' | 'escalated' | 'recovered' | 'progress';

export interface StaffNotice {
  kind: StaffNoticeKind;
  alert: AlertRecord;
  /** The stock line that caused it (absent for progress notices). */
  row?: Pick<StockRow, 'available' | 'daysOfSupply' | 'averageDailyIssues' | 'level'>;
}

/** Tells staff (Slack channel, the alerts topic); failures are logged, never block an appeal. */
export interface StaffNotifier {
  notify(notice: StaffNotice): Promise<void>;
}

/** Powertools' logger (events and counts only: never a name, number or message text). */
export type AlertLogger = Pick<Logger, 'info' | 'warn' | 'error'>;

export interface AlertDeps {
  alerts: AlertStore;
  inventory: InventoryStore;
  policy: Policy;
  timeZone: string;
  settings: AlertSettings;
  sender: AppealSender;
  limiter: RateLimiter;
  notifiers: StaffNotifier[];
  now: () => Date;
  logger: AlertLogger;
  /** Stop contacting donors after this long (Lambda timeout); the next check resumes. */
  deliveryBudgetMs: number;
  /** Parallel DynamoDB reads and claims while targeting and sending. */
  concurrency: number;
}
