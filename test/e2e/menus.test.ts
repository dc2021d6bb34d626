/**
 * Menus that fit the person (issue 16): the greeting and the fallback offer what this person can do
 * now — registration to someone signed in without a donor record, booking to a donor with nothing
 * booked, their next appointment and cancelling it to a donor who has one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmbeddedApp } from '../../adapters/local/app.js';
import { type ChatReply, conversation, startTestApp } from '../support/embedded.js';

let app: EmbeddedApp;

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.stop();
});

const buttons = (reply: ChatReply) =>
  reply.body.messages.flatMap((m) => m.imageResponseCard?.buttons ?? []).map((b) => b.text);

describe('a donor’s menu', () => {
  it('offers registration, not booking, to someone signed in without a donor record', async () => {
    // Act
    const reply = await conversation(app, 'Bearer test:donor:new-account-1')('hello');
    // Assess
    expect(reply.text).toMatch(/not registered as a donor yet/);
    expect(buttons(reply)).toContain('Register as a donor');
    expect(buttons(reply)).not.toContain('Book a donation');
    expect(buttons(reply)).not.toContain('Cancel my appointment');
  });

  it('offers booking, not cancelling or registering, to a donor with nothing booked', async () => {
    // Prepare
    const donorId = app.seed.demoDonorId!;
    // Act
    const reply = await conversation(app, `Bearer test:donor:demo:${donorId}`)('hi there');
    // Assess
    expect(buttons(reply)).toEqual(['Book a donation', 'When can I donate?', 'Stock levels']);
  });

  it('tells a donor with an appointment when it is and offers to cancel it, in the fallback too', async () => {
    // Prepare
    const donorId = app.seed.demoDonorId!;
    const site = (await app.store.sites())[0]!;
    const booked = await app.store.bookAppointment(
      {
        donorId,
        site: site.id,
        date: '2026-11-27',
        time: site.slotTimes[0]!,
        donationType: 'whole_blood',
        capacity: 5,
      },
      { userId: 'test', role: 'staff', channel: 'local' },
    );
    expect(booked.ok).toBe(true);
    const say = conversation(app, `Bearer test:donor:demo:${donorId}`);
    // Act
    const greeting = await say('hello');
    const fallback = await say('qwzx plmk vvv');
    // Assess
    expect(greeting.text).toContain(
      `Your next donation is Friday 27 November at ${site.slotTimes[0]}, ${site.name}`,
    );
    expect(buttons(greeting)).toEqual(['Cancel my appointment', 'When can I donate?', 'Stock levels']);
    expect(buttons(fallback)).toEqual(['Cancel my appointment', 'When can I donate?', 'Stock levels']);
  });
});
