/**
 * Per-principal rate limits for the chat API: a fixed window of `limit` messages per `windowSeconds`
 * per signed-in user, or per caller address for anonymous visitors (who all share one principal).
 * The embedded default counts in memory; on AWS the count lives in DynamoDB so every Lambda
 * container sees the same window (API Gateway's own throttling is the coarse outer layer).
 */
import type { Principal } from '../../fulfillment/auth/principal.js';
import { logTag } from '../../fulfillment/privacy.js';
import type { IdentityStore } from '../../fulfillment/store/port.js';
import type { HttpRequest } from '../shared/http.js';
import type { RateVerdict } from './chat.js';

export interface RateLimiter {
  hit(key: string): Promise<RateVerdict>;
}

export interface RateLimit {
  limit: number;
  windowSeconds: number;
}

/** The counter key: never the raw address, which is personal data. */
export function rateKey(principal: Principal, request: HttpRequest): string {
  return principal.role === 'anonymous'
    ? `anon:${logTag(request.sourceIp ?? 'unknown')}`
    : `user:${logTag(principal.userId)}`;
}

export class MemoryRateLimiter implements RateLimiter {
  private readonly windows = new Map<string, { start: number; hits: number }>();

  constructor(
    private readonly rate: RateLimit,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async hit(key: string): Promise<RateVerdict> {
    const nowSeconds = Math.floor(this.now().getTime() / 1000);
    const start = nowSeconds - (nowSeconds % this.rate.windowSeconds);
    if (this.windows.size > 10_000) {
      for (const [k, w] of this.windows) if (w.start < start) this.windows.delete(k);
    }
    const window = this.windows.get(key);
    const current = window && window.start === start ? window : { start, hits: 0 };
    if (current.hits >= this.rate.limit) {
      return { allowed: false, retryAfterSeconds: start + this.rate.windowSeconds - nowSeconds };
    }
    this.windows.set(key, { start, hits: current.hits + 1 });
    return { allowed: true, retryAfterSeconds: 0 };
  }
}

export function dynamoRateLimiter(store: Pick<IdentityStore, 'hitRateLimit'>, rate: RateLimit): RateLimiter {
  return { hit: (key) => store.hitRateLimit(key, rate.limit, rate.windowSeconds) };
}
