/**
 * The donor population for `npm run bench:alerts`, written straight to DynamoDB Local with
 * BatchWriteItem (25 items a call) in the exact item shapes the store writes, so targeting reads
 * what production would read, without paying registration's per-donor transactions while seeding.
 *
 * Mix of the compatible (O−) population, deterministic: eligible and reachable, donated 10 days ago
 * (ineligible), said STOP, alerted 3 days ago, already booked; plus incompatible O+ donors, who sit
 * in another index partition and must cost nothing.
 */
import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { addDays } from '../../fulfillment/domain/dates.js';
import type { BloodGroup } from '../../fulfillment/domain/vocabulary.js';
import { donorTargetKeys, keys } from '../../fulfillment/store/dynamo/keys.js';

export const MIX = {
  eligible: 0.75,
  recentDonation: 0.1,
  optedOut: 0.05,
  recentlyAlerted: 0.05,
  booked: 0.05,
};
export type Kind = keyof typeof MIX;

export interface SeededPopulation {
  compatible: number;
  incompatible: number;
  byKind: Record<Kind, number>;
  items: number;
}

function kindOf(i: number): Kind {
  // Spread evenly through the population rather than in blocks, as real data would be.
  const r = (i * 0.6180339887) % 1;
  let edge = 0;
  for (const [kind, share] of Object.entries(MIX) as Array<[Kind, number]>) {
    edge += share;
    if (r < edge) return kind;
  }
  return 'eligible';
}

function donorItems(i: number, group: BloodGroup, kind: Kind, today: string): Record<string, unknown>[] {
  const donorId = `bench-${group === 'O-' ? 'n' : 'p'}-${String(i).padStart(7, '0')}`;
  const phoneE164 = `+1555${String(i + (group === 'O-' ? 0 : 5_000_000)).padStart(7, '0')}`;
  const phoneHash = `h${donorId}`;
  const profile: Record<string, unknown> = {
    ...keys.donor(donorId),
    ...donorTargetKeys(group, donorId),
    type: 'donor',
    phoneHash,
    donorId,
    firstName: 'Bench',
    lastName: 'Donor',
    dateOfBirth: '1980-01-01',
    phoneE164,
    bloodGroup: group,
    homeSite: i % 3 === 0 ? 'northside' : 'central',
    smsOptIn: kind !== 'optedOut',
    createdAt: '2025-01-01T00:00:00Z',
  };
  const lastDonation = kind === 'recentDonation' ? addDays(today, -10) : addDays(today, -100 - (i % 200));
  const items: Record<string, unknown>[] = [
    profile,
    {
      ...keys.donation(donorId, lastDonation, `d${i}`),
      type: 'donation',
      date: lastDonation,
      donationType: 'whole_blood',
    },
  ];
  if (kind === 'optedOut')
    items.push({ ...keys.smsOptOut(phoneHash), type: 'sms_optout', at: '2026-01-01T00:00:00Z' });
  if (kind === 'recentlyAlerted') {
    const on = addDays(today, -3);
    profile.lastAlertedOn = on;
    profile.gsi1sk = keys.targetSort(addDays(on, 14), donorId);
  }
  if (kind === 'booked') {
    const date = addDays(today, 2);
    items.push(
      { ...keys.activeAppointment(donorId), type: 'active', appointmentId: `a${i}`, date },
      {
        ...keys.appointment(donorId, date, '10:00', `a${i}`),
        type: 'appointment',
        appointmentId: `a${i}`,
        donorId,
        site: 'central',
        date,
        time: '10:00',
        donationType: 'whole_blood',
        status: 'booked',
        createdAt: '2026-11-01T00:00:00Z',
      },
    );
  }
  return items;
}

async function writeAll(doc: DynamoDBDocumentClient, table: string, items: Record<string, unknown>[]) {
  const chunks: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += 25) chunks.push(items.slice(i, i + 25));
  let next = 0;
  const worker = async () => {
    while (next < chunks.length) {
      let request: Record<string, Array<{ PutRequest: { Item: Record<string, unknown> } }>> | undefined = {
        [table]: chunks[next++]!.map((Item) => ({ PutRequest: { Item } })),
      };
      while (request && Object.keys(request).length > 0) {
        const out = await doc.send(new BatchWriteCommand({ RequestItems: request }));
        request = out.UnprocessedItems as typeof request;
      }
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
}

export async function seedPopulation(
  doc: DynamoDBDocumentClient,
  table: string,
  compatible: number,
  today: string,
): Promise<SeededPopulation> {
  const byKind: Record<Kind, number> = {
    eligible: 0,
    recentDonation: 0,
    optedOut: 0,
    recentlyAlerted: 0,
    booked: 0,
  };
  const items: Record<string, unknown>[] = [];
  for (let i = 0; i < compatible; i++) {
    const kind = kindOf(i);
    byKind[kind] += 1;
    items.push(...donorItems(i, 'O-', kind, today));
  }
  const incompatible = Math.round(compatible * 0.2);
  for (let i = 0; i < incompatible; i++) items.push(...donorItems(i, 'O+', 'eligible', today));
  await writeAll(doc, table, items);
  return { compatible, incompatible, byKind, items: items.length };
}
