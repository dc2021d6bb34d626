/**
 * The shortage-alert port: what the alert use cases (fulfillment/usecases/alerts) need from
 * persistence, kept apart from the Store port so fulfillment's core interface does not grow alert
 * concerns. The DynamoDB implementation is ./dynamo/alerts.ts (+ alertDonors.ts, expiry.ts).
 * Every state change that matters for the audit trail writes its entry in the same transaction.
 */
import type { GroupThresholds, StockLevel, Thresholds } from '../domain/supply.js';
import type { BloodGroup, Component } from '../domain/vocabulary.js';
import type { Actor, DonorFile, UnitRecord } from './port.js';

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
