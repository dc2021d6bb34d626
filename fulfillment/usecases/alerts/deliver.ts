/**
 * Use case: contact the donors of one alert. adapter → use case → store + SNS (through ports).
 * Primary course: take the alert's delivery lease (one deliverer at a time, so the SMS rate holds
 * across invocations) → page through selected donors → for each, claim the contact (conditional:
 * opted in, not alerted within the quiet period) → wait for the rate limiter → send the SMS → count
 * and audit per page → stop at the cap, or when the time budget is spent (the next stock check
 * resumes: claimed donors are no longer candidates, so nobody is texted twice).
 */
import { todayIn } from '../../clock.js';
import type { Actor } from '../../store/port.js';
import { alertSmsText } from './messages.js';
import type { AlertDeps, AlertRecord, TargetCandidate } from './port.js';
import { emptyStats, mapLimit, selectDonors, type TargetingStats } from './targeting.js';

export const ALERTS_ACTOR: Actor = { userId: 'alerts', role: 'admin', channel: 'system' };

export interface DeliveryResult {
  contacted: number;
  failed: number;
  finished: boolean;
  stats: TargetingStats;
}

export async function deliverAlert(
  deps: AlertDeps,
  alertId: string,
  options: { stats?: TargetingStats; pageSize?: number } = {},
): Promise<DeliveryResult> {
  const stats = options.stats ?? emptyStats();
  const result: DeliveryResult = { contacted: 0, failed: 0, finished: false, stats };
  const startedMs = Date.now();
  const leaseUntil = new Date(deps.now().getTime() + deps.deliveryBudgetMs + 60_000).toISOString();
  if (!(await deps.alerts.acquireDeliveryLease(alertId, leaseUntil))) return result;
  try {
    const alert = await deps.alerts.alert(alertId);
    if (alert?.status !== 'open' || alert.delivery === 'done') return { ...result, finished: true };
    let remaining = alert.cap - alert.counts.contacted;
    const today = todayIn(deps.timeZone, deps.now());
    const siteNames = new Map((await deps.inventory.sites()).map((s) => [s.id, s.name]));
    const pages = selectDonors(deps, alert.group, today, {
      stats,
      ...(options.pageSize ? { pageSize: options.pageSize } : {}),
    });
    for await (const page of pages) {
      // No more than the cap in flight: a skipped or failed contact frees its place for the next donor.
      for (let next = 0; next < page.length && remaining > 0; ) {
        const batch = page.slice(next, next + remaining);
        next += batch.length;
        const outcomes = await mapLimit(batch, deps.concurrency, (donor) =>
          contact(deps, alert, donor, today, siteNames.get(donor.homeSite) ?? 'your donor centre'),
        );
        const contacted = batch.filter((_, i) => outcomes[i] === 'sent').map((d) => d.donorId);
        const failed = outcomes.filter((o) => o === 'failed').length;
        await deps.alerts.addCounts(alertId, { contacted: contacted.length, failed });
        await deps.alerts.auditContacts(alertId, contacted, ALERTS_ACTOR);
        result.contacted += contacted.length;
        result.failed += failed;
        remaining -= contacted.length;
      }
      if (remaining <= 0) break;
      if (Date.now() - startedMs > deps.deliveryBudgetMs) {
        deps.logger.info('alert delivery paused', { alertId, contacted: result.contacted });
        return result;
      }
    }
    await deps.alerts.finishDelivery(alertId);
    result.finished = true;
    deps.logger.info('alert delivered', {
      alertId,
      contacted: result.contacted,
      failed: result.failed,
      ...stats,
    });
    return result;
  } finally {
    await deps.alerts.releaseDeliveryLease(alertId);
  }
}

async function contact(
  deps: AlertDeps,
  alert: AlertRecord,
  donor: TargetCandidate,
  today: string,
  siteName: string,
): Promise<'sent' | 'skipped' | 'failed'> {
  const sentAt = deps.now();
  const claim = await deps.alerts.claimContact(
    donor,
    {
      alertId: alert.alertId,
      group: alert.group,
      site: donor.homeSite,
      sentAt: sentAt.toISOString(),
      expiresAt: Math.floor(sentAt.getTime() / 1000) + deps.settings.replyWindowHours * 3600,
    },
    today,
    deps.settings.quietDays,
  );
  if (claim !== 'claimed') return 'skipped';
  await deps.limiter.take();
  try {
    await deps.sender.send({
      to: donor.phoneE164,
      text: alertSmsText({ group: alert.group, level: alert.level, siteName }),
      alertId: alert.alertId,
    });
    return 'sent';
  } catch (error) {
    // Not sent: undo the claim so the donor is neither "recently alerted" nor holding a dead context.
    deps.logger.warn('appeal sms failed', {
      alertId: alert.alertId,
      error: error instanceof Error ? error.name : 'unknown',
    });
    await deps.alerts.releaseContact(donor, alert.alertId).catch(() => undefined);
    return 'failed';
  }
}
