/**
 * Use case: the nightly expiry sweep. adapter → use case → store.
 * Primary course: for every stock line (site × group × component), query the units past their last
 * day through the FEFO index (key condition on expiry, never a scan) → expire them with their
 * counter and audit entry in one transaction per line → if anything expired, run shortage detection,
 * since an expiry is a stock change like an issue.
 */
import { todayIn } from '../../clock.js';
import { BLOOD_GROUPS, COMPONENTS } from '../../domain/vocabulary.js';
import { ALERTS_ACTOR } from './deliver.js';
import { type CheckResult, runStockCheck } from './detect.js';
import type { AlertDeps } from './port.js';
import { mapLimit } from './targeting.js';

export interface SweepResult {
  expired: number;
  /** Stock lines (`site#group#component`) that lost units. */
  lines: string[];
  check: CheckResult | null;
}

export async function runExpirySweep(deps: AlertDeps): Promise<SweepResult> {
  const today = todayIn(deps.timeZone, deps.now());
  const sites = await deps.inventory.sites();
  const lines = sites.flatMap((s) =>
    BLOOD_GROUPS.flatMap((group) => COMPONENTS.map((component) => ({ site: s.id, group, component }))),
  );
  const counts = await mapLimit(lines, deps.concurrency, async (line) => {
    const units = await deps.alerts.expiredUnits(line.site, line.group, line.component, today);
    return units.length === 0 ? 0 : deps.alerts.expireUnits(units, today, ALERTS_ACTOR);
  });
  const changed = lines
    .filter((_, i) => (counts[i] ?? 0) > 0)
    .map((l) => `${l.site}#${l.group}#${l.component}`);
  const expired = counts.reduce((a, b) => a + b, 0);
  deps.logger.info('expiry sweep', { expired, lines: changed.length });
  const check = expired > 0 ? await runStockCheck(deps, 'expiry') : null;
  return { expired, lines: changed, check };
}
