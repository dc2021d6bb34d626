/**
 * Demo data for the embedded default: two donation sites with appointment times, stock across every
 * group and component with real expiry dates (collected on past days, expiring per the policy's shelf
 * life), and a demo donor with a donation history. Deterministic, so demos and tests tell the same
 * story, and idempotent: it runs only on an empty table.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import { addDays } from '../../fulfillment/domain/dates.js';
import { makeDin } from '../../fulfillment/domain/din.js';
import type { Policy } from '../../fulfillment/domain/policy.js';
import { expiryDate } from '../../fulfillment/domain/shelfLife.js';
import {
  BLOOD_GROUPS,
  type BloodGroup,
  COMPONENTS,
  type Component,
} from '../../fulfillment/domain/vocabulary.js';
import type { DynamoStore } from '../../fulfillment/store/dynamo/index.js';
import type { Actor, IdentityStore, Site } from '../../fulfillment/store/port.js';
import { receivedStoredUnit } from '../../fulfillment/store/storedUnits.js';
import type { StoredUnit } from '../../fulfillment/store/unitPort.js';

export const DEMO_SITES: Site[] = [
  {
    id: 'central',
    name: 'Central Donor Centre',
    address: '1 Infirmary Street',
    slotTimes: [
      '09:00',
      '09:30',
      '10:00',
      '10:30',
      '11:00',
      '11:30',
      '13:00',
      '13:30',
      '14:00',
      '14:30',
      '15:00',
      '15:30',
      '16:00',
    ],
    slotCapacity: 3,
    openDays: [1, 2, 3, 4, 5, 6],
  },
  {
    id: 'northside',
    name: 'Northside Donor Centre',
    address: '24 North Road',
    slotTimes: ['10:00', '11:00', '12:00', '14:00', '15:00', '16:00', '17:00', '18:00'],
    slotCapacity: 2,
    openDays: [1, 2, 3, 4, 5],
  },
];

/** The demo donor's phone number: a reserved fictional range, never a real subscriber. */
export const DEMO_DONOR_PHONE = '+12025550123';

/** The local Cognito user who owns the demo donor record. */
export const DEMO_DONOR_USERNAME = 'donor@example.org';

/**
 * Units per group at the central site for red cells; other components and sites scale from it.
 * O− is deliberately thin so the demo shows a low level.
 */
const RED_CELLS_CENTRAL: Record<BloodGroup, number> = {
  'O+': 38,
  'O-': 9,
  'A+': 34,
  'A-': 8,
  'B+': 10,
  'B-': 4,
  'AB+': 5,
  'AB-': 3,
};
const COMPONENT_SCALE: Record<Component, number> = {
  red_cells: 1,
  whole_blood: 0.1,
  platelets: 0.3,
  plasma: 0.8,
  cryo: 0.25,
};
const SITE_SCALE: Record<string, number> = { central: 1, northside: 0.4 };

/**
 * Red-cell units issued per day over the last week, per group. O− is issued beyond its share (it is
 * the emergency type), which is why the demo shows it low: about 13 units for about 7 a day.
 */
const DAILY_RED_CELL_ISSUES: Record<BloodGroup, number> = {
  'O+': 9,
  'O-': 7,
  'A+': 8,
  'A-': 2,
  'B+': 3,
  'B-': 1,
  'AB+': 1,
  'AB-': 1,
};

/** A small deterministic generator (mulberry32) so every seed is the same. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function demoUnits(today: string, policy: Policy): StoredUnit[] {
  const rnd = random(20261124);
  const units: StoredUnit[] = [];
  let sequence = 1;
  const year = Number(today.slice(2, 4));
  for (const site of DEMO_SITES) {
    for (const component of COMPONENTS) {
      for (const group of BLOOD_GROUPS) {
        const count = Math.max(
          1,
          Math.round(RED_CELLS_CENTRAL[group] * COMPONENT_SCALE[component] * SITE_SCALE[site.id]!),
        );
        const life = policy.shelfLifeDays[component];
        for (let i = 0; i < count; i++) {
          // Collected somewhere in the first 80% of its life, so every seeded unit is still in date.
          const age = Math.floor(rnd() * life * 0.8);
          const collectedOn = addDays(today, -age);
          units.push(
            receivedStoredUnit({
              din: makeDin('W1234', year, sequence++),
              group,
              component,
              site: site.id,
              receivedOn: collectedOn,
              expiresOn: expiryDate(component, collectedOn, policy),
              source: 'demo',
            }),
          );
        }
      }
    }
  }
  return units;
}

const SYSTEM: Actor = { userId: 'seed', role: 'admin', channel: 'system' };

export interface SeedResult {
  seeded: boolean;
  units: number;
  demoDonorId: string | null;
}

export async function seedDemo(
  store: DynamoStore,
  options: { today: string; policy: Policy; demoDonorSub?: string },
): Promise<SeedResult> {
  if (await store.site(DEMO_SITES[0]!.id)) {
    return { seeded: false, units: 0, demoDonorId: await store.donorIdByPhone(DEMO_DONOR_PHONE) };
  }
  const units = demoUnits(options.today, options.policy);
  await store.receiveUnits(units, SYSTEM);
  const registered = await store.registerDonor(
    {
      firstName: 'Dana',
      lastName: 'Donor',
      dateOfBirth: '1990-03-12',
      phoneE164: DEMO_DONOR_PHONE,
      bloodGroup: 'O-',
      homeSite: 'central',
      ...(options.demoDonorSub ? { cognitoSub: options.demoDonorSub } : {}),
    },
    SYSTEM,
  );
  const donorId = registered.ok ? registered.donor.donorId : await store.donorIdByPhone(DEMO_DONOR_PHONE);
  if (registered.ok) {
    await store.recordPastDonation(
      registered.donor.donorId,
      { date: addDays(options.today, -120), type: 'whole_blood' },
      SYSTEM,
    );
    await store.recordPastDonation(
      registered.donor.donorId,
      { date: addDays(options.today, -63), type: 'whole_blood' },
      SYSTEM,
    );
  }
  for (let d = 1; d <= 7; d++) {
    const day = addDays(options.today, -d);
    for (const group of BLOOD_GROUPS) {
      for (const component of COMPONENTS) {
        const issued = Math.round(DAILY_RED_CELL_ISSUES[group] * COMPONENT_SCALE[component]);
        if (issued > 0) await store.inventory.recordIssues(day, group, component, issued, SYSTEM);
      }
    }
  }
  // Sites last: their presence marks the seed as complete, so an interrupted seed runs again.
  for (const site of DEMO_SITES) await store.inventory.putSite(site);
  return { seeded: true, units: units.length, demoDonorId: donorId };
}

/**
 * Links the demo donor to the local Cognito's demo user when the seed ran without it (an older data
 * directory, or a reset Cognito). Idempotent; a donor already linked to another account is left alone.
 */
export async function linkDemoDonor(
  identity: Pick<IdentityStore, 'linkDonorSub'>,
  donorId: string,
  sub: string,
  logger: Pick<Logger, 'warn'>,
): Promise<void> {
  const outcome = await identity.linkDonorSub(donorId, sub, SYSTEM);
  if (!outcome.ok) logger.warn('demo donor not linked to the demo account', { reason: outcome.reason });
}
