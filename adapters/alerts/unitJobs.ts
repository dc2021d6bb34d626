/**
 * The scheduled jobs of the life of a unit (issue 14), run by the alerts function on AWS and by the
 * embedded default: the nightly expiry sweep (available units past their last day → `expired`, then
 * shortage detection, since an expiry is a stock change) and the morning message to the staff
 * channel listing units that expire within 48 hours, per site. Adapter → use cases
 * (fulfillment/usecases/units/expiry.ts); the message is ./expiringMessage.ts.
 */
import { todayIn } from '../../fulfillment/clock.js';
import { ALERTS_ACTOR } from '../../fulfillment/usecases/alerts/deliver.js';
import { type CheckResult, runStockCheck } from '../../fulfillment/usecases/alerts/detect.js';
import type { AlertDeps } from '../../fulfillment/usecases/alerts/port.js';
import type { UnitDeps } from '../../fulfillment/usecases/units/deps.js';
import { expiringUnits, expirySweep } from '../../fulfillment/usecases/units/expiry.js';
import type { UnitNotifier } from '../../fulfillment/usecases/units/notice.js';
import type { SlackMessage } from '../slack/blocks.js';
import { expiringMessage } from './expiringMessage.js';

/** Where ready-made staff messages go: the staff Slack channel, or the outbox locally. */
export interface StaffChannel {
  post(message: SlackMessage): Promise<void>;
}

export interface UnitJobs {
  /** The unit use cases' deps; its clock is the job's (a dev run may set `now`). */
  units: UnitDeps;
  /** null when no staff channel is configured: the list is computed and logged, not posted. */
  staff: (StaffChannel & UnitNotifier) | null;
}

/** "Within 48 hours" of a morning run: units whose last day is today or tomorrow. */
export const EXPIRING_DAYS = 1;

export interface SweepOutcome {
  expired: number;
  /** Units that kept changing under the sweep (left for the next run). */
  left: number;
  check: CheckResult | null;
}

export async function runUnitExpirySweep(deps: AlertDeps, jobs: UnitJobs): Promise<SweepOutcome> {
  // Detection runs once after the whole sweep, not once per batch.
  const { onStockChange: _, ...quiet } = jobs.units;
  const sweep = await expirySweep(quiet, {}, ALERTS_ACTOR);
  if (!sweep.ok) throw new Error(`expiry sweep refused its input: ${sweep.message}`);
  deps.logger.info('unit expiry sweep', { day: sweep.day, expired: sweep.expired.length, left: sweep.left });
  const check = sweep.expired.length > 0 ? await runStockCheck(deps, 'expiry') : null;
  return { expired: sweep.expired.length, left: sweep.left, check };
}

export interface ExpiringOutcome {
  expiring: number;
  sites: string[];
  posted: boolean;
}

export async function runExpiringSoon(deps: AlertDeps, jobs: UnitJobs): Promise<ExpiringOutcome> {
  const found = await expiringUnits(jobs.units, { days: EXPIRING_DAYS });
  if (!found.ok) throw new Error(`expiring units refused its input: ${found.message}`);
  const today = todayIn(jobs.units.clock.timeZone, jobs.units.clock.now());
  const message = expiringMessage(found.units, today);
  const posted = Boolean(message && jobs.staff);
  if (message && jobs.staff) await jobs.staff.post(message);
  const sites = found.bySite.map((s) => s.site);
  deps.logger.info('expiring units', { expiring: found.units.length, sites: sites.length, posted });
  return { expiring: found.units.length, sites, posted };
}
