/**
 * Shortage alert ids. An id starts with a code of its group, so an id alone (the SMS context
 * attribute, a Slack command) says which group's alert it is, and ids of one group sort by start
 * time. Pure: the alert use cases make ids, the store locates items by them.
 */
import type { BloodGroup } from './vocabulary.js';

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

/** The group an alert id belongs to; null for an id we did not make. */
export function groupOfAlertId(alertId: string): BloodGroup | null {
  return CODE_GROUP.get(alertId.split('-')[0] ?? '') ?? null;
}
