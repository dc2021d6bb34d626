/**
 * The shortage-alert port: everything the alert use cases (this folder) and RespondToAlert need from
 * outside, in one place. Persistence (AlertStore: DynamoDB in fulfillment/store/dynamo/alerts*.ts),
 * the SMS sender and its pacing, the staff notifiers (SNS, Slack, the local outbox: adapters/alerts)
 * and the stock-change listener are chosen once, at the entry point (adapters/alerts/lambda.ts on
 * AWS, adapters/alerts/local.ts here). Every store change that matters for the audit trail writes its
 * entry in the same transaction.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Policy } from '../../domain/policy.js';
import type { GroupThresholds, StockLevel, Thresholds } from '../../domain/supply.js';
import type { BloodGroup, Component } from '../../domain/vocabulary.js';
import type { Actor, DonorFile, InventoryStore, UnitRecord } from '../../store/port.js';
import type { StockRow } from '../stockPicture.js';
import type { AlertSettings } from './rules.js';

// ── Stock changes: use cases that move units tell the detector ─────────────────────────────────

/**
 * A stock change as the shortage detector hears about it. Use cases that move units out of (or
 * into) stock call a listener with the lines that changed; the listener runs detection and never
 * throws, so a failed check can never undo or fail the change that triggered it.
 */
export interface StockChange {
  reason: 'issue' | 'expiry' | 'discard' | 'receipt' | 'release' | 'return' | 'transfer' | 'recall';
  lines: Array<{ site: string; group: BloodGroup; component: Component }>;
}

export type StockChangeListener = (change: StockChange) => Promise<void>;

// ── Persistence ───────────────────────────────────────────────────────────────────────────────

export type AlertLevel = Exclude<StockLevel, 'green'>;

export interface AlertCounts {
  /** SMS sent. */
  contacted: number;
  /** Sends that failed after the donor was claimed (claim rolled back). */
  failed: number;
  yes: number;
  no: number;
  booked: number;
}

export const NO_COUNTS: AlertCounts = { contacted: 0, failed: 0, yes: 0, no: 0, booked: 0 };

/** One shortage episode of one group: started at amber or red, maybe escalated, closed on recovery. */
export interface AlertRecord {
  alertId: string;
  group: BloodGroup;
  component: Component;
  level: AlertLevel;
  status: 'open' | 'closed';
  startedAt: string;
  escalatedAt?: string;
  closedAt?: string;
  /** Units short of the target days of supply when the alert started (or escalated). */
  unitsNeeded: number;
  daysOfSupply: number;
  /** The most donors this alert may contact, sized to the need. */
  cap: number;
  /** `pending` while donors are still to be contacted (a broadcast resumes until `done`). */
  delivery: 'pending' | 'done';
  counts: AlertCounts;
  /** Counts the staff channel was last shown, so progress notices go out only on change. */
  notified?: string;
}

/** A donor's outstanding appeal: lets the SMS channel restore the `shortageAlert` context. */
export interface PendingAlert {
  donorId: string;
  alertId: string;
  group: BloodGroup;
  site: string;
  sentAt: string;
  /** Epoch seconds after which a reply is no longer read as an answer to this alert. */
  expiresAt: number;
  answer?: 'yes' | 'no';
  appointmentId?: string;
  /** Slots offered by RespondToAlert, kept server-side (session attributes are not trusted). */
  offer?: AlertOffer;
}

export interface AlertOffer {
  site: string;
  slots: Array<{ date: string; time: string }>;
  /** Index into `slots` of the one the donor is being asked to confirm. */
  current: number;
}

/** A donor read from the targeting index, before the per-donor checks. */
export interface TargetCandidate {
  donorId: string;
  bloodGroup: BloodGroup;
  phoneE164: string;
  phoneHash: string;
  homeSite: string;
  smsOptIn: boolean;
  lastAlertedOn?: string;
  /** Its current sort key in the index (restored if a claim is undone). */
  indexKey: string;
}

export interface CandidatePage {
  candidates: TargetCandidate[];
  /** Opaque cursor for the next page; absent at the end. */
  next?: Record<string, unknown>;
}

/** `notBefore` of a donor who can never donate again on the data we hold: sorts after every real date. */
export const NEVER_AGAIN = '9999-12-31';

export type StartOutcome = 'started' | 'suppressed' | 'already_open';
export type ClaimOutcome = 'claimed' | 'recently_alerted' | 'not_opted_in';

export interface AlertStore {
  /** Admin-set overrides per group (absent groups use the policy's thresholds). */
  thresholds(): Promise<GroupThresholds>;
  setThresholds(group: BloodGroup, thresholds: Thresholds, actor: Actor): Promise<void>;

  /** The open alert of each group that has one, in one read. */
  openAlerts(): Promise<Map<BloodGroup, AlertRecord>>;
  alert(alertId: string): Promise<AlertRecord | null>;
  /** The most recent alert of a group (open or closed). */
  lastAlert(group: BloodGroup): Promise<AlertRecord | null>;
  /**
   * Opens an alert unless the group already has one open, or one at this level started within the
   * window (`windowUntil`, ISO): at most one alert per group and level per window.
   */
  startAlert(alert: AlertRecord, windowUntil: string, actor: Actor): Promise<StartOutcome>;
  /** amber → red on the open alert, once per red window; false when suppressed or no longer amber. */
  escalateAlert(
    alert: AlertRecord,
    update: { cap: number; unitsNeeded: number; daysOfSupply: number },
    windowUntil: string,
    actor: Actor,
  ): Promise<boolean>;
  /** Closes an open alert (recovery); null when it was already closed (another run did it). */
  closeAlert(alertId: string, actor: Actor): Promise<AlertRecord | null>;
  /** Only one deliverer per alert at a time, so the SMS rate limit holds across invocations. */
  acquireDeliveryLease(alertId: string, until: string): Promise<boolean>;
  releaseDeliveryLease(alertId: string): Promise<void>;
  finishDelivery(alertId: string): Promise<void>;
  addCounts(alertId: string, delta: Partial<AlertCounts>): Promise<void>;
  /** Compare-and-set of the counts shown to staff: true for the one caller that changed them. */
  markNotified(alertId: string, previous: string | undefined, next: string): Promise<boolean>;
  /** Audits a batch of contacts: ids and counts, no personal data. */
  auditContacts(alertId: string, donorIds: string[], actor: Actor): Promise<void>;

  /** Donors of one group who are opted in and contactable on `on`, from the sparse index. */
  candidates(
    group: BloodGroup,
    on: string,
    limit: number,
    cursor?: Record<string, unknown>,
  ): Promise<CandidatePage>;
  /** The phone hashes (of those given) that said STOP. */
  optedOut(phoneHashes: string[]): Promise<Set<string>>;
  /** A donor's history, for the eligibility check on the alert date. */
  donorFile(donorId: string): Promise<DonorFile | null>;
  /** Moves a donor later in the index (not eligible until `notBefore`), so later alerts skip them. */
  deferCandidate(candidate: TargetCandidate, notBefore: string): Promise<void>;
  /**
   * Marks the donor alerted today and records the pending alert, both only if the donor is opted
   * in and was not alerted in the last `quietDays`: a retried or concurrent run never texts twice.
   */
  claimContact(
    candidate: TargetCandidate,
    pending: Omit<PendingAlert, 'donorId'>,
    today: string,
    quietDays: number,
  ): Promise<ClaimOutcome>;
  /** Undoes a claim whose SMS could not be sent, so the donor stays reachable. */
  releaseContact(candidate: TargetCandidate, alertId: string): Promise<void>;

  pendingAlert(donorId: string): Promise<PendingAlert | null>;
  /** Records the donor's answer once; false when already answered (or not this alert). */
  recordAnswer(donorId: string, alertId: string, answer: 'yes' | 'no'): Promise<boolean>;
  saveOffer(donorId: string, alertId: string, offer: AlertOffer): Promise<void>;
  /** Counts a booking made from this alert once per donor. */
  recordBooking(donorId: string, alertId: string, appointmentId: string): Promise<boolean>;

  /** Available units of one line whose last day is before `today` (GSI1, key condition only). */
  expiredUnits(site: string, group: BloodGroup, component: Component, today: string): Promise<UnitRecord[]>;
  /** Expires units of one stock line with its counter and audit entry in one transaction. */
  expireUnits(units: UnitRecord[], today: string, actor: Actor): Promise<number>;
}

// ── SMS, staff notices and the dependencies of every alert use case ───────────────────────────

/** One appeal SMS; the adapter turns it into an SNS Publish to the donor's number. */
export interface AppealSms {
  to: string;
  text: string;
  alertId: string;
}

export interface AppealSender {
  send(sms: AppealSms): Promise<void>;
}

/**
 * Paces appeal SMS to the account's throughput; resolves when one more message may go. Not the chat
 * API's per-caller RateLimiter (adapters/web): this one waits, that one refuses.
 */
export interface SmsPacer {
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
  limiter: SmsPacer;
  notifiers: StaffNotifier[];
  now: () => Date;
  logger: AlertLogger;
  /** Stop contacting donors after this long (Lambda timeout); the next check resumes. */
  deliveryBudgetMs: number;
  /** Parallel DynamoDB reads and claims while targeting and sending. */
  concurrency: number;
}
