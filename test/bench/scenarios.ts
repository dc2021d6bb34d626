/**
 * The turns the benches time: one Lex V2 code-hook event per intent, built the way Lex sends them
 * (test/support/lexEvents.ts), for the common path of each intent. Each scenario says what a correct
 * answer looks like, so a bench that silently measured an error reply or another branch stops
 * instead of reporting a misleading figure.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { dayOfWeek } from '../../fulfillment/clock.js';
import { addDays } from '../../fulfillment/domain/dates.js';
import type { Policy } from '../../fulfillment/domain/policy.js';
import { createFulfillment } from '../../fulfillment/handler.js';
import type { LexResponse } from '../../fulfillment/lex/event.js';
import type { DynamoStore } from '../../fulfillment/store/dynamo/index.js';
import type { Site } from '../../fulfillment/store/port.js';
import { lexEvent, TEST_SIGNING_KEY } from '../support/lexEvents.js';

/** A Tuesday before opening time, so every slot of the day is still in the future. */
export const BENCH_NOW = new Date('2026-11-24T07:00:00Z');
export const BENCH_TODAY = '2026-11-24';

export interface Scenario {
  name: string;
  intent: string;
  /** The event of the i-th turn (turns that write need their own donor, phone or slot). */
  event: (i: number) => unknown;
  expect: { action: string; state?: string };
}

export interface Fixtures {
  /** Donors who book in one turn and cancel in the next. */
  bookers: string[];
  /** Donors who only read: eligibility and the booking dialog. */
  readers: string[];
  site: Site;
}

const STAFF = { userId: 'bench-staff', role: 'staff', channel: 'web' } as const;

function donor(donorId: string) {
  return { userId: `user-${donorId}`, role: 'donor', channel: 'web', donorId } as const;
}

/** Open (date, time) pairs at a site from tomorrow on, enough for `count` bookings. */
export function openSlots(site: Site, count: number): Array<{ date: string; time: string }> {
  const slots: Array<{ date: string; time: string }> = [];
  for (let d = 1; slots.length < count && d < 90; d++) {
    const date = addDays(BENCH_TODAY, d);
    if (!site.openDays.includes(dayOfWeek(date))) continue;
    for (const time of site.slotTimes) slots.push({ date, time });
  }
  return slots;
}

/** Area codes whose 555-0100..0199 block is reserved for fiction (202 is left to the demo donor). */
const FICTION_AREAS = ['212', '303', '312', '415', '503', '617', '702', '808'];
export const MAX_REGISTRATIONS = FICTION_AREAS.length * 100;

/** A valid, fictional US mobile number per registration, distinct for i < MAX_REGISTRATIONS. */
export function benchPhone(i: number): string {
  const area = FICTION_AREAS[Math.floor(i / 100) % FICTION_AREAS.length]!;
  return `+1${area}5550${String(100 + (i % 100))}`;
}

export function scenarios(fx: Fixtures): Scenario[] {
  const slots = openSlots(fx.site, 60);
  const pick = <T>(list: T[], i: number): T => list[i % list.length]!;
  const now = BENCH_NOW;
  return [
    {
      name: 'CheckStock (staff)',
      intent: 'CheckStock',
      event: () =>
        lexEvent({
          intent: 'CheckStock',
          slots: { bloodGroup: null, component: 'red_cells', site: null },
          principal: STAFF,
          now,
        }),
      expect: { action: 'Close', state: 'Fulfilled' },
    },
    {
      name: 'CheckStock (public)',
      intent: 'CheckStock',
      event: () =>
        lexEvent({ intent: 'CheckStock', slots: { bloodGroup: 'O-', component: null, site: null }, now }),
      expect: { action: 'Close', state: 'Fulfilled' },
    },
    {
      name: 'RequestUnits',
      intent: 'RequestUnits',
      event: () =>
        lexEvent({
          intent: 'RequestUnits',
          slots: {
            units: '2',
            bloodGroup: 'O+',
            component: 'red_cells',
            urgency: 'routine',
            hospital: null,
            neededBy: null,
          },
          confirmationState: 'Confirmed',
          principal: STAFF,
          now,
        }),
      expect: { action: 'Close', state: 'Fulfilled' },
    },
    {
      name: 'RegisterDonor (walk-in)',
      intent: 'RegisterDonor',
      event: (i) =>
        lexEvent({
          intent: 'RegisterDonor',
          slots: {
            firstName: 'Walk',
            lastName: 'In',
            dateOfBirth: '1988-02-29',
            phone: benchPhone(i),
            bloodGroup: 'A+',
          },
          confirmationState: 'Confirmed',
          principal: STAFF,
          now,
        }),
      expect: { action: 'Close', state: 'Fulfilled' },
    },
    {
      name: 'ScheduleDonation (dialog: date)',
      intent: 'ScheduleDonation',
      event: (i) =>
        lexEvent({
          intent: 'ScheduleDonation',
          source: 'DialogCodeHook',
          slots: { date: pick(slots, i).date, time: null, site: null, donationType: null },
          principal: donor(pick(fx.readers, i)),
          now,
        }),
      expect: { action: 'ElicitSlot' },
    },
    {
      name: 'ScheduleDonation (book)',
      intent: 'ScheduleDonation',
      event: (i) =>
        lexEvent({
          intent: 'ScheduleDonation',
          slots: { ...pick(slots, i), site: null, donationType: null },
          principal: donor(pick(fx.bookers, i)),
          now,
        }),
      expect: { action: 'Close', state: 'Fulfilled' },
    },
    {
      // Runs right after the booking above, for the same donor: the slot is free again next round.
      name: 'CancelDonation',
      intent: 'CancelDonation',
      event: (i) =>
        lexEvent({
          intent: 'CancelDonation',
          slots: { date: null },
          principal: donor(pick(fx.bookers, i)),
          now,
        }),
      expect: { action: 'Close', state: 'Fulfilled' },
    },
    {
      name: 'CheckEligibility (donor)',
      intent: 'CheckEligibility',
      event: (i) =>
        lexEvent({
          intent: 'CheckEligibility',
          slots: { donationType: null },
          principal: donor(pick(fx.readers, i)),
          now,
        }),
      expect: { action: 'Close', state: 'Fulfilled' },
    },
    {
      name: 'Help (no database)',
      intent: 'Help',
      event: () => lexEvent({ intent: 'Help', now }),
      expect: { action: 'Close', state: 'Fulfilled' },
    },
  ];
}

/** The real code hook over `store`, with the bench's clock and signing key; logs only errors. */
export function benchFulfillment(store: DynamoStore, policy: Policy) {
  return createFulfillment(
    {
      store,
      policy,
      timeZone: 'UTC',
      defaultSite: 'central',
      principalSigningKey: TEST_SIGNING_KEY,
      now: () => BENCH_NOW,
    },
    new Logger({ serviceName: 'bench', logLevel: 'SILENT' }),
  );
}

/** Runs one turn and checks it took the path the scenario measures. */
export async function runTurn(
  fulfil: (event: unknown) => Promise<LexResponse>,
  scenario: Scenario,
  i: number,
): Promise<LexResponse> {
  const response = await fulfil(scenario.event(i));
  const action = response.sessionState.dialogAction.type;
  const state = response.sessionState.intent?.state;
  if (action !== scenario.expect.action || (scenario.expect.state && state !== scenario.expect.state)) {
    const text = (response.messages ?? []).map((m) => ('content' in m ? m.content : '')).join(' ');
    throw new Error(
      `${scenario.name} turn ${i}: expected ${scenario.expect.action}/${scenario.expect.state ?? '*'}, got ${action}/${state}: ${text.slice(0, 200)}`,
    );
  }
  return response;
}
