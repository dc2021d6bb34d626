/**
 * Bulk fixtures for the benches, written straight to the table with BatchWriteItem (25 items a
 * request, several requests in flight): going through the store would cost one transaction per unit
 * or donor, far too slow for 100,000. Items have exactly the shape the store writes (same key
 * builders, the store's own unitItem), and stock counters are raised by the units added, so allocation sees consistent stock.
 */
import { BatchWriteCommand, type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
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
import type { PhoneHasher } from '../../fulfillment/privacy.js';
import { donorTargetKeys, keys } from '../../fulfillment/store/dynamo/keys.js';
import { unitItem } from '../../fulfillment/store/dynamo/unitWrites.js';
import type { DonorRecord } from '../../fulfillment/store/port.js';
import { receivedStoredUnit } from '../../fulfillment/store/storedUnits.js';
import type { StoredUnit } from '../../fulfillment/store/unitPort.js';
import { pool } from './stats.js';

type Item = Record<string, unknown>;

const BATCH = 25;

export async function batchPut(
  doc: DynamoDBDocumentClient,
  table: string,
  items: Item[],
  parallel = 8,
): Promise<void> {
  const batches = Math.ceil(items.length / BATCH);
  await pool(batches, parallel, async (b) => {
    let requests = items.slice(b * BATCH, (b + 1) * BATCH).map((Item) => ({ PutRequest: { Item } }));
    for (let attempt = 0; requests.length > 0; attempt++) {
      if (attempt > 8) throw new Error(`BatchWrite kept returning ${requests.length} unprocessed items`);
      if (attempt > 0) await new Promise((r) => setTimeout(r, 20 * 2 ** attempt));
      const out = await doc.send(new BatchWriteCommand({ RequestItems: { [table]: requests } }));
      requests = (out.UnprocessedItems?.[table] ?? []) as typeof requests;
    }
  });
}

export interface UnitSpec {
  count: number;
  /** Facility code of the DINs, so bench units never collide with the demo's. */
  facility: string;
  firstSequence: number;
  today: string;
  policy: Policy;
  sites: string[];
  /** Only this group and component (the request bench); all of them, evenly, when absent. */
  only?: { group: BloodGroup; component: Component; site: string };
}

export function benchUnits(spec: UnitSpec): StoredUnit[] {
  const year = Number(spec.today.slice(2, 4));
  return Array.from({ length: spec.count }, (_, k) => {
    const i = spec.firstSequence + k;
    const group = spec.only?.group ?? BLOOD_GROUPS[Math.floor(i / 10) % BLOOD_GROUPS.length]!;
    const component = spec.only?.component ?? COMPONENTS[Math.floor(i / 2) % COMPONENTS.length]!;
    const site = spec.only?.site ?? spec.sites[i % spec.sites.length]!;
    const life = spec.policy.shelfLifeDays[component];
    // Spread over the first 80% of shelf life (deterministically), so every unit is in date.
    const collectedOn = addDays(spec.today, -((i * 7919) % Math.max(1, Math.floor(life * 0.8))));
    // Received on the day it was collected elsewhere: available, with its one-entry history.
    return receivedStoredUnit({
      din: makeDin(spec.facility, year, i),
      group,
      component,
      site,
      receivedOn: collectedOn,
      expiresOn: expiryDate(component, collectedOn, spec.policy),
      source: 'bench',
    });
  });
}

/** Writes the units and raises each stock counter by the units added to it. */
export async function addUnits(
  doc: DynamoDBDocumentClient,
  table: string,
  units: StoredUnit[],
): Promise<void> {
  await batchPut(doc, table, units.map(unitItem));
  const counters = new Map<string, { unit: StoredUnit; n: number }>();
  for (const unit of units) {
    const k = `${unit.site}#${unit.group}#${unit.component}`;
    const c = counters.get(k) ?? { unit, n: 0 };
    c.n += 1;
    counters.set(k, c);
  }
  await pool(counters.size, 8, async (i) => {
    const { unit, n } = [...counters.values()][i]!;
    await doc.send(
      new UpdateCommand({
        TableName: table,
        Key: keys.stock(unit.site, unit.group!, unit.component),
        // As the store writes counters: the key carries site, group and component.
        UpdateExpression: 'ADD available :n',
        ExpressionAttributeValues: { ':n': n },
      }),
    );
  });
}

export function benchDonorId(prefix: string, i: number): string {
  return `${prefix}-${String(i).padStart(6, '0')}`;
}

/**
 * Donors as registration writes them (profile and phone lookup). The first `withHistory` of them
 * (all by default) also get one whole-blood donation `lastDonationDaysAgo` days back, so eligibility
 * and booking have a history to read; the rest of a large population skips it to seed faster.
 */
export async function addDonors(
  doc: DynamoDBDocumentClient,
  table: string,
  options: {
    prefix: string;
    from: number;
    count: number;
    today: string;
    hashPhone: PhoneHasher;
    /** Added to the index to make the phone number, so pools of donors never share one. */
    phoneBase: number;
    withHistory?: number;
    lastDonationDaysAgo?: number;
  },
): Promise<string[]> {
  const ids: string[] = [];
  const items: Item[] = [];
  for (let i = options.from; i < options.from + options.count; i++) {
    const donorId = benchDonorId(options.prefix, i);
    // An unassigned area code (999): fictional numbers, distinct per donor.
    const phoneE164 = `+1999${String(options.phoneBase + i).padStart(7, '0')}`;
    const phoneHash = options.hashPhone(phoneE164);
    const record: DonorRecord = {
      donorId,
      firstName: 'Bench',
      lastName: 'Donor',
      dateOfBirth: '1985-06-15',
      phoneE164,
      bloodGroup: BLOOD_GROUPS[i % BLOOD_GROUPS.length]!,
      homeSite: 'central',
      smsOptIn: true,
      createdAt: `${options.today}T00:00:00.000Z`,
    };
    items.push(
      // Same keys as registration, including the shortage-alert targeting index (GSI1).
      {
        ...keys.donor(donorId),
        ...donorTargetKeys(record.bloodGroup, donorId),
        type: 'donor',
        phoneHash,
        ...record,
      },
      { ...keys.lookup('PHONE', phoneHash), type: 'lookup', donorId },
    );
    if (i - options.from < (options.withHistory ?? options.count)) {
      const date = addDays(options.today, -(options.lastDonationDaysAgo ?? 100));
      items.push({
        ...keys.donation(donorId, date, 'bench'),
        type: 'donation',
        date,
        donationType: 'whole_blood',
      });
    }
    ids.push(donorId);
  }
  await batchPut(doc, table, items);
  return ids;
}
