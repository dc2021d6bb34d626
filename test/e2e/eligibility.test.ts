/**
 * Safe eligibility (issue 16): a donor who mentions a tattoo, a trip, a cold, antibiotics, a
 * vaccination or a pregnancy gets its rule, the date they can donate from when they say when it
 * happened, and can note it on their record so that a booking before then is refused with the
 * reason. Never "you can donate now" when what they said defers them. The clock: Tue 24 Nov 2026, US.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmbeddedApp } from '../../adapters/local/app.js';
import type { Actor } from '../../fulfillment/store/port.js';
import { type ChatReply, conversation, startTestApp } from '../support/embedded.js';

let app: EmbeddedApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.stop();
});

const NOW = /you can donate( [a-z ]+)? now/i;
let phone = 0;
const SYSTEM: Actor = { userId: 'test', role: 'staff', channel: 'local' };

/** A registered donor with no donations yet, signed in; a new one per test so deferrals don't mix. */
async function signedInDonor(sub: string) {
  phone += 1;
  const out = await app.store.registerDonor(
    {
      firstName: 'Sam',
      lastName: 'Rivera',
      dateOfBirth: '1990-04-02',
      phoneE164: `+1202555${String(2000 + phone)}`,
      bloodGroup: 'O+',
      homeSite: 'central',
      cognitoSub: sub,
    },
    SYSTEM,
  );
  if (!out.ok) throw new Error(out.reason);
  return { donorId: out.donor.donorId, say: conversation(app, `Bearer test:donor:${sub}`) };
}

function expectNeverNow(...replies: ChatReply[]) {
  for (const r of replies) expect(r.text).not.toMatch(NOW);
}

describe('self-declared deferrals through POST /api/chat', () => {
  it('a tattoo with no date: the rule and "when?", and "not sure" gets the rule only', async () => {
    // Prepare
    const { say } = await signedInDonor('elig-tattoo-nodate');
    // Act
    const ask = await say('can I donate if I have a tattoo');
    const unsure = await say('not sure');
    // Assess
    expect(ask.body.intent?.name).toBe('CheckEligibility');
    expect(ask.body.dialogAction).toMatchObject({ type: 'ElicitSlot', slotToElicit: 'since' });
    expect(ask.text).toMatch(/wait 3 months from the day it was done/);
    expect(unsure.body.intent).toMatchObject({ name: 'CheckEligibility', state: 'Fulfilled' });
    expect(unsure.text).toMatch(/3 months/);
    expectNeverNow(ask, unsure);
  });

  it('a tattoo 3 weeks ago: the date, noted on the record; a booking before it is refused with the reason, one after is made', async () => {
    // Prepare
    const { donorId, say } = await signedInDonor('elig-tattoo-dated');
    // Act
    const told = await say('I got a tattoo 3 weeks ago, can I still give blood');
    const noted = await say('yes');
    const early = await say('book a donation on 2 February at 10am');
    const late = await say('book a donation on 4 February at 10am');
    const booked = await say('yes');
    // Assess
    expect(told.body.dialogAction.type).toBe('ConfirmIntent');
    expect(told.text).toMatch(/donate from Wednesday,? 3 February 2027/);
    expect(noted.text).toMatch(/Noted on your record/);
    expect((await app.store.donorFile(donorId))?.deferrals).toEqual([
      { until: '2027-02-03', reason: 'a tattoo or piercing you told us about' },
    ]);
    expect(early.text).toMatch(
      /again from Wednesday,? 3 February 2027 \(a tattoo or piercing you told us about\)/,
    );
    expect(early.text).not.toMatch(/Booked/);
    expect(late.body.dialogAction.type).toBe('ConfirmIntent');
    expect(booked.body.intent).toMatchObject({ name: 'ScheduleDonation', state: 'Fulfilled' });
    expect(booked.text).toMatch(/Booked: .*Thursday,? 4 February 2027 at 10:00/);
    expectNeverNow(told, noted, early);
  });

  it('a cold last week: wait until well on the day, never "now"', async () => {
    // Prepare
    const { say } = await signedInDonor('elig-cold');
    // Act
    const reply = await say('I had a cold last week, can I donate');
    // Assess
    expect(reply.body.intent).toMatchObject({ name: 'CheckEligibility', state: 'Fulfilled' });
    expect(reply.text).toMatch(/well on the day/);
    expectNeverNow(reply);
  });

  it('antibiotics: finish the course first, and the date once they say when it ended', async () => {
    // Prepare
    const { say } = await signedInDonor('elig-antibiotics');
    // Act
    const ask = await say('I am on antibiotics can I give blood');
    const unsure = await say("don't know");
    // Assess
    expect(ask.body.dialogAction).toMatchObject({ type: 'ElicitSlot', slotToElicit: 'since' });
    expect(ask.text).toMatch(/finish the course first/);
    expect(unsure.text).toMatch(/finish the course first/);
    expect(unsure.body.intent?.state).toBe('Fulfilled');
    expectNeverNow(ask, unsure);
  });

  it('travel to a malaria area 2 weeks ago: 3 months from the return; "no" notes nothing', async () => {
    // Prepare
    const { donorId, say } = await signedInDonor('elig-travel');
    // Act
    const told = await say('I came back from a trip to a malaria area 2 weeks ago, when can I donate');
    const declined = await say('no');
    // Assess
    expect(told.text).toMatch(/3 months from the day you came back/);
    expect(told.text).toMatch(/donate from Wednesday,? 10 February 2027/);
    expect(declined.text).toMatch(/haven't noted anything/);
    expect((await app.store.donorFile(donorId))?.deferrals).toEqual([]);
    expectNeverNow(told, declined);
  });

  it('a baby born on 20 October: 6 weeks after the birth, and a booking on the day it ends is made', async () => {
    // Prepare
    const { say } = await signedInDonor('elig-pregnancy');
    // Act
    const told = await say('I had a baby on 20 October, when can I give blood again');
    await say('yes');
    const early = await say('book a donation on 30 November at 10am');
    const onTheDay = await say('book a donation on 1 December at 10am');
    // Assess
    expect(told.text).toMatch(/6 weeks after giving birth/);
    expect(told.text).toMatch(/donate from Tuesday 1 December/);
    expect(early.text).toMatch(/again from Tuesday 1 December \(a pregnancy you told us about\)/);
    expect(onTheDay.body.dialogAction.type).toBe('ConfirmIntent');
    expectNeverNow(told, early);
  });

  it('a vaccination: no wait if well, and the health check decides', async () => {
    // Prepare
    const { say } = await signedInDonor('elig-vaccine');
    // Act
    const reply = await say('I had a flu jab yesterday, can I still donate');
    // Assess
    expect(reply.text).toMatch(/vaccination/);
    expect(reply.text).toMatch(/health check on the day decides/);
    expectNeverNow(reply);
  });

  it.each([['I have diabetes, can I donate'], ['I take blood pressure pills, can I give blood']])(
    'another health question (%s): the health check on the day decides',
    async (text) => {
      // Prepare
      const { say } = await signedInDonor(`elig-health-${text.length}`);
      // Act
      const reply = await say(text);
      // Assess
      expect(reply.body.intent?.name).toBe('CheckEligibility');
      expect(reply.text).toMatch(/health check on the day decides/);
      expectNeverNow(reply);
    },
  );

  it('anonymous: the rule and the date, with no record to note it on', async () => {
    // Prepare
    const say = conversation(app);
    // Act
    const ask = await say('can I give blood after a piercing');
    const dated = await say('last week');
    // Assess
    expect(ask.body.dialogAction).toMatchObject({ type: 'ElicitSlot', slotToElicit: 'since' });
    expect(dated.body.intent?.state).toBe('Fulfilled');
    expect(dated.text).toMatch(/donate from Wednesday,? 17 February 2027/);
    expect(dated.text).toMatch(/Sign in and I can note it/);
    expectNeverNow(ask, dated);
  });
});
