/**
 * The signed principal. Adapters verify who is speaking and pass it to the bot as a session
 * attribute; anyone who can reach Lex could set session attributes, so fulfillment believes only a
 * principal carrying a valid, unexpired HMAC made with the key it shares with the adapters.
 * Format: base64url(JSON payload) "." base64url(HMAC-SHA256(payload)).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import * as z from 'zod';
import { ROLES } from '../domain/vocabulary.js';
import { CHANNELS } from '../store/port.js';

export const PRINCIPAL_ATTRIBUTE = 'principal';

export const principalSchema = z.object({
  userId: z.string().min(1).max(200),
  role: z.enum(ROLES),
  channel: z.enum(CHANNELS),
  donorId: z.string().min(1).max(100).optional(),
});
export type Principal = z.infer<typeof principalSchema>;

const tokenPayloadSchema = principalSchema.extend({ exp: z.number().int() });

export function anonymous(channel: Principal['channel']): Principal {
  return { userId: 'anonymous', role: 'anonymous', channel };
}

function mac(key: string, payload: string): Buffer {
  return createHmac('sha256', key).update(payload).digest();
}

export function signPrincipal(principal: Principal, key: string, now: Date, ttlSeconds = 900): string {
  const payload = Buffer.from(
    JSON.stringify({
      ...principalSchema.parse(principal),
      exp: Math.floor(now.getTime() / 1000) + ttlSeconds,
    }),
  ).toString('base64url');
  return `${payload}.${mac(key, payload).toString('base64url')}`;
}

export type PrincipalCheck =
  | { ok: true; principal: Principal }
  | { ok: false; reason: 'missing' | 'malformed' | 'bad_signature' | 'expired' };

export function verifyPrincipal(token: string | undefined, key: string, now: Date): PrincipalCheck {
  if (!token) return { ok: false, reason: 'missing' };
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined) return { ok: false, reason: 'malformed' };
  const expected = mac(key, payload);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, reason: 'bad_signature' };
  }
  let parsed: z.infer<typeof tokenPayloadSchema>;
  try {
    parsed = tokenPayloadSchema.parse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (parsed.exp * 1000 <= now.getTime()) return { ok: false, reason: 'expired' };
  const { exp: _exp, ...principal } = parsed;
  return { ok: true, principal };
}
