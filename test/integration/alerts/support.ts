/**
 * A small world for alert tests on DynamoDB Local: one site, O− red cells with a week of issues, a
 * settable clock, and the alert use cases wired to recording fakes at the SNS/Slack boundary.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { addDays } from '../../../fulfillment/domain/dates.js';
import { policyFor } from '../../../fulfillment/domain/policy.js';
import type { BloodGroup } from '../../../fulfillment/domain/vocabulary.js';
import { DynamoAlertStore } from '../../../fulfillment/store/dynamo/alerts.js';
import type { DynamoStore } from '../../../fulfillment/store/dynamo/index.js';
import type { Actor } from '../../../fulfillment/store/port.js';
import type { StoredUnit } from '../../../fulfillment/store/unitPort.js';
import type { AlertDeps, AppealSms, StaffNotice } from '../../../fulfillment/usecases/alerts/port.js';
import { DEFAULT_ALERT_SETTINGS } from '../../../fulfillment/usecases/alerts/rules.js';
import { createTestStore } from '../../support/store.js';
import { received } from '../../support/units.js';

export const ADMIN: Actor = { userId: 'admin-1', role: 'admin', channel: 'local' };

export interface World {
  store: DynamoStore;
  alerts: DynamoAlertStore;
  clock: { now: Date };
  sent: AppealSms[];
  notices: StaffNotice[];
  deps: AlertDeps;
}

export async function createWorld(start = '2026-11-24T10:00:00Z'): Promise<World> {
  const clock = { now: new Date(start) };
  const store = await createTestStore({ now: () => clock.now });
  const alerts = new DynamoAlertStore(store.options, store.client);
  const sent: AppealSms[] = [];
  const notices: StaffNotice[] = [];
  const deps: AlertDeps = {
    alerts,
    inventory: store,
    policy: policyFor('US'),
    timeZone: 'UTC',
    settings: DEFAULT_ALERT_SETTINGS,
    sender: { send: async (sms) => void sent.push(sms) },
    limiter: { take: async () => undefined },
    notifiers: [{ notify: async (n) => void notices.push(structuredClone(n)) }],
    now: () => clock.now,
    logger: new Logger({ logLevel: 'SILENT' }),
    deliveryBudgetMs: 60_000,
    concurrency: 4,
  };
  await store.inventory.putSite({
    id: 'central',
    name: 'Central Donor Centre',
    address: '1 Infirmary Street',
    slotTimes: ['09:00', '10:00', '11:00'],
    slotCapacity: 2,
    openDays: [0, 1, 2, 3, 4, 5, 6],
  });
  return { store, alerts, clock, sent, notices, deps };
}

let din = 0;

export function units(
  count: number,
  options: { group?: BloodGroup; expiresOn?: string; component?: StoredUnit['component'] } = {},
): StoredUnit[] {
  return received(
    Array.from({ length: count }, () => ({
      din: `T${String(++din).padStart(12, '0')}`,
      group: options.group ?? 'O-',
      component: options.component ?? 'red_cells',
      site: 'central',
      collectedOn: '2026-11-01',
      expiresOn: options.expiresOn ?? '2026-12-10',
      status: 'available' as const,
    })),
  );
}

/** `perDay` units of a group issued on each of the 7 days before `today`. */
export async function issueHistory(
  store: DynamoStore,
  today: string,
  perDay: Partial<Record<BloodGroup, number>>,
) {
  for (let d = 1; d <= 7; d++) {
    for (const [group, n] of Object.entries(perDay)) {
      await store.inventory.recordIssues(addDays(today, -d), group as BloodGroup, 'red_cells', n, ADMIN);
    }
  }
}

let phone = 1000;

export async function donor(
  world: World,
  bloodGroup: BloodGroup | 'unknown',
  lastDonation?: string,
): Promise<{ donorId: string; phone: string }> {
  const phoneE164 = `+1202555${String(++phone).padStart(4, '0')}`;
  const out = await world.store.registerDonor(
    { firstName: 'T', lastName: 'D', dateOfBirth: '1980-01-01', phoneE164, bloodGroup, homeSite: 'central' },
    ADMIN,
  );
  if (!out.ok) throw new Error(out.reason);
  if (lastDonation)
    await world.store.recordPastDonation(
      out.donor.donorId,
      { date: lastDonation, type: 'whole_blood' },
      ADMIN,
    );
  return { donorId: out.donor.donorId, phone: phoneE164 };
}
