/**
 * Personal data never becomes a key, a session id or a log field in clear. Phone numbers are keyed by
 * an HMAC with a secret pepper: a leaked table or log cannot be reversed by hashing every number.
 */
import { createHash, createHmac } from 'node:crypto';

export type PhoneHasher = (phoneE164: string) => string;

export function createPhoneHasher(secret: string): PhoneHasher {
  return (phoneE164) => createHmac('sha256', secret).update(phoneE164).digest('hex').slice(0, 40);
}

/** A short, stable, non-reversible tag for logs (session ids, user ids). */
export function logTag(value: string): string {
  return createHash('sha256').update(value).digest('hex').slice(0, 12);
}
