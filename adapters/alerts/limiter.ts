/**
 * Paces appeal SMS to the account's throughput (messages per second of the origination identity:
 * e.g. 20 for a toll-free number, 100 for a short code). Spacing, not a window: each send is given
 * the next free moment, so a burst of concurrent callers is spread evenly and never exceeds the rate.
 * The clock and sleep are injected, so the benchmark can run it in simulated time.
 */
import type { SmsPacer } from '../../fulfillment/usecases/alerts/port.js';

export interface SpacingLimiterOptions {
  perSecond: number;
  /** Sends allowed back to back after an idle period (the account's burst allowance). */
  burst?: number;
  clock?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export class SpacingLimiter implements SmsPacer {
  private readonly interval: number;
  private readonly burst: number;
  private readonly clock: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private nextAt = Number.NEGATIVE_INFINITY;

  constructor(options: SpacingLimiterOptions) {
    if (!(options.perSecond > 0)) throw new RangeError('perSecond must be > 0');
    this.interval = 1000 / options.perSecond;
    this.burst = Math.max(1, options.burst ?? 1);
    this.clock = options.clock ?? (() => Date.now());
    this.sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  }

  async take(): Promise<void> {
    const now = this.clock();
    // Claimed synchronously, so concurrent callers each get their own moment.
    const at = Math.max(this.nextAt, now - (this.burst - 1) * this.interval);
    this.nextAt = at + this.interval;
    if (at > now) await this.sleep(at - now);
  }

  /** When the last claimed send goes out (ms on the limiter's clock). */
  get lastSendAt(): number {
    return this.nextAt - this.interval;
  }
}
