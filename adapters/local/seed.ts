/**
 * Demo data for the embedded default: two donation sites with appointment times, stock across every
 * group and component with real expiry dates (collected on past days, expiring per the policy's shelf
 * life), and a story told through the unit store: donations of seeded donors (the demo donor's two
 * earlier ones among them) released, issued, returned, moved, discarded, and three awaiting results. Deterministic, so demos and tests tell the same
 * story, and idempotent: it runs only on an empty table.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import { produceComponents } from '../../fulfillment/domain/components.js';
import { addDays } from '../../fulfillment/domain/dates.js';
import { makeDin } from '../../fulfillment/domain/din.js';
import type { Policy } from '../../fulfillment/domain/policy.js';
import { requiredMarkers } from '../../fulfillment/domain/release.js';
import { expiryDate } from '../../fulfillment/domain/shelfLife.js';
import { apply, type Unit, type UnitEvent } from '../../fulfillment/domain/unit.js';
import {
  BLOOD_GROUPS,
  type BloodGroup,
  COMPONENTS,
  type Component,
} from '../../fulfillment/domain/vocabulary.js';
import type { DynamoStore } from '../../fulfillment/store/dynamo/index.js';
import type { Actor, IdentityStore, Site } from '../../fulfillment/store/port.js';
import { collectedStoredUnit, receivedStoredUnit } from '../../fulfillment/store/storedUnits.js';
import type { DonationRecord, StoredUnit } from '../../fulfillment/store/unitPort.js';

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

/** Available units the story's donations leave on a line (`<site>#<group>#<component>`): bulk stock makes up the rest. */
const STORY_AVAILABLE: Record<string, number> = {
  'central#O-#plasma': 2, // the demo donor's two plasmas
  'central#O+#plasma': 1, // Jo's plasma
  'central#B+#red_cells': 1, // Alex's red cells: returned, restocked, moved to central
  'northside#B+#plasma': 1, // Alex's plasma
};

/**
 * The bulk of the demo stock: units received released from the regional blood service, as many per
 * line as the demo promises minus what the story's donations leave there, so the counts per site,
 * group and component stay exactly what stock checks and shortage alerts expect.
 */
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
        const bulk = count - (STORY_AVAILABLE[`${site.id}#${group}#${component}`] ?? 0);
        const life = policy.shelfLifeDays[component];
        for (let i = 0; i < count; i++) {
          // Collected somewhere in the first 80% of its life, so every seeded unit is still in date.
          // The generator and the DINs advance for every planned unit, so the bulk units are the same
          // whatever the story takes.
          const age = Math.floor(rnd() * life * 0.8);
          const din = makeDin('W1234', year, sequence++);
          if (i >= bulk) continue;
          const collectedOn = addDays(today, -age);
          units.push(
            receivedStoredUnit({
              din,
              group,
              component,
              site: site.id,
              receivedOn: collectedOn,
              expiresOn: expiryDate(component, collectedOn, policy),
              source: 'Regional Blood Service',
            }),
          );
        }
      }
    }
  }
  return units;
}

const SYSTEM: Actor = { userId: 'seed', role: 'admin', channel: 'system' };

/** A donor of the demo story (fictional names; phone numbers from the reserved 555-01xx range). */
interface StoryDonor {
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  phoneE164: string;
  bloodGroup: BloodGroup | 'unknown';
  homeSite: string;
}

/** What happened to one component after release: an event `daysAgo` days before today. */
interface StoryStep {
  daysAgo: number;
  code: 'red_cells' | 'plasma';
  event: UnitEvent;
}

interface StoryDonation {
  donor: StoryDonor | 'demo';
  daysAgo: number;
  site: string;
  /** Days ago the results came back negative; absent = still in quarantine, awaiting results. */
  releasedDaysAgo?: number;
  steps: StoryStep[];
}

const ST_MARYS = "St Mary's Hospital";
const CITY_GENERAL = 'City General Hospital';

const STORY_DONORS = {
  jo: {
    firstName: 'Jo',
    lastName: 'Patel',
    dateOfBirth: '1985-06-02',
    phoneE164: '+12025550141',
    bloodGroup: 'O+',
    homeSite: 'central',
  },
  sam: {
    firstName: 'Sam',
    lastName: 'Rivera',
    dateOfBirth: '1992-01-19',
    phoneE164: '+12025550142',
    bloodGroup: 'A+',
    homeSite: 'central',
  },
  alex: {
    firstName: 'Alex',
    lastName: 'Chen',
    dateOfBirth: '1978-09-30',
    phoneE164: '+12025550143',
    bloodGroup: 'B+',
    homeSite: 'northside',
  },
  priya: {
    firstName: 'Priya',
    lastName: 'Shah',
    dateOfBirth: '1996-11-11',
    phoneE164: '+12025550144',
    bloodGroup: 'A+',
    homeSite: 'central',
  },
  tom: {
    firstName: 'Tom',
    lastName: 'Okafor',
    dateOfBirth: '2004-04-04',
    phoneE164: '+12025550145',
    bloodGroup: 'unknown',
    homeSite: 'northside',
  },
  lee: {
    firstName: 'Lee',
    lastName: 'Morgan',
    dateOfBirth: '1969-02-27',
    phoneE164: '+12025550146',
    bloodGroup: 'B-',
    homeSite: 'central',
  },
} satisfies Record<string, StoryDonor>;

/**
 * The demo's story, in whole-blood donations: the demo donor's two earlier donations (red cells
 * issued to St Mary's, plasma still in stock: what a lookback on her finds), a return restocked and
 * moved between sites, a return discarded after too long out of storage, discards with reasons, and
 * three donations in quarantine awaiting results. Issues are older than the 7-day window, so days
 * of supply still reads the seeded issue history alone.
 */
const STORY: StoryDonation[] = [
  {
    donor: 'demo',
    daysAgo: 120,
    site: 'central',
    releasedDaysAgo: 119,
    steps: [{ daysAgo: 117, code: 'red_cells', event: { type: 'issue', consignee: ST_MARYS } }],
  },
  {
    donor: 'demo',
    daysAgo: 63,
    site: 'central',
    releasedDaysAgo: 62,
    steps: [{ daysAgo: 60, code: 'red_cells', event: { type: 'issue', consignee: ST_MARYS } }],
  },
  {
    donor: STORY_DONORS.jo,
    daysAgo: 25,
    site: 'central',
    releasedDaysAgo: 24,
    steps: [
      { daysAgo: 15, code: 'red_cells', event: { type: 'issue', consignee: ST_MARYS } },
      { daysAgo: 15, code: 'red_cells', event: { type: 'return' } },
      { daysAgo: 15, code: 'red_cells', event: { type: 'discard', reason: 'returned_out_of_storage' } },
    ],
  },
  {
    donor: STORY_DONORS.alex,
    daysAgo: 20,
    site: 'northside',
    releasedDaysAgo: 19,
    steps: [
      { daysAgo: 14, code: 'red_cells', event: { type: 'issue', consignee: CITY_GENERAL } },
      { daysAgo: 13, code: 'red_cells', event: { type: 'return' } },
      { daysAgo: 13, code: 'red_cells', event: { type: 'restock' } },
      { daysAgo: 6, code: 'red_cells', event: { type: 'transfer', toSite: 'central' } },
    ],
  },
  {
    donor: STORY_DONORS.sam,
    daysAgo: 10,
    site: 'central',
    releasedDaysAgo: 9,
    steps: [
      { daysAgo: 6, code: 'plasma', event: { type: 'discard', reason: 'temperature_excursion' } },
      { daysAgo: 4, code: 'red_cells', event: { type: 'discard', reason: 'damaged' } },
    ],
  },
  { donor: STORY_DONORS.lee, daysAgo: 1, site: 'central', steps: [] },
  { donor: STORY_DONORS.tom, daysAgo: 1, site: 'northside', steps: [] },
  { donor: STORY_DONORS.priya, daysAgo: 0, site: 'central', steps: [] },
];

/** Bulk units swapped between the sites over the week (one each way, so every site keeps its count). */
const SWAPS: Array<{ daysAgo: number; group: BloodGroup; component: Component }> = [
  { daysAgo: 6, group: 'O+', component: 'red_cells' },
  { daysAgo: 4, group: 'A+', component: 'plasma' },
  { daysAgo: 2, group: 'A+', component: 'red_cells' },
];

function changed(unit: StoredUnit, event: UnitEvent, on: string): Unit {
  const result = apply(unit, event, on);
  if (!result.ok) throw new Error(`demo story: ${unit.din} ${unit.code}: ${result.refusal.message}`);
  return result.unit;
}

/** Records the story's donations through the unit store and plays their events. Returns units written. */
async function seedStory(
  store: DynamoStore,
  today: string,
  policy: Policy,
  demoDonorId: string,
): Promise<number> {
  const year = Number(today.slice(2, 4));
  let written = 0;
  for (const [i, story] of STORY.entries()) {
    const donorId = story.donor === 'demo' ? demoDonorId : await registeredId(store, story.donor);
    const group = story.donor === 'demo' ? ('O-' as const) : story.donor.bloodGroup;
    const collectedOn = addDays(today, -story.daysAgo);
    // Sequences past the bulk stock's, so story DINs never collide with it.
    const din = makeDin('W1234', year, 900_000 + i);
    const units = produceComponents({ din, donationType: 'whole_blood', collectedOn, policy }).map((c) =>
      collectedStoredUnit(
        { ...c, group: group === 'unknown' ? null : group, site: story.site },
        collectedOn,
        donorId,
      ),
    );
    const donation: DonationRecord = {
      din,
      donorId,
      donationType: 'whole_blood',
      site: story.site,
      collectedAt: `${collectedOn}T10:00:00.000Z`,
      collectedOn,
      outcome: 'completed',
      codes: units.map((u) => u.code),
      screens: {},
      testedGroup: null,
      state: 'awaiting_results',
      version: 1,
    };
    const recorded = await store.recordDonation(donation, units, SYSTEM);
    // Already recorded (an interrupted seed running again): its events were played then.
    if (!recorded.ok || !recorded.donation) continue;
    written += units.length;
    if (story.releasedDaysAgo === undefined || group === 'unknown') continue;
    const releasedOn = addDays(today, -story.releasedDaysAgo);
    const screens = Object.fromEntries(requiredMarkers(policy, []).map((m) => [m, 'negative' as const]));
    let current = await mustSave(
      store,
      recorded.units.map((u) => ({ before: u, after: changed(u, { type: 'release', group }, releasedOn) })),
      { action: 'donation.released', entityType: 'donation', entityId: din, details: { site: story.site } },
      {
        before: recorded.donation,
        after: { ...recorded.donation, screens, testedGroup: group, state: 'released' },
      },
    );
    for (const step of story.steps) {
      const before = current.find((u) => u.code === step.code);
      if (!before) throw new Error(`demo story: ${din} has no ${step.code}`);
      const [after] = await mustSave(
        store,
        [{ before, after: changed(before, step.event, addDays(today, -step.daysAgo)) }],
        {
          action: `unit.${step.event.type}`,
          entityType: 'unit',
          entityId: `${din}#${step.code}`,
          details: { event: step.event.type },
        },
      );
      current = current.map((u) => (u.code === step.code && after ? after : u));
    }
  }
  return written;
}

/** Swaps bulk units between the sites, one each way per day of the week's transfers. */
async function seedTransfers(store: DynamoStore, bulk: StoredUnit[], today: string): Promise<void> {
  const used = new Set<string>();
  const pick = (site: string, swap: (typeof SWAPS)[number], on: string) => {
    const unit = bulk.find(
      (u) =>
        u.site === site &&
        u.group === swap.group &&
        u.component === swap.component &&
        u.collectedOn < on &&
        u.expiresOn > today &&
        !used.has(u.din),
    );
    if (unit) used.add(unit.din);
    return unit;
  };
  for (const swap of SWAPS) {
    const on = addDays(today, -swap.daysAgo);
    const out = pick('central', swap, on);
    const back = pick('northside', swap, on);
    if (!out || !back) continue;
    const current = [await store.unit(out.din, out.code), await store.unit(back.din, back.code)];
    if (!current[0] || !current[1] || current.some((u) => u?.status !== 'available' || u.version !== 1))
      continue;
    const [a, b] = current as [StoredUnit, StoredUnit];
    await mustSave(
      store,
      [
        { before: a, after: changed(a, { type: 'transfer', toSite: 'northside' }, on) },
        { before: b, after: changed(b, { type: 'transfer', toSite: 'central' }, on) },
      ],
      {
        action: 'units.transferred',
        entityType: 'stock',
        entityId: `${swap.group}#${swap.component}`,
        details: { on },
      },
    );
  }
}

async function mustSave(
  store: DynamoStore,
  changes: Parameters<DynamoStore['saveChanges']>[0],
  audit: Parameters<DynamoStore['saveChanges']>[1],
  donation?: Parameters<DynamoStore['saveChanges']>[3],
): Promise<StoredUnit[]> {
  const outcome = await store.saveChanges(changes, audit, SYSTEM, donation);
  if (!outcome.ok) throw new Error(`demo story: ${audit.entityId}: ${outcome.reason}`);
  return outcome.units;
}

async function registeredId(store: DynamoStore, donor: StoryDonor): Promise<string> {
  const registered = await store.registerDonor(donor, SYSTEM);
  if (registered.ok) return registered.donor.donorId;
  const id = await store.donorIdByPhone(donor.phoneE164);
  if (!id) throw new Error('demo story: a story donor could not be registered');
  return id;
}

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
  // The story: donations of seeded donors (the demo donor's two among them), then the week's transfers.
  let storyUnits = 0;
  if (registered.ok) {
    storyUnits = await seedStory(store, options.today, options.policy, registered.donor.donorId);
    await seedTransfers(store, units, options.today);
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
  return { seeded: true, units: units.length + storyUnits, demoDonorId: donorId };
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
