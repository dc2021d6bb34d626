/**
 * Every key of the single table, built in one place: the stores build and parse keys only through
 * this module, so a writer and its reader can never disagree on a prefix. The design (which entity
 * sits under which key, and why) is the table at the top of ../table.ts; keep the two in step.
 */
import type { BloodGroup } from '../../domain/vocabulary.js';

type Key = { pk: string; sk: string };

/** A never-alerted donor's place in the targeting index: sorts first, so they are asked first. */
export const NEVER = '0000-00-00';

const META = 'META';
const LOOKUP = 'LOOKUP';
/** Stock counters sort after the issue days in their component's partition ('~' > 'I'). */
const COUNTER = '~AVAIL#';
const ISSUED = 'ISSUED#';

/** What a donor partition holds, by sort key (one Query reads the whole donor file). */
export const DONOR_ITEMS = {
  profile: 'PROFILE',
  donation: 'DONATION#',
  deferral: 'DEFERRAL#',
  appointment: 'APPT#',
} as const;

const donorPk = (donorId: string) => `DONOR#${donorId}`;
const stockPk = (component: string) => `STOCK#${component}`;
const alertPk = (group: BloodGroup) => `ALERT#${group}`;
const auditPk = (day: string) => `AUDIT#${day}`;
const unitPk = (din: string) => `UNIT#${din}`;
const UNIT_ITEM = 'C#';

export type ActivityKind = 'collections' | 'discards' | 'issues';

export const keys = {
  // Sites: one item each, listed through GSI1's SITES partition.
  site: (id: string): Key => ({ pk: `SITE#${id}`, sk: META }),
  sitesIndex: (id: string) => ({ gsi1pk: 'SITES', gsi1sk: id }),
  sitesPartition: 'SITES',

  // One partition per component holds its counters and its issue history, so a stock check is one
  // Query (sk >= ISSUED#<first day of the window>): issue days sort first, counters last.
  stockPartition: stockPk,
  stock: (site: string, group: string, component: string): Key => ({
    pk: stockPk(component),
    sk: `${COUNTER}${site}#${group}`,
  }),
  /** Sort-key prefix of the counters: every site's, or one site's. */
  stockPrefix: (site?: string) => (site ? `${COUNTER}${site}#` : COUNTER),
  issues: (day: string, component: string): Key => ({ pk: stockPk(component), sk: `${ISSUED}${day}` }),
  issuesSort: (day: string) => `${ISSUED}${day}`,

  // Units: one partition per DIN, one item per component code (its history inline), so every
  // component of a donation is one Query. FEFO through the sparse GSI1 (present only while the unit is
  // available); GSI2 indexes every unit by status and site, earliest expiry first.
  unitPartition: unitPk,
  unitPrefix: UNIT_ITEM,
  unit: (din: string, code: string): Key => ({ pk: unitPk(din), sk: `${UNIT_ITEM}${code}` }),
  availableIndex: (site: string, group: string, component: string) => `AVAIL#${site}#${group}#${component}`,
  availableSort: (expiresOn: string, din: string, code: string) => `${expiresOn}#${din}#${code}`,
  unitStatusIndex: (status: string, site: string) => `UNITS#${status}#${site}`,
  unitStatusSort: (expiresOn: string, din: string, code: string) => `${expiresOn}#${din}#${code}`,

  // A donation (DIN): its record, conditional on the DIN being new. The donor's partition also holds
  // a DONATION#<date>#<din> item (keys.donation), so their donations are one Query.
  donationRecord: (din: string): Key => ({ pk: `DONATION#${din}`, sk: META }),

  // Issues with their units, per month partition, sorted by day: the distribution record (recall,
  // lookback, reports) without a Scan. One item per transaction and consignee.
  issueRecordPartition: (month: string) => `ISSUES#${month}`,
  issueRecord: (day: string, ref: string): Key => ({ pk: `ISSUES#${day.slice(0, 7)}`, sk: `${day}#${ref}` }),

  // Activity counters per day (collections per site, discards per reason/component, issues per
  // hospital/component), one item per day and kind, in a month partition.
  activityPartition: (month: string) => `ACTIVITY#${month}`,
  activity: (day: string, kind: ActivityKind): Key => ({
    pk: `ACTIVITY#${day.slice(0, 7)}`,
    sk: `${day}#${kind}`,
  }),
  /** The upper bound of a day range over `<day>#...` sort keys ('~' sorts after every key character). */
  dayRangeEnd: (day: string) => `${day}#~`,

  // A donor's partition: profile, history, appointments, the booking guard and a pending appeal.
  donorPartition: donorPk,
  donor: (donorId: string): Key => ({ pk: donorPk(donorId), sk: DONOR_ITEMS.profile }),
  donation: (donorId: string, date: string, id: string): Key => ({
    pk: donorPk(donorId),
    sk: `${DONOR_ITEMS.donation}${date}#${id}`,
  }),
  deferral: (donorId: string, until: string, id: string): Key => ({
    pk: donorPk(donorId),
    sk: `${DONOR_ITEMS.deferral}${until}#${id}`,
  }),
  appointment: (donorId: string, date: string, time: string, appointmentId: string): Key => ({
    pk: donorPk(donorId),
    sk: `${DONOR_ITEMS.appointment}${date}#${time}#${appointmentId}`,
  }),
  activeAppointment: (donorId: string): Key => ({ pk: donorPk(donorId), sk: 'ACTIVE_APPT' }),
  pendingAlert: (donorId: string): Key => ({ pk: donorPk(donorId), sk: 'PENDING_ALERT' }),

  // Unique lookups, written with attribute_not_exists so a phone or an account maps to one donor.
  lookup: (kind: 'SUB' | 'PHONE' | 'SLACK', value: string): Key => ({ pk: `${kind}#${value}`, sk: LOOKUP }),
  slackLink: (teamId: string, slackUserId: string): Key => keys.lookup('SLACK', `${teamId}#${slackUserId}`),

  slotPartition: (site: string, date: string) => `SLOT#${site}#${date}`,
  slot: (site: string, date: string, time: string): Key => ({ pk: keys.slotPartition(site, date), sk: time }),

  request: (id: string): Key => ({ pk: `REQUEST#${id}`, sk: META }),
  requestStatusIndex: (status: string, createdAt: string, id: string) => ({
    gsi1pk: `REQSTATUS#${status}`,
    gsi1sk: `${createdAt}#${id}`,
  }),

  // Thresholds set by admins: one CONFIG partition, read in one Query.
  configPartition: 'CONFIG',
  thresholdsPrefix: 'THRESHOLDS#',
  thresholds: (group: BloodGroup): Key => ({ pk: 'CONFIG', sk: `THRESHOLDS#${group}` }),

  // Shortage alerts: a group's partition holds its state, its dedupe windows and its episodes.
  alertState: (group: BloodGroup): Key => ({ pk: alertPk(group), sk: 'STATE' }),
  alertWindow: (group: BloodGroup, level: string): Key => ({ pk: alertPk(group), sk: `WINDOW#${level}` }),
  alertPartition: alertPk,
  alertPrefix: 'AL#',
  alert: (group: BloodGroup, alertId: string): Key => ({ pk: alertPk(group), sk: `AL#${alertId}` }),

  // The donor profile's sparse GSI1: donors of a group, by the first day they may be appealed to.
  targetPartition: (group: BloodGroup) => `SMSDONOR#${group}`,
  targetSort: (notBefore: string, donorId: string) => `${notBefore}#${donorId}`,

  smsOptOut: (phoneHash: string): Key => ({ pk: `SMSOPTOUT#${phoneHash}`, sk: META }),

  // Audit entries: by day (pk) and by entity (GSI2), both in time order.
  auditPartition: auditPk,
  audit: (at: string, auditId: string) => ({
    pk: auditPk(at.slice(0, 10)),
    sk: `${at}#${auditId}`,
  }),
  auditEntityPartition: (entityType: string, entityId: string) => `ENTITY#${entityType}#${entityId}`,
  auditEntity: (at: string, auditId: string, entityType: string, entityId: string) => ({
    gsi2pk: keys.auditEntityPartition(entityType, entityId),
    gsi2sk: `${at}#${auditId}`,
  }),

  // Short-lived markers, expiring through the TTL attribute.
  dedupe: (key: string): Key => ({ pk: `DEDUPE#${key}`, sk: META }),
  rateWindow: (key: string, windowStart: number): Key => ({ pk: `RATE#${key}#${windowStart}`, sk: META }),
};

/**
 * The GSI1 keys a new donor profile carries so shortage appeals can find it. Unknown group: no keys,
 * so the donor is not in the index at all.
 */
export function donorTargetKeys(
  bloodGroup: BloodGroup | 'unknown',
  donorId: string,
): { gsi1pk: string; gsi1sk: string } | Record<string, never> {
  if (bloodGroup === 'unknown') return {};
  return { gsi1pk: keys.targetPartition(bloodGroup), gsi1sk: keys.targetSort(NEVER, donorId) };
}

/** What a counter's or an issue day's key says: the facts live in the keys, keeping items small. */
export const parseKeys = {
  /** `STOCK#<component>` / `~AVAIL#<site>#<group>` → its line. */
  stockCounter(item: { pk: string; sk: string }): { site: string; group: string; component: string } {
    const [site = '', group = ''] = item.sk.slice(COUNTER.length).split('#');
    return { site, group, component: item.pk.slice('STOCK#'.length) };
  },
  isStockCounter: (pk: string, sk: string) => pk.startsWith('STOCK#') && sk.startsWith(COUNTER),
  /** `STOCK#<component>` / `ISSUED#<day>` → the day and component. */
  issueDay: (item: { pk: string; sk: string }) => ({
    day: item.sk.slice(ISSUED.length),
    component: item.pk.slice('STOCK#'.length),
  }),
  phoneHashOfOptOut: (pk: string) => pk.slice('SMSOPTOUT#'.length),
};
