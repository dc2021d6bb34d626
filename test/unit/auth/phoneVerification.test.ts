/**
 * The phone code rules (fulfillment/usecases/phoneVerification.ts) without an engine: what a typed
 * code may look like, the HMAC binding and its constant-time compare, when a stored code can be
 * tried, and the use case's answers over an in-memory PhoneCodeStore that keeps the port's promises
 * (the DynamoDB one is tested against DynamoDB Local in test/integration/identity/phoneCodes.test.ts).
 */
import { describe, expect, it } from 'vitest';
import {
  CODE_TTL_SECONDS,
  codeDigest,
  codeInputSchema,
  codeMessage,
  codeState,
  createPhoneVerification,
  digestsMatch,
  MAX_TRIES,
  type PhoneCodeRecord,
  type PhoneCodeStore,
  parseCodeInput,
  phoneCodeKey,
} from '../../../fulfillment/usecases/phoneVerification.js';

const KEY = phoneCodeKey('unit-test-pepper-unit-test-pepper!!');
const OWNER = 'sub-1';
const PHONE = '+12025550123';

/** The port's contract in memory: conditional tries and moves, as the DynamoDB store does them. */
class MemoryCodes implements PhoneCodeStore {
  readonly items = new Map<string, PhoneCodeRecord>();
  private k = (owner: string, phone: string) => `${owner}|${phone}`;
  async putPhoneCode(owner: string, phone: string, record: PhoneCodeRecord) {
    this.items.set(this.k(owner, phone), { ...record });
  }
  async phoneCode(owner: string, phone: string) {
    const r = this.items.get(this.k(owner, phone));
    return r ? { ...r } : null;
  }
  async takePhoneCodeTry(owner: string, phone: string, max: number, now: number) {
    const r = this.items.get(this.k(owner, phone));
    if (r?.status !== 'pending' || r.tries >= max || r.expiresAt <= now) return null;
    r.tries += 1;
    return { ...r };
  }
  async movePhoneCode(
    owner: string,
    phone: string,
    hash: string,
    from: PhoneCodeRecord['status'],
    to: PhoneCodeRecord['status'],
    now: number,
  ) {
    const r = this.items.get(this.k(owner, phone));
    if (!r || r.codeHash !== hash || r.status !== from || r.expiresAt <= now) return false;
    r.status = to;
    return true;
  }
}

function world(options: { allowed?: boolean } = {}) {
  let clock = new Date('2026-11-24T10:00:00Z');
  const codes = new MemoryCodes();
  const sent: Array<{ to: string; text: string }> = [];
  const phones = createPhoneVerification({
    codes,
    limits: { hitRateLimit: async () => ({ allowed: options.allowed ?? true, retryAfterSeconds: 0 }) },
    sms: { send: async (sms) => void sent.push(sms) },
    key: KEY,
    now: () => clock,
    newCode: () => '123456',
  });
  return {
    phones,
    codes,
    sent,
    advance: (seconds: number) => {
      clock = new Date(clock.getTime() + seconds * 1000);
    },
  };
}

describe('a typed code', () => {
  it.each([
    ['123456', '123456'],
    ['123 456', '123456'],
    [' 12 34 56 ', '123456'],
    ['123-456', '123456'],
    ['000001', '000001'],
  ])('%j reads as %s', (typed, expected) => {
    expect(parseCodeInput(typed)).toBe(expected);
  });

  it.each(['12345', '1234567', '12345a', 'abcdef', '', 'new code', '１２３４５６', '123456\n7'])(
    '%j is not a code',
    (typed) => {
      expect(parseCodeInput(typed)).toBeNull();
      expect(codeInputSchema.safeParse(typed).success).toBe(false);
    },
  );
});

describe('the stored digest', () => {
  it('is an HMAC bound to the account, the number and the code, never the code itself', () => {
    // Act
    const digest = codeDigest(KEY, OWNER, PHONE, '123456');
    // Assess
    expect(digest).toMatch(/^[0-9a-f]{64}$/);
    expect(digest).not.toContain('123456');
    expect(codeDigest(KEY, 'sub-2', PHONE, '123456')).not.toBe(digest);
    expect(codeDigest(KEY, OWNER, '+12025550124', '123456')).not.toBe(digest);
    expect(codeDigest(KEY, OWNER, PHONE, '123457')).not.toBe(digest);
    expect(codeDigest(phoneCodeKey('another-pepper-another-pepper-!!'), OWNER, PHONE, '123456')).not.toBe(
      digest,
    );
  });

  it.each([
    ['the same digest', codeDigest(KEY, OWNER, PHONE, '123456'), true],
    ['another code', codeDigest(KEY, OWNER, PHONE, '654321'), false],
    ['a prefix', codeDigest(KEY, OWNER, PHONE, '123456').slice(0, 32), false],
    ['nothing', '', false],
  ])('compares %s in constant time: %s', (_label, actual, expected) => {
    expect(digestsMatch(codeDigest(KEY, OWNER, PHONE, '123456'), actual)).toBe(expected);
  });

  it('is a different key from the phone lookup pepper it is derived from', () => {
    expect(phoneCodeKey('p'.repeat(32))).not.toBe('p'.repeat(32));
    expect(phoneCodeKey('p'.repeat(32))).toBe(phoneCodeKey('p'.repeat(32)));
  });
});

describe('whether a stored code can be tried', () => {
  const at = 1_000_000;
  const record = (over: Partial<PhoneCodeRecord>): PhoneCodeRecord => ({
    codeHash: 'ab',
    tries: 0,
    status: 'pending',
    expiresAt: at + 60,
    ...over,
  });
  it.each([
    ['no code', null, 'none'],
    ['a fresh code', record({}), 'usable'],
    ['4 tries used', record({ tries: MAX_TRIES - 1 }), 'usable'],
    ['5 tries used', record({ tries: MAX_TRIES }), 'too_many'],
    ['expiring this second', record({ expiresAt: at }), 'expired'],
    ['expired', record({ expiresAt: at - 1 }), 'expired'],
    ['verified', record({ status: 'verified' }), 'used'],
    ['used', record({ status: 'used' }), 'used'],
  ] as const)('%s → %s', (_label, r, expected) => {
    expect(codeState(r, at)).toBe(expected);
  });
});

describe('the verification use case', () => {
  it('texts a code that expires in 10 minutes and stores only its digest', async () => {
    // Prepare
    const w = world();
    // Act
    const out = await w.phones.send(OWNER, PHONE);
    // Assess
    expect(out).toEqual({ ok: true });
    expect(w.sent).toEqual([{ to: PHONE, text: codeMessage('123456') }]);
    expect(w.sent[0]!.text).toMatch(/if it was not you, ignore this message/);
    const stored = (await w.codes.phoneCode(OWNER, PHONE))!;
    expect(JSON.stringify(stored)).not.toContain('123456');
    expect(stored).toMatchObject({ tries: 0, status: 'pending' });
    expect(stored.expiresAt).toBe(Date.parse('2026-11-24T10:00:00Z') / 1000 + CODE_TTL_SECONDS);
  });

  it('sends nothing over the limit', async () => {
    // Prepare
    const w = world({ allowed: false });
    // Act
    const out = await w.phones.send(OWNER, PHONE);
    // Assess
    expect(out).toEqual({ ok: false, reason: 'rate_limited' });
    expect(w.sent).toEqual([]);
    expect(await w.codes.phoneCode(OWNER, PHONE)).toBeNull();
  });

  it('counts down wrong tries, then refuses even the right code', async () => {
    // Prepare
    const w = world();
    await w.phones.send(OWNER, PHONE);
    // Act
    const answers = [];
    for (let i = 0; i < MAX_TRIES; i++) answers.push(await w.phones.check(OWNER, PHONE, '000000'));
    const right = await w.phones.check(OWNER, PHONE, '123456');
    // Assess
    expect(answers).toEqual([
      { ok: false, reason: 'wrong', triesLeft: 4 },
      { ok: false, reason: 'wrong', triesLeft: 3 },
      { ok: false, reason: 'wrong', triesLeft: 2 },
      { ok: false, reason: 'wrong', triesLeft: 1 },
      { ok: false, reason: 'too_many' },
    ]);
    expect(right).toEqual({ ok: false, reason: 'too_many' });
  });

  it.each([
    ['just inside 10 minutes', CODE_TTL_SECONDS - 1, { ok: true }],
    ['at 10 minutes', CODE_TTL_SECONDS, { ok: false, reason: 'expired' }],
  ])('a right code %s → %j', async (_label, seconds, expected) => {
    // Prepare
    const w = world();
    await w.phones.send(OWNER, PHONE);
    w.advance(seconds);
    // Act / Assess
    expect(await w.phones.check(OWNER, PHONE, '123456')).toEqual(expected);
  });

  it('a right code is proof once: consumed once, never verified again', async () => {
    // Prepare
    const w = world();
    await w.phones.send(OWNER, PHONE);
    // Act
    const first = await w.phones.check(OWNER, PHONE, '123456');
    const again = await w.phones.check(OWNER, PHONE, '123456');
    const consumed = [await w.phones.consume(OWNER, PHONE), await w.phones.consume(OWNER, PHONE)];
    // Assess
    expect(first).toEqual({ ok: true });
    expect(again).toEqual({ ok: false, reason: 'none' });
    expect(consumed).toEqual([true, false]);
  });

  it('proves nothing for another account or another number', async () => {
    // Prepare
    const w = world();
    await w.phones.send(OWNER, PHONE);
    // Act / Assess
    expect(await w.phones.check('sub-2', PHONE, '123456')).toEqual({ ok: false, reason: 'none' });
    expect(await w.phones.check(OWNER, '+12025550124', '123456')).toEqual({ ok: false, reason: 'none' });
    expect(await w.phones.consume(OWNER, PHONE)).toBe(false);
  });
});
