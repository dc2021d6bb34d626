/**
 * Shortage alerts end to end in the embedded default: staff issue O− red cells until O− is red →
 * exactly one alert → appeal SMS in the outbox for exactly the compatible, eligible, opted-in,
 * not-recently-alerted donors → a donor answers YES through POST /api/sms/inbound and books a slot
 * (a full slot is skipped: capacity holds) → the staff message counts it → running the sweep and
 * the check again sends nothing new.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmbeddedApp } from '../../adapters/local/app.js';
import type { OutboxEntry } from '../../adapters/local/outbox.js';
import { DEMO_DONOR_PHONE } from '../../adapters/local/seed.js';
import type { BloodGroup } from '../../fulfillment/domain/vocabulary.js';
import { keys } from '../../fulfillment/store/dynamo/keys.js';
import type { Actor } from '../../fulfillment/store/port.js';
import { stockPicture } from '../../fulfillment/usecases/stockPicture.js';
import { conversation, startTestApp } from '../support/embedded.js';
import { received } from '../support/units.js';

const SYSTEM: Actor = { userId: 'test', role: 'admin', channel: 'local' };
const TODAY = '2026-11-24';
let app: EmbeddedApp;
let seq = 0;

const phones = {
  eligible1: '+12025550201',
  eligible2: '+12025550202',
  incompatible: '+12025550203',
  recentDonation: '+12025550204',
  optedOut: '+12025550205',
  recentlyAlerted: '+12025550206',
  unknownGroup: '+12025550207',
};

async function register(phone: string, bloodGroup: BloodGroup | 'unknown'): Promise<string> {
  const out = await app.store.registerDonor(
    {
      firstName: 'Test',
      lastName: 'Donor',
      dateOfBirth: '1985-06-01',
      phoneE164: phone,
      bloodGroup,
      homeSite: 'central',
    },
    SYSTEM,
  );
  if (!out.ok) throw new Error(`registration failed: ${out.reason}`);
  return out.donor.donorId;
}

async function outbox(): Promise<OutboxEntry[]> {
  // The outbox is a staff door (issue 12): the test app's identify reads this as a staff member.
  const headers = { authorization: 'Bearer test:staff:outbox-reader' };
  return (await (await fetch(`${app.url}/api/dev/outbox`, { headers })).json()) as OutboxEntry[];
}

async function sms(from: string, body: string): Promise<string> {
  const response = await fetch(`${app.url}/api/sms/inbound`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      originationNumber: from,
      destinationNumber: '+18005550100',
      messageKeyword: 'KEYWORD_123456789012',
      messageBody: body,
      inboundMessageId: `alert-e2e-${++seq}`,
      previousPublishedMessageId: 'prev',
    }),
  });
  expect(response.status).toBe(200);
  const sent = await outbox();
  const reply = sent.filter((e) => e.channel === 'sms' && e.to === from).at(-1);
  return reply?.text ?? '';
}

async function oNegativeLevel() {
  const rows = await stockPicture({
    store: app.store,
    policy: (await import('../../fulfillment/domain/policy.js')).policyFor('US'),
    today: TODAY,
    component: 'red_cells',
  });
  return rows.find((r) => r.group === 'O-')!.level;
}

beforeAll(async () => {
  app = await startTestApp();
  // Prepare: donors of every kind the appeal must and must not reach.
  await register(phones.eligible1, 'O-');
  await register(phones.eligible2, 'O-');
  await register(phones.incompatible, 'O+');
  const recent = await register(phones.recentDonation, 'O-');
  await app.store.recordPastDonation(recent, { date: '2026-11-14', type: 'whole_blood' }, SYSTEM);
  await register(phones.optedOut, 'O-');
  await app.identityStore.optOutPhone(phones.optedOut, SYSTEM);
  const alerted = await register(phones.recentlyAlerted, 'O-');
  const claimed = await app.alerts.store.claimContact(
    {
      donorId: alerted,
      bloodGroup: 'O-',
      phoneE164: phones.recentlyAlerted,
      phoneHash: 'unused',
      homeSite: 'central',
      smsOptIn: true,
      indexKey: keys.targetSort('0000-00-00', alerted),
    },
    {
      alertId: 'ONEG-20261121T090000-000000',
      group: 'O-',
      site: 'central',
      sentAt: '2026-11-21T09:00:00Z',
      expiresAt: 0,
    },
    '2026-11-21',
    14,
  );
  expect(claimed).toBe('claimed');
  await register(phones.unknownGroup, 'unknown');
  // The first free time after 10:00 today (10:30) is full: the offer must skip it.
  for (const id of ['walk-in-1', 'walk-in-2', 'walk-in-3']) {
    const booked = await app.store.bookAppointment(
      { donorId: id, site: 'central', date: TODAY, time: '10:30', donationType: 'whole_blood', capacity: 3 },
      SYSTEM,
    );
    expect(booked.ok).toBe(true);
  }
});
afterAll(async () => {
  await app?.stop();
});

describe('a red O− shortage, end to end', () => {
  it('raises exactly one alert and texts exactly the right donors', async () => {
    // Prepare
    const say = conversation(app, 'Bearer test:staff:bench-1');
    expect(await oNegativeLevel()).toBe('amber');
    // Act: issue O− red cells until O− is red.
    for (let i = 0; i < 5 && (await oNegativeLevel()) !== 'red'; i++) {
      const ask = await say('7 units of O- red cells, urgent');
      if (ask.body.dialogAction.type === 'ConfirmIntent') await say('yes');
      await app.alerts.idle();
    }
    // Assess
    expect(await oNegativeLevel()).toBe('red');
    const alert = await app.alerts.store.lastAlert('O-');
    expect(alert).toMatchObject({ group: 'O-', level: 'red', status: 'open', delivery: 'done' });
    expect((await app.alerts.store.openAlerts()).size).toBe(1);
    const appeals = (await outbox()).filter((e) => e.channel === 'sms' && /Reply YES to book/.test(e.text));
    expect(appeals.map((e) => e.to).sort()).toEqual(
      [DEMO_DONOR_PHONE, phones.eligible1, phones.eligible2].sort(),
    );
    for (const appeal of appeals) {
      expect(appeal.text.length).toBeLessThanOrEqual(160);
      expect(appeal.text).toContain('O negative');
      expect(appeal.text).toContain('Central Donor Centre');
      expect(appeal.text).toContain('Reply YES to book, NO to skip, STOP to opt out');
    }
    // Staff: the start at once, then the counts once the appeal has gone out.
    const staff = (await outbox()).filter((e) => e.channel === 'slack');
    expect(staff.map((e) => e.text)).toEqual([
      expect.stringMatching(
        /^O- red cells: shortage alert started \(RED, 0\.9 days of supply\)\. Appealing to up to 60 donors/,
      ),
      expect.stringMatching(/appeal update .*Donors contacted 3, said yes 0, booked 0/),
    ]);
  });

  it('books a slot from a YES by SMS, skipping a full time, and confirms by SMS', async () => {
    // Act
    const offer = await sms(phones.eligible1, 'YES');
    const booked = await sms(phones.eligible1, 'yes');
    // Assess
    expect(offer).toMatch(/Earliest: Tue 24 Nov 11:00 at Central Donor Centre/);
    expect(booked).toMatch(/^Booked: Tue 24 Nov 11:00 at Central Donor Centre/);
    expect(await app.store.slotBookings('central', TODAY)).toMatchObject({ '10:30': 3, '11:00': 1 });
    const alert = await app.alerts.store.lastAlert('O-');
    expect(alert?.counts).toMatchObject({ contacted: 3, yes: 1, booked: 1 });
  });

  it('thanks a NO, and tells staff the counts on the next check', async () => {
    // Act
    const no = await sms(phones.eligible2, 'no');
    const before = (await outbox()).length;
    await app.alerts.run('stockCheck');
    const notices = (await outbox()).slice(before);
    // Assess
    expect(no).toMatch(/Thank you for letting us know/);
    expect(notices).toEqual([expect.objectContaining({ channel: 'slack' })]);
    expect(notices[0]?.text).toMatch(/appeal update .*Donors contacted 3, said yes 1, booked 1/);
  });

  it('sends nothing new when the sweep and the check run again', async () => {
    // Act
    const before = await outbox();
    const sweep = await app.alerts.run('expirySweep');
    const check = await app.alerts.run('stockCheck');
    // Assess
    expect(sweep.expired).toBe(0);
    expect(check.check?.events).toEqual([]);
    expect(await outbox()).toEqual(before);
  });

  it('answers a YES after the alert has closed politely', async () => {
    // Prepare: stock recovers (a delivery of O− red cells), which closes the alert.
    const units = Array.from({ length: 40 }, (_, i) => ({
      din: `W9999261${String(i).padStart(5, '0')}`,
      group: 'O-' as const,
      component: 'red_cells' as const,
      site: 'central',
      collectedOn: '2026-11-20',
      expiresOn: '2027-01-01',
      status: 'available' as const,
    }));
    await app.store.receiveUnits(received(units), SYSTEM);
    const check = await app.alerts.run('stockCheck');
    // Act
    const late = await sms(DEMO_DONOR_PHONE, 'yes');
    // Assess
    expect(check.check?.events).toEqual([expect.objectContaining({ group: 'O-', kind: 'recovered' })]);
    expect((await outbox()).filter((e) => e.channel === 'slack').at(-1)?.text).toMatch(/stock recovered/);
    expect(late).toMatch(/appeal has closed/);
  });
});
