/**
 * Proof that a phone number belongs to whoever gives it (issue 12, "no oracle, no borrowed phones").
 * Use case: intent (RegisterDonor) → here → the PhoneCodeStore port and an SMS port.
 *
 * Primary course: a signed-in account gives a number → a 6-digit code is texted to it (whether or not
 * the number is on file, with words that suit both) → the account types it back → one try is taken
 * from at most 5 → the code is compared in constant time → the proof is marked verified → fulfillment
 * consumes it once, then creates or links the profile.
 *
 * Only an HMAC of the code is stored (bound to the account and the number), with a 10-minute expiry
 * that DynamoDB's TTL sweeps and every check enforces. The try counter moves by a conditional
 * update, so parallel guesses can never make more than 5 comparisons. Codes are rate-limited per
 * number and per account, so neither a number's owner nor the SMS bill can be flooded.
 */
import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import * as z from 'zod';
import type { IdentityStore } from '../store/port.js';

export const CODE_TTL_SECONDS = 10 * 60;
export const MAX_TRIES = 5;
/** Codes per number per hour, and per account per hour. */
export const CODES_PER_NUMBER = 3;
export const CODES_PER_ACCOUNT = 5;
const HOUR = 3600;

export type PhoneCodeStatus = 'pending' | 'verified' | 'used';

/** A code as stored: never the code itself. `expiresAt` is epoch seconds (the TTL attribute). */
export interface PhoneCodeRecord {
  codeHash: string;
  tries: number;
  status: PhoneCodeStatus;
  expiresAt: number;
}

/**
 * Where codes live. `owner` is the account asking (the principal's user id); one code per owner and
 * number, a new one replacing the last.
 */
export interface PhoneCodeStore {
  putPhoneCode(owner: string, phoneE164: string, record: PhoneCodeRecord): Promise<void>;
  phoneCode(owner: string, phoneE164: string): Promise<PhoneCodeRecord | null>;
  /**
   * Takes one try, only while the code is pending, unexpired at `nowSeconds` and has fewer than
   * `maxTries` tries: the record after the try, or null when any of that does not hold.
   */
  takePhoneCodeTry(
    owner: string,
    phoneE164: string,
    maxTries: number,
    nowSeconds: number,
  ): Promise<PhoneCodeRecord | null>;
  /** Moves the code `codeHash` from one status to the next while unexpired; false when it was not there. */
  movePhoneCode(
    owner: string,
    phoneE164: string,
    codeHash: string,
    from: PhoneCodeStatus,
    to: PhoneCodeStatus,
    nowSeconds: number,
  ): Promise<boolean>;
}

/** Texts one message; the channel's own sender (SNS on AWS, the outbox locally) is behind it. */
export interface VerificationSms {
  send(sms: { to: string; text: string }): Promise<void>;
}

/** A code as people type it: six digits, spaces or dashes between them allowed ("123 456"). */
export const codeInputSchema = z
  .string()
  .transform((s) => s.replace(/[\s-]/g, ''))
  .pipe(z.string().regex(/^\d{6}$/, 'six digits'));

export function parseCodeInput(text: string): string | null {
  const parsed = codeInputSchema.safeParse(text);
  return parsed.success ? parsed.data : null;
}

/** The HMAC stored for a code, bound to the account and the number it was sent for. */
export function codeDigest(key: string, owner: string, phoneE164: string, code: string): string {
  return createHmac('sha256', key).update(`${owner}\n${phoneE164}\n${code}`).digest('hex');
}

/** Equal digests, compared in constant time (a timing difference must not tell a near miss). */
export function digestsMatch(expectedHex: string, actualHex: string): boolean {
  const a = Buffer.from(expectedHex, 'hex');
  const b = Buffer.from(actualHex, 'hex');
  return a.length === b.length && a.length > 0 && timingSafeEqual(a, b);
}

export type CodeState = 'usable' | 'expired' | 'too_many' | 'used' | 'none';

/** Whether a stored code can still be tried at `nowSeconds`. */
export function codeState(record: PhoneCodeRecord | null, nowSeconds: number): CodeState {
  if (!record) return 'none';
  if (record.status !== 'pending') return 'used';
  if (record.expiresAt <= nowSeconds) return 'expired';
  if (record.tries >= MAX_TRIES) return 'too_many';
  return 'usable';
}

/** One SMS for a number on file and a new one alike: its owner learns someone tried, nothing more. */
export function codeMessage(code: string): string {
  return (
    `Blood service: your code is ${code}. It is valid for 10 minutes. Someone is registering as a ` +
    'donor with this number; if it was not you, ignore this message and nothing will change.'
  );
}

export type SendOutcome = { ok: true } | { ok: false; reason: 'rate_limited' };

export type CheckOutcome =
  | { ok: true }
  | { ok: false; reason: 'wrong'; triesLeft: number }
  | { ok: false; reason: 'too_many' | 'expired' | 'none' };

export interface PhoneVerification {
  /** Texts a new code to the number for this account (replacing any earlier one), within the limits. */
  send(owner: string, phoneE164: string): Promise<SendOutcome>;
  /** Tries a typed code (already parsed to six digits); a right one marks the proof verified. */
  check(owner: string, phoneE164: string, code: string): Promise<CheckOutcome>;
  /** Uses a verified proof once: true exactly once per verified code, and only before it expires. */
  consume(owner: string, phoneE164: string): Promise<boolean>;
}

export interface PhoneVerificationDeps {
  codes: PhoneCodeStore;
  limits: Pick<IdentityStore, 'hitRateLimit'>;
  sms: VerificationSms;
  /** The HMAC key (derived from the phone-hash secret: see phoneCodeKey). */
  key: string;
  now: () => Date;
  /** Six digits; random by default. */
  newCode?: () => string;
}

/**
 * The code key, derived from the phone-hash secret (same secret, same delivery through
 * fulfillment/secrets.ts) under its own label, so a code digest can never equal a phone lookup key.
 */
export function phoneCodeKey(phoneHashKey: string): string {
  return createHmac('sha256', phoneHashKey).update('bloodbank phone verification code v1').digest('hex');
}

/** A number as a rate-limit key: keyed, so the key itself does not hold the number. */
function numberTag(key: string, phoneE164: string): string {
  return createHmac('sha256', key).update(`limit\n${phoneE164}`).digest('hex').slice(0, 40);
}

const randomCode = () => String(randomInt(0, 1_000_000)).padStart(6, '0');

export function createPhoneVerification(deps: PhoneVerificationDeps): PhoneVerification {
  const nowSeconds = () => Math.floor(deps.now().getTime() / 1000);
  const newCode = deps.newCode ?? randomCode;
  return {
    async send(owner, phoneE164) {
      // The number's limit first: it protects the owner of the phone whoever is asking.
      const perNumber = await deps.limits.hitRateLimit(
        `phonecode#${numberTag(deps.key, phoneE164)}`,
        CODES_PER_NUMBER,
        HOUR,
      );
      if (!perNumber.allowed) return { ok: false, reason: 'rate_limited' };
      const perAccount = await deps.limits.hitRateLimit(
        `phonecode-account#${owner}`,
        CODES_PER_ACCOUNT,
        HOUR,
      );
      if (!perAccount.allowed) return { ok: false, reason: 'rate_limited' };
      const code = newCode();
      await deps.codes.putPhoneCode(owner, phoneE164, {
        codeHash: codeDigest(deps.key, owner, phoneE164, code),
        tries: 0,
        status: 'pending',
        expiresAt: nowSeconds() + CODE_TTL_SECONDS,
      });
      await deps.sms.send({ to: phoneE164, text: codeMessage(code) });
      return { ok: true };
    },

    async check(owner, phoneE164, code) {
      const now = nowSeconds();
      const tried = await deps.codes.takePhoneCodeTry(owner, phoneE164, MAX_TRIES, now);
      if (!tried) {
        const state = codeState(await deps.codes.phoneCode(owner, phoneE164), now);
        // A used code is as good as none: replaying it proves nothing.
        const reason = state === 'expired' || state === 'too_many' ? state : 'none';
        return { ok: false, reason };
      }
      const typed = codeDigest(deps.key, owner, phoneE164, code);
      if (digestsMatch(tried.codeHash, typed)) {
        const moved = await deps.codes.movePhoneCode(
          owner,
          phoneE164,
          tried.codeHash,
          'pending',
          'verified',
          now,
        );
        return moved ? { ok: true } : { ok: false, reason: 'none' };
      }
      const triesLeft = MAX_TRIES - tried.tries;
      return triesLeft > 0 ? { ok: false, reason: 'wrong', triesLeft } : { ok: false, reason: 'too_many' };
    },

    async consume(owner, phoneE164) {
      const record = await deps.codes.phoneCode(owner, phoneE164);
      if (record?.status !== 'verified') return false;
      return deps.codes.movePhoneCode(owner, phoneE164, record.codeHash, 'verified', 'used', nowSeconds());
    },
  };
}
