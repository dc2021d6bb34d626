/**
 * Days of supply and stock levels (DOMAIN.md "Stock levels and shortages"): units available ÷ average
 * daily issues; green ≥ 2 days, amber < 2, red < 1, thresholds per blood group and configurable.
 */
import * as z from 'zod';
import { InvalidArgumentError, InvalidThresholdsError } from './errors.js';
import type { Policy } from './policy.js';
import type { BloodGroup } from './vocabulary.js';

export type StockLevel = 'green' | 'amber' | 'red';
/** What anonymous users and donors see: no unit counts, just the need. */
export type PublicLevel = 'ok' | 'low' | 'critical';

export interface Thresholds {
  amberBelowDays: number;
  redBelowDays: number;
}

// z.number() already rejects NaN and ±Infinity.
export const thresholdsSchema = z
  .object({ amberBelowDays: z.number(), redBelowDays: z.number().positive() })
  .refine((t) => t.amberBelowDays > t.redBelowDays, {
    message: 'amberBelowDays must be greater than redBelowDays',
    path: ['amberBelowDays'],
  });

// The schema and the published interface must describe the same shape.
const _schemaMatchesInterface: z.infer<typeof thresholdsSchema> extends Thresholds ? true : never = true;
void _schemaMatchesInterface;

/** Per-group overrides, e.g. a site that wants an earlier warning for O−. */
export type GroupThresholds = Partial<Record<BloodGroup, Thresholds>>;

export function thresholdsFor(group: BloodGroup, overrides: GroupThresholds, policy: Policy): Thresholds {
  return overrides[group] ?? policy.stockLevels;
}

/** Reported instead of Infinity when nothing is being issued, so values stay JSON- and DynamoDB-safe. */
export const MAX_DAYS_OF_SUPPLY = 999;

function assertNonNegative(name: string, value: number): void {
  if (!Number.isFinite(value) || value < 0) throw new InvalidArgumentError(`${name} must be ≥ 0: ${value}`);
}

/**
 * Mean of the window (oldest → newest). An empty window means no history, so the configured fallback
 * is used; a window of zeros is real history (nothing issued) and averages to 0.
 */
export function averageDailyIssues(issuesPerDay: number[], fallback: number): number {
  assertNonNegative('fallback', fallback);
  if (issuesPerDay.length === 0) return fallback;
  let total = 0;
  for (const issues of issuesPerDay) {
    assertNonNegative('issues per day', issues);
    total += issues;
  }
  return total / issuesPerDay.length;
}

/** Units ÷ average daily issues, capped at MAX_DAYS_OF_SUPPLY; no units is 0 days even with no demand. */
export function daysOfSupply(unitsAvailable: number, avgDailyIssues: number): number {
  assertNonNegative('units available', unitsAvailable);
  assertNonNegative('average daily issues', avgDailyIssues);
  if (unitsAvailable === 0) return 0;
  if (avgDailyIssues === 0) return MAX_DAYS_OF_SUPPLY;
  return Math.min(unitsAvailable / avgDailyIssues, MAX_DAYS_OF_SUPPLY);
}

export function stockLevel(days: number, thresholds: Thresholds): StockLevel {
  const parsed = thresholdsSchema.safeParse(thresholds);
  if (!parsed.success) throw new InvalidThresholdsError(parsed.error.message, { cause: parsed.error });
  if (Number.isNaN(days) || days < 0) throw new InvalidArgumentError(`days must be ≥ 0: ${days}`);
  if (days < thresholds.redBelowDays) return 'red';
  if (days < thresholds.amberBelowDays) return 'amber';
  return 'green';
}

const PUBLIC: Record<StockLevel, PublicLevel> = { green: 'ok', amber: 'low', red: 'critical' };

export function publicLevel(level: StockLevel): PublicLevel {
  return PUBLIC[level];
}
