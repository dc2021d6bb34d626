/**
 * The store port: what intent handlers need from persistence, in domain words. The DynamoDB
 * implementation (./dynamo/) serves it on AWS and against DynamoDB Local in the embedded default.
 * Every method that changes state writes its audit entry in the same transaction.
 */
import type { UnitStatus } from '../domain/unitVocabulary.js';
import type { BloodGroup, Component, DonationType, Role, Sex, Urgency } from '../domain/vocabulary.js';

export const CHANNELS = ['web', 'slack', 'sms', 'system', 'local'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Who made a change, for the audit trail (21 CFR 606.160: who did it and when). */
export interface Actor {
  userId: string;
  role: Role;
  channel: Channel;
}

export interface Site {
  id: string;
  name: string;
  address: string;
  /** Appointment start times offered each open day, HH:MM. */
  slotTimes: string[];
  /** Donors per appointment time. */
  slotCapacity: number;
  /** Days of the week the site is open, 0 = Sunday. */
  openDays: number[];
}

export interface StockCount {
  site: string;
  group: BloodGroup;
  component: Component;
  available: number;
}

export interface StockSnapshot {
  counts: StockCount[];
  /** Day (YYYY-MM-DD) → `<group>#<component>` → units issued. */
  issues: Map<string, Record<string, number>>;
}

/** What allocation and the expiry sweep read of an available unit (FEFO index); the full unit is a StoredUnit (./unitPort.ts). */
export interface UnitRecord {
  din: string;
  /** The component code within the donation (`red_cells`, `red_cells_1`, …). */
  code: string;
  group: BloodGroup;
  component: Component;
  site: string;
  collectedOn: string;
  expiresOn: string;
  status: UnitStatus;
  requestId?: string;
}

export interface DonorRecord {
  donorId: string;
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  phoneE164: string;
  bloodGroup: BloodGroup | 'unknown';
  sex?: Sex;
  weightKg?: number;
  homeSite: string;
  smsOptIn: boolean;
  cognitoSub?: string;
  createdAt: string;
}

export interface DonationRecordItem {
  date: string;
  type: DonationType;
}
export interface DeferralItem {
  until: string;
  reason: string;
}

export interface AppointmentRecord {
  appointmentId: string;
  donorId: string;
  site: string;
  date: string;
  time: string;
  donationType: DonationType;
  status: 'booked' | 'cancelled';
  createdAt: string;
}

/** A donor with everything eligibility and booking need, read in one query. */
export interface DonorFile {
  profile: DonorRecord;
  donations: DonationRecordItem[];
  deferrals: DeferralItem[];
  appointments: AppointmentRecord[];
}

export interface AllocatedUnit {
  din: string;
  code: string;
  group: BloodGroup;
  component: Component;
  site: string;
  expiresOn: string;
  flags: string[];
}

export interface HospitalRequest {
  requestId: string;
  recipientGroup: BloodGroup | 'unknown';
  component: Component;
  unitsRequested: number;
  urgency: Urgency;
  hospital: string | null;
  neededBy: string | null;
  status: 'filled' | 'partial' | 'unfilled';
  units: AllocatedUnit[];
  requestedBy: string;
  createdAt: string;
}

export interface AuditEntry {
  auditId: string;
  at: string;
  actor: Actor;
  action: string;
  entityType: string;
  entityId: string;
  /** Non-personal facts about the change (ids, counts, statuses), never names or phone numbers. */
  details: Record<string, unknown>;
}

export interface NewDonor {
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  phoneE164: string;
  bloodGroup: BloodGroup | 'unknown';
  homeSite: string;
  cognitoSub?: string;
}

export type RegisterOutcome =
  | { ok: true; donor: DonorRecord }
  | { ok: false; reason: 'phone_taken' | 'account_linked' };

export type BookingOutcome =
  | { ok: true; appointment: AppointmentRecord }
  | { ok: false; reason: 'slot_full' | 'already_booked' };

export type CancelOutcome = { ok: true; appointment: AppointmentRecord } | { ok: false; reason: 'not_found' };

export interface InventoryStore {
  sites(): Promise<Site[]>;
  site(id: string): Promise<Site | null>;
  /** All counters in one query; filtered to one site when given. */
  stockCounts(site?: string): Promise<StockCount[]>;
  /**
   * One component's counters (every site and group) and its issues per day from `fromDay` on, in one
   * Query: what a stock check needs, independent of how many units are in stock.
   */
  stockSnapshot(component: Component, fromDay: string): Promise<StockSnapshot>;
  /** Units issued per day for the given days (YYYY-MM-DD), keyed `<group>#<component>`. */
  issuesByDay(days: string[]): Promise<Map<string, Record<string, number>>>;
  /**
   * Available units of one site/group/component expiring on or after `usableOn`, earliest expiry
   * first (FEFO), at most `limit`. Expired units not yet swept are skipped by the key condition.
   */
  availableUnits(
    site: string,
    group: BloodGroup,
    component: Component,
    limit: number,
    usableOn: string,
  ): Promise<UnitRecord[]>;
  /**
   * Issues the units to a new request (the domain `issue` event, consignee = the hospital or the
   * request id; history appended), decrements their stock counters, records the issue per day and
   * per hospital and writes the request and its audit entry, all in one transaction. Throws
   * AllocationConflictError when any unit is no longer available (another request won it).
   * `on` is the day of the issue (YYYY-MM-DD); the request's UTC day when absent.
   */
  commitAllocation(request: HospitalRequest, actor: Actor, on?: string): Promise<void>;
  getRequest(requestId: string): Promise<HospitalRequest | null>;
}

export interface DonorStore {
  donorById(donorId: string): Promise<DonorRecord | null>;
  donorFile(donorId: string): Promise<DonorFile | null>;
  donorIdBySub(sub: string): Promise<string | null>;
  donorIdByPhone(phoneE164: string): Promise<string | null>;
  registerDonor(donor: NewDonor, actor: Actor): Promise<RegisterOutcome>;
  /**
   * A past donation known only by its date and type (imported history), for eligibility. A donation
   * with a DIN and components is UnitStore.recordDonation.
   */
  recordPastDonation(donorId: string, donation: DonationRecordItem, actor: Actor): Promise<void>;
  addDeferral(donorId: string, deferral: DeferralItem, actor: Actor): Promise<void>;
  /** A first-time donor's group from their first tested donation; false when it was already known. */
  setBloodGroup(donorId: string, group: BloodGroup, actor: Actor): Promise<boolean>;
  /** Booked counts per time for a site and date. */
  slotBookings(site: string, date: string): Promise<Record<string, number>>;
  bookAppointment(
    input: {
      donorId: string;
      site: string;
      date: string;
      time: string;
      donationType: DonationType;
      capacity: number;
    },
    actor: Actor,
  ): Promise<BookingOutcome>;
  cancelAppointment(donorId: string, appointmentId: string, actor: Actor): Promise<CancelOutcome>;
}

export interface AuditPage {
  entries: AuditEntry[];
  /** Opaque; present when the day has more entries. */
  cursor?: string;
}

export interface AuditStore {
  auditByDay(day: string): Promise<AuditEntry[]>;
  auditByEntity(entityType: string, entityId: string): Promise<AuditEntry[]>;
  /** One page of a day's entries in time order, so exports stream instead of loading a day at once. */
  auditPage(day: string, options: { limit: number; cursor?: string }): Promise<AuditPage>;
  /** Records a change that lives outside the table (a document upload, an export) in the trail. */
  appendAudit(
    actor: Actor,
    entry: Pick<AuditEntry, 'action' | 'entityType' | 'entityId' | 'details'>,
  ): Promise<AuditEntry>;
}

export interface Store extends InventoryStore, DonorStore, AuditStore {}

/** A Slack user linked by an admin to a staff account; the link is the only way into the Slack door. */
export interface SlackLink {
  teamId: string;
  slackUserId: string;
  /** The staff account (its sign-in name) acting through Slack; the audit trail names it. */
  account: string;
  role: Extract<Role, 'staff' | 'admin'>;
  linkedBy: string;
  linkedAt: string;
}

export type LinkSubOutcome =
  | { ok: true }
  | { ok: false; reason: 'not_found' | 'donor_linked_elsewhere' | 'account_linked' };

/**
 * Identity and channel bookkeeping: account links (Cognito sub, Slack user), SMS opt-outs, and the
 * short-lived markers that make channel deliveries idempotent and rate limits shared across
 * containers. Kept apart from DonorStore so fulfillment's port does not grow channel concerns.
 */
export interface IdentityStore {
  /** Links a Cognito sub to an existing donor, with its SUB# lookup, in one transaction. */
  linkDonorSub(donorId: string, sub: string, actor: Actor): Promise<LinkSubOutcome>;
  slackLink(teamId: string, slackUserId: string): Promise<SlackLink | null>;
  linkSlackUser(link: Omit<SlackLink, 'linkedBy' | 'linkedAt'>, actor: Actor): Promise<SlackLink>;
  unlinkSlackUser(teamId: string, slackUserId: string, actor: Actor): Promise<boolean>;
  /** Opts a number out of every message we send, whether or not it belongs to a donor. */
  optOutPhone(phoneE164: string, actor: Actor): Promise<void>;
  optInPhone(phoneE164: string, actor: Actor): Promise<void>;
  isPhoneOptedOut(phoneE164: string): Promise<boolean>;
  /** True the first time a key is claimed within its time to live (deliveries handled once). */
  claimOnce(key: string, ttlSeconds: number): Promise<boolean>;
  /** Gives a claim back, so a delivery whose handling failed can be retried. */
  releaseClaim(key: string): Promise<void>;
  /** Counts one hit in the current fixed window; false when the window's limit is already used. */
  hitRateLimit(
    key: string,
    limit: number,
    windowSeconds: number,
  ): Promise<{ allowed: boolean; retryAfterSeconds: number }>;
}
