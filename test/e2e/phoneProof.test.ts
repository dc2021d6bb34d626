/**
 * Phone ownership proof in donor self-registration (issue 12, finding 8), whole conversations
 * through POST /api/chat against the embedded default: the code is texted to the local outbox and
 * read from there, as a donor would read their phone. Until the code is right, a number on file gets
 * the very same words as a new one; staff registering a walk-in are not asked for a code.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmbeddedApp } from '../../adapters/local/app.js';
import { DEMO_DONOR_PHONE } from '../../adapters/local/seed.js';
import { type ChatReply, conversation, startTestApp } from '../support/embedded.js';

let app: EmbeddedApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.stop();
});

const STAFF = 'Bearer test:staff:staff-1';
const donor = (sub: string) => `Bearer test:donor:${sub}`;

/** The code in the last SMS the outbox holds for `phoneE164`. */
function codeSentTo(phoneE164: string): string {
  const sms = app.outbox.list().filter((m) => m.channel === 'sms' && m.to === phoneE164);
  return /code is (\d{6})/.exec(sms.at(-1)?.text ?? '')![1]!;
}
const smsTo = (phoneE164: string) => app.outbox.list().filter((m) => m.to === phoneE164);
const notThe = (code: string) => (code === '000000' ? '111111' : '000000');

/**
 * The registration dialog up to the code prompt: every reply's text (the number read back in the
 * confirmation written as PHONE, so two numbers' dialogs compare), and the last reply.
 */
async function registerUpToCode(say: (text: string) => Promise<ChatReply>, phone: string) {
  const e164 = `+1${phone.replace(/\D/g, '')}`;
  const replies: ChatReply[] = [];
  for (const text of [
    'I want to become a blood donor',
    'Alex',
    'Morgan',
    '12 March 1990',
    phone,
    'not sure',
    'yes',
  ])
    replies.push(await say(text));
  return { texts: replies.map((r) => r.text.replace(e164, 'PHONE')), last: replies.at(-1)! };
}

describe('a donor registering themselves proves the number by SMS', () => {
  it('a new number: a wrong code is told the tries left, the right one (typed with a space) creates the profile', async () => {
    // Prepare
    const say = conversation(app, donor('proof-new'));
    const { last } = await registerUpToCode(say, '(202) 555-0401');
    const code = codeSentTo('+12025550401');
    // Act
    const wrong = await say(notThe(code));
    const right = await say(`${code.slice(0, 3)} ${code.slice(3)}`);
    // Assess
    expect(last.body.dialogAction).toEqual({ type: 'ElicitSlot', slotToElicit: 'phoneCode' });
    expect(last.text).toBe("I've texted a 6-digit code to the number ending 01. What is it?");
    expect(wrong.text).toBe('That code is not right. You have 4 tries left.');
    expect(wrong.body.dialogAction.slotToElicit).toBe('phoneCode');
    expect(right.body.intent).toMatchObject({ name: 'RegisterDonor', state: 'Fulfilled' });
    expect(right.text).toMatch(/Thank you, Alex! You're registered as a donor/);
    const donorId = await app.store.donorIdByPhone('+12025550401');
    expect(donorId).toBeTruthy();
    expect(await app.store.donorIdBySub('proof-new')).toBe(donorId);
  });

  it('a number on file: the same words as a new number until the code, then linked, no second profile', async () => {
    // Prepare: a new number and the demo donor's (no account here), both ending 23
    const onFileId = await app.store.donorIdByPhone(DEMO_DONOR_PHONE);
    expect(onFileId).toBeTruthy();
    const fresh = await registerUpToCode(conversation(app, donor('proof-fresh-23')), '(202) 555-0423');
    const sayOwner = conversation(app, donor('proof-owner'));
    // Act
    const onFile = await registerUpToCode(sayOwner, '(202) 555-0123');
    const proven = await sayOwner(codeSentTo(DEMO_DONOR_PHONE));
    // Assess
    expect(onFile.texts).toEqual(fresh.texts);
    for (const text of onFile.texts) expect(text).not.toMatch(/already|on file|registered with us/i);
    const codeless = (phone: string) => smsTo(phone).map((m) => m.text.replace(/\d{6}/, 'CODE'));
    expect(codeless(DEMO_DONOR_PHONE).at(-1)).toBe(codeless('+12025550423').at(-1));
    expect(proven.body.intent).toMatchObject({ name: 'RegisterDonor', state: 'Fulfilled' });
    expect(proven.text).toMatch(/linked them to your account/);
    expect(await app.store.donorIdByPhone(DEMO_DONOR_PHONE)).toBe(onFileId);
    expect(await app.store.donorIdBySub('proof-owner')).toBe(onFileId);
  });

  it('a number whose donor has an account: the same words until the code, then a refusal that tells nothing new', async () => {
    // Prepare
    const taken = await app.store.registerDonor(
      {
        firstName: 'Robin',
        lastName: 'Hale',
        dateOfBirth: '1980-04-04',
        phoneE164: '+12025550433',
        bloodGroup: 'A+',
        homeSite: 'central',
        cognitoSub: 'proof-robin',
      },
      { userId: 'setup', role: 'admin', channel: 'system' },
    );
    if (!taken.ok) throw new Error(taken.reason);
    const fresh = await registerUpToCode(conversation(app, donor('proof-fresh-33')), '(202) 555-0533');
    const say = conversation(app, donor('proof-borrower'));
    // Act
    const borrowed = await registerUpToCode(say, '(202) 555-0433');
    const guess = await say(notThe(codeSentTo('+12025550433')));
    const proven = await say(codeSentTo('+12025550433'));
    // Assess
    expect(borrowed.texts).toEqual(fresh.texts);
    expect(guess.text).toBe('That code is not right. You have 4 tries left.');
    expect(proven.body.intent).toMatchObject({ name: 'RegisterDonor', state: 'Failed' });
    expect(proven.text).toMatch(/^I can't link this number to your account\./);
    expect(proven.text).not.toMatch(/Robin|Hale|already registered/);
    expect(await app.store.donorIdBySub('proof-borrower')).toBeNull();
    expect((await app.store.donorById(taken.donor.donorId))?.cognitoSub).toBe('proof-robin');
  });

  it('five wrong codes use the code up; "new code" texts another, which works', async () => {
    // Prepare
    const say = conversation(app, donor('proof-retry'));
    await registerUpToCode(say, '(202) 555-0444');
    const first = codeSentTo('+12025550444');
    // Act
    const wrong = [];
    for (let i = 0; i < 5; i++) wrong.push((await say(notThe(first))).text);
    const late = await say(first);
    const again = await say('new code');
    const right = await say(codeSentTo('+12025550444'));
    // Assess
    expect(wrong).toEqual([
      'That code is not right. You have 4 tries left.',
      'That code is not right. You have 3 tries left.',
      'That code is not right. You have 2 tries left.',
      'That code is not right. You have 1 try left.',
      'That was too many tries for this code. Say "new code" and I\'ll text you another.',
    ]);
    expect(late.text).toMatch(/too many tries/);
    expect(again.text).toBe("I've texted a new 6-digit code to the number ending 44. What is it?");
    expect(smsTo('+12025550444')).toHaveLength(2);
    expect(right.body.intent).toMatchObject({ name: 'RegisterDonor', state: 'Fulfilled' });
  });

  it('staff registering a walk-in are not asked for a code, and nothing is texted', async () => {
    // Prepare
    const say = conversation(app, STAFF);
    // Act
    const replies = [];
    for (const text of [
      'walk-in registration',
      'Sam',
      'Lee',
      '1 February 1985',
      '(202) 555-0455',
      'O+',
      'yes',
    ])
      replies.push(await say(text));
    // Assess
    const done = replies.at(-1)!;
    expect(done.body.intent).toMatchObject({ name: 'RegisterDonor', state: 'Fulfilled' });
    expect(done.text).toMatch(/Sam is registered as a donor/);
    expect(replies.some((r) => r.body.dialogAction.slotToElicit === 'phoneCode')).toBe(false);
    expect(smsTo('+12025550455')).toEqual([]);
    expect(await app.store.donorIdByPhone('+12025550455')).toBeTruthy();
  });
});
