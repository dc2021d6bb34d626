/**
 * Whole conversations through POST /api/chat against the embedded default: the local Lex runtime
 * understands, fulfillment applies the rules to DynamoDB Local, the answer comes back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmbeddedApp } from '../../adapters/local/app.js';
import { isValidDin } from '../../fulfillment/domain/din.js';
import { conversation, startTestApp } from '../support/embedded.js';

let app: EmbeddedApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.stop();
});

const STAFF = 'Bearer test:staff:staff-1';

describe('conversations through POST /api/chat', () => {
  it('GET /healthz answers ok', async () => {
    const res = await fetch(`${app.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  it('staff ask how many O negative red cells we have and get counts', async () => {
    const say = conversation(app, STAFF);
    const reply = await say('how many O negative red cells do we have');
    expect(reply.status).toBe(200);
    expect(reply.body.intent).toMatchObject({ name: 'CheckStock', state: 'Fulfilled' });
    expect(reply.text).toMatch(/O- red cells: \d+ units available/);
    expect(reply.text).toMatch(/days of supply/);
  });

  it('anonymous visitors see levels, not counts', async () => {
    const reply = await conversation(app)('how is blood stock');
    expect(reply.text).toMatch(/O- (ok|low|critical)/);
    expect(reply.text).not.toMatch(/units/);
  });

  it('staff request 4 units of O- red cells, urgent, confirm, and get DINs first-expired-first-out', async () => {
    // Prepare
    const say = conversation(app, STAFF);
    const before = await app.store.stockCounts();
    const o = (counts: typeof before) =>
      counts
        .filter((c) => c.group === 'O-' && c.component === 'red_cells')
        .reduce((n, c) => n + c.available, 0);
    // Act
    const ask = await say('4 units of O- red cells, urgent');
    const done = await say('yes');
    // Assess
    expect(ask.body.dialogAction.type).toBe('ConfirmIntent');
    expect(ask.text).toMatch(/4 units of O- red cells, urgent/);
    expect(done.body.intent).toMatchObject({ name: 'RequestUnits', state: 'Fulfilled' });
    const lines = done.text.split('\n').filter((l) => l.startsWith('•'));
    expect(lines).toHaveLength(4);
    const expiries = lines.map((l) => /expires (\d{4}-\d{2}-\d{2})/.exec(l)![1]!);
    expect([...expiries].sort()).toEqual(expiries);
    for (const l of lines)
      expect(isValidDin(/• (\w{5}) (\d{2}) (\d{6})/.exec(l)!.slice(1, 4).join(''))).toBe(true);
    expect(o(await app.store.stockCounts())).toBe(o(before) - 4);
  });

  it('a new donor registers over several turns, books tomorrow at 10am, and asks when they can donate again', async () => {
    const say = conversation(app, 'Bearer test:donor:new-donor-sub');
    const start = await say('I want to become a blood donor');
    expect(start.body.intent?.name).toBe('RegisterDonor');
    expect(start.body.dialogAction).toMatchObject({ type: 'ElicitSlot', slotToElicit: 'firstName' });
    await say('Alex');
    await say('Morgan');
    const dob = await say('12 March 1990');
    expect(dob.body.dialogAction.slotToElicit).toBe('phone');
    const phone = await say('(202) 555-0147');
    expect(phone.body.dialogAction.slotToElicit).toBe('bloodGroup');
    const group = await say('not sure');
    expect(group.body.dialogAction.type).toBe('ConfirmIntent');
    const confirmed = await say('yes');
    expect(confirmed.body.dialogAction).toMatchObject({ type: 'ElicitSlot', slotToElicit: 'phoneCode' });
    expect(confirmed.text).toMatch(/texted a 6-digit code to the number ending 47/);
    const sms = app.outbox
      .list()
      .filter((m) => m.channel === 'sms' && m.to === '+12025550147')
      .at(-1);
    const registered = await say(/code is (\d{6})/.exec(sms?.text ?? '')![1]!);
    expect(registered.body.intent).toMatchObject({ name: 'RegisterDonor', state: 'Fulfilled' });
    expect(await app.store.donorIdBySub('new-donor-sub')).toBeTruthy();

    const book = await say('book me in for tomorrow at 10am');
    expect(book.body.dialogAction.type).toBe('ConfirmIntent');
    expect(book.text).toMatch(/2026-11-25 at 10:00/);
    const booked = await say('yes');
    expect(booked.body.intent).toMatchObject({ name: 'ScheduleDonation', state: 'Fulfilled' });
    expect(booked.text).toMatch(/Wednesday 25 November at 10:00/);
    expect((await app.store.slotBookings('central', '2026-11-25'))['10:00']).toBe(1);

    const when = await say('when can I donate again');
    expect(when.body.intent?.name).toBe('CheckEligibility');
    expect(when.text).toMatch(/donate whole blood now/);
  });

  it.each([
    ['no body', undefined, 400],
    ['invalid JSON', '{"text":', 400],
    ['empty text', JSON.stringify({ text: '   ' }), 400],
    ['text too long', JSON.stringify({ text: 'x'.repeat(1001) }), 400],
    ['unknown field', JSON.stringify({ text: 'hi', principal: { role: 'admin' } }), 400],
    ['bad session id', JSON.stringify({ text: 'hi', sessionId: '../../etc' }), 400],
    ['body too large', JSON.stringify({ text: 'x'.repeat(5000) }), 413],
  ])('bad input (%s) gets a clear 4xx and writes nothing', async (_label, body, status) => {
    const today = '2026-11-24';
    const before = (await app.store.auditByDay(today)).length;
    const res = await fetch(`${app.url}/api/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(res.status).toBe(status);
    const json = (await res.json()) as { error: string; message?: string };
    expect(json.error).toMatch(/^[a-z_]+$/);
    expect((await app.store.auditByDay(today)).length).toBe(before);
  });

  it('refuses a non-JSON content type', async () => {
    const res = await fetch(`${app.url}/api/chat`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'hi',
    });
    expect(res.status).toBe(415);
  });

  it('a donor cannot request units', async () => {
    const say = conversation(app, 'Bearer test:donor:some-donor');
    const first = await say('I need 2 units of A+ platelets routine');
    const reply = first.body.dialogAction.type === 'ConfirmIntent' ? await say('yes') : first;
    expect(reply.text).toMatch(/Only blood bank and hospital staff can request units/);
  });
});
