/**
 * Phone verification codes on DynamoDB Local (fulfillment/store/dynamo/phoneCodes.ts behind the
 * use case): parallel wrong guesses never get more than 5 tries, a used code cannot be replayed, a
 * code expires by the clock even before the TTL sweep, a new code replaces the last, and the number
 * gets at most 3 codes an hour whoever asks.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoIdentity } from '../../../fulfillment/store/dynamo/identity.js';
import type { DynamoStore } from '../../../fulfillment/store/dynamo/index.js';
import { keys } from '../../../fulfillment/store/dynamo/keys.js';
import { DynamoPhoneCodes } from '../../../fulfillment/store/dynamo/phoneCodes.js';
import { TTL_ATTRIBUTE } from '../../../fulfillment/store/table.js';
import {
  CODE_TTL_SECONDS,
  createPhoneVerification,
  MAX_TRIES,
  type PhoneVerification,
  phoneCodeKey,
} from '../../../fulfillment/usecases/phoneVerification.js';
import { createTestStore } from '../../support/store.js';

let clock = new Date('2026-11-24T10:00:00Z');
let store: DynamoStore;
let codes: DynamoPhoneCodes;
let phones: PhoneVerification;
const texts: Array<{ to: string; text: string }> = [];
let phoneSeq = 0;
const nextPhone = () => `+1202555${String(3000 + phoneSeq++).padStart(4, '0')}`;

/** The code in the last text to `phone`. */
function codeSentTo(phone: string): string {
  const text = texts.filter((t) => t.to === phone).at(-1)?.text ?? '';
  return /code is (\d{6})/.exec(text)![1]!;
}
const other = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

beforeAll(async () => {
  store = await createTestStore({ now: () => clock });
  codes = new DynamoPhoneCodes(store.options, store.client);
  phones = createPhoneVerification({
    codes,
    limits: new DynamoIdentity(store.options, store.client),
    sms: { send: async (sms) => void texts.push(sms) },
    key: phoneCodeKey('test-pepper-test-pepper-test-pepper!!'),
    now: () => clock,
  });
});
afterAll(() => store.destroy());

describe('phone codes on DynamoDB Local', () => {
  it('stores the digest with a TTL attribute 10 minutes ahead, never the code or the number', async () => {
    // Prepare
    const phone = nextPhone();
    // Act
    await phones.send('sub-a', phone);
    // Assess
    const { Item } = await store.client.send(
      new GetCommand({
        TableName: store.options.tableName,
        Key: keys.phoneCode(store.options.hashPhone(phone), 'sub-a'),
      }),
    );
    expect(Item).toMatchObject({ type: 'phone_code', tries: 0, status: 'pending' });
    expect(Item![TTL_ATTRIBUTE]).toBe(clock.getTime() / 1000 + CODE_TTL_SECONDS);
    const raw = JSON.stringify(Item);
    expect(raw).not.toContain(codeSentTo(phone));
    expect(raw).not.toContain(phone.slice(1));
  });

  it('20 parallel wrong guesses get exactly 5 tries between them; the right code is then refused', async () => {
    // Prepare
    const phone = nextPhone();
    await phones.send('sub-b', phone);
    const wrong = other(codeSentTo(phone));
    // Act
    const answers = await Promise.all(Array.from({ length: 20 }, () => phones.check('sub-b', phone, wrong)));
    const right = await phones.check('sub-b', phone, codeSentTo(phone));
    // Assess
    const tried = answers.filter((a) => !a.ok && a.reason === 'wrong');
    const lastTry = answers.filter((a) => !a.ok && a.reason === 'too_many');
    // Tries 1-4 are told what is left; the 5th and every guess refused without a try hear "too many".
    expect(tried.length).toBe(MAX_TRIES - 1);
    expect(lastTry.length).toBe(20 - (MAX_TRIES - 1));
    expect((await codes.phoneCode('sub-b', phone))?.tries).toBe(MAX_TRIES);
    expect(right).toEqual({ ok: false, reason: 'too_many' });
  });

  it('a right code among parallel guesses verifies once at most, and a used code cannot be replayed', async () => {
    // Prepare
    const phone = nextPhone();
    await phones.send('sub-c', phone);
    const code = codeSentTo(phone);
    // Act
    const answers = await Promise.all([
      phones.check('sub-c', phone, code),
      phones.check('sub-c', phone, code),
      phones.check('sub-c', phone, other(code)),
    ]);
    const consumed = await Promise.all([phones.consume('sub-c', phone), phones.consume('sub-c', phone)]);
    const replay = await phones.check('sub-c', phone, code);
    // Assess
    expect(answers.filter((a) => a.ok)).toHaveLength(1);
    expect(consumed.sort()).toEqual([false, true]);
    expect(replay).toEqual({ ok: false, reason: 'none' });
    expect(await phones.consume('sub-c', phone)).toBe(false);
  });

  it('expires by the clock while the item is still there (the TTL sweep is lazy)', async () => {
    // Prepare
    const phone = nextPhone();
    await phones.send('sub-d', phone);
    const code = codeSentTo(phone);
    clock = new Date(clock.getTime() + CODE_TTL_SECONDS * 1000);
    // Act
    const late = await phones.check('sub-d', phone, code);
    // Assess
    expect(late).toEqual({ ok: false, reason: 'expired' });
    expect(await codes.phoneCode('sub-d', phone)).not.toBeNull();
  });

  it('a new code replaces the last one', async () => {
    // Prepare
    const phone = nextPhone();
    await phones.send('sub-e', phone);
    const first = codeSentTo(phone);
    await phones.send('sub-e', phone);
    const second = codeSentTo(phone);
    // Act / Assess
    if (first !== second)
      expect(await phones.check('sub-e', phone, first)).toMatchObject({ reason: 'wrong' });
    expect(await phones.check('sub-e', phone, second)).toEqual({ ok: true });
  });

  it('sends at most 3 codes an hour to one number, whichever accounts ask', async () => {
    // Prepare
    clock = new Date('2026-11-24T12:00:00Z');
    const phone = nextPhone();
    // Act
    const answers = [];
    for (const owner of ['sub-f1', 'sub-f2', 'sub-f3', 'sub-f4'])
      answers.push(await phones.send(owner, phone));
    const refusedStoredNothing = await codes.phoneCode('sub-f4', phone);
    clock = new Date('2026-11-24T13:00:00Z');
    const nextHour = await phones.send('sub-f4', phone);
    // Assess
    expect(answers).toEqual([
      { ok: true },
      { ok: true },
      { ok: true },
      { ok: false, reason: 'rate_limited' },
    ]);
    expect(refusedStoredNothing).toBeNull();
    expect(nextHour).toEqual({ ok: true });
    expect(texts.filter((t) => t.to === phone)).toHaveLength(4);
  });

  it('sends at most 5 codes an hour for one account, to any numbers', async () => {
    // Prepare
    clock = new Date('2026-11-24T15:00:00Z');
    // Act
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push(await phones.send('sub-g', nextPhone()));
    // Assess
    expect(answers.map((a) => a.ok)).toEqual([true, true, true, true, true, false]);
  });
});
