/**
 * Keys of the shortage-alert items, beside the ones in ../table.ts (CONFIG/THRESHOLDS# comes from
 * there). Everything is read by key or by a sparse GSI1 partition; nothing scans.
 *
 *   entity               pk                 sk                   GSI1 (gsi1pk / gsi1sk)
 *   group alert state    ALERT#<group>      STATE                                                    openAlertId
 *   dedupe window        ALERT#<group>      WINDOW#<level>                                           until; TTL expiresAt
 *   alert (episode)      ALERT#<group>      AL#<alertId>                                             counts, cap, delivery
 *   donor profile        DONOR#<id>         PROFILE              SMSDONOR#<group> / <notBefore>#<id>  (sparse: known group)
 *   pending appeal       DONOR#<id>         PENDING_ALERT                                            TTL expiresAt
 *
 * The donor index is sparse: only profiles with a known blood group carry GSI1 keys. `notBefore` is
 * the first day the donor may be appealed to again (after the quiet period, or when a deferral or
 * donation interval ends); a query for `gsi1sk < <tomorrow>` returns exactly the donors contactable
 * today, least recently alerted first. Alert ids start with a code of their group, so an id alone
 * (the SMS context attribute) locates its item, and ids of one group sort by start time.
 */
import type { BloodGroup } from '../../domain/vocabulary.js';

const GROUP_CODE: Record<BloodGroup, string> = {
  'O+': 'OPOS',
  'O-': 'ONEG',
  'A+': 'APOS',
  'A-': 'ANEG',
  'B+': 'BPOS',
  'B-': 'BNEG',
  'AB+': 'ABPOS',
  'AB-': 'ABNEG',
};
const CODE_GROUP = new Map(Object.entries(GROUP_CODE).map(([g, c]) => [c, g as BloodGroup]));

/** `ONEG-20261124T100000-3f9a1c`: group, start time, randomness. */
export function makeAlertId(group: BloodGroup, startedAt: string, random: string): string {
  const compact = startedAt
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, '')
    .replace(/Z$/, '');
  return `${GROUP_CODE[group]}-${compact}-${random}`;
}

export function groupOfAlertId(alertId: string): BloodGroup | null {
  return CODE_GROUP.get(alertId.split('-')[0] ?? '') ?? null;
}

/** Before any alert: sorts first, so never-alerted donors are asked first. */
export const NEVER = '0000-00-00';
/** A donor who can never donate again on the data we hold: sorts after every real date. */
export const NEVER_AGAIN = '9999-12-31';

export const alertKeys = {
  thresholds: (group: BloodGroup) => ({ pk: 'CONFIG', sk: `THRESHOLDS#${group}` }),
  state: (group: BloodGroup) => ({ pk: `ALERT#${group}`, sk: 'STATE' }),
  window: (group: BloodGroup, level: string) => ({ pk: `ALERT#${group}`, sk: `WINDOW#${level}` }),
  alert: (group: BloodGroup, alertId: string) => ({ pk: `ALERT#${group}`, sk: `AL#${alertId}` }),
  pending: (donorId: string) => ({ pk: `DONOR#${donorId}`, sk: 'PENDING_ALERT' }),
  optOut: (phoneHash: string) => ({ pk: `SMSOPTOUT#${phoneHash}`, sk: 'META' }),
  targetPartition: (group: BloodGroup) => `SMSDONOR#${group}`,
  targetSort: (notBefore: string, donorId: string) => `${notBefore}#${donorId}`,
};

/**
 * The GSI1 keys a new donor profile carries so shortage appeals can find it (donors.ts adds them at
 * registration). Unknown group: no keys, so the donor is not in the index at all.
 */
export function donorTargetKeys(
  bloodGroup: BloodGroup | 'unknown',
  donorId: string,
): { gsi1pk: string; gsi1sk: string } | Record<string, never> {
  if (bloodGroup === 'unknown') return {};
  return { gsi1pk: alertKeys.targetPartition(bloodGroup), gsi1sk: alertKeys.targetSort(NEVER, donorId) };
}
