/**
 * Use case: who receives an appeal. adapter → use case → domain + store.
 * Primary course: for each donor group whose red cells serve the short group (domain
 * `donorsWhoCanServe`, best match first), page through the sparse index of opted-in donors that
 * are contactable today (GSI1, key condition only), drop numbers that said STOP (one BatchGet per
 * page), read each remaining donor's history (one Query each) and keep those eligible for whole
 * blood today. A donor
 * found ineligible is moved later in the index (to their next eligible day), so the next appeal does
 * not read them again.
 */
import { donorsWhoCanServe } from '../../domain/compatibility.js';
import type { BloodGroup } from '../../domain/vocabulary.js';
import { type AlertDeps, NEVER_AGAIN, type TargetCandidate } from './port.js';
import { type Refusal, screenContact, screenHistory } from './rules.js';

export type TargetingStats = Record<'read' | 'selected' | Refusal['reason'], number>;

export function emptyStats(): TargetingStats {
  return {
    read: 0,
    selected: 0,
    incompatible: 0,
    not_opted_in: 0,
    opted_out: 0,
    recently_alerted: 0,
    ineligible: 0,
    booked: 0,
    unknown: 0,
  };
}

/** Runs `fn` over `items` with at most `limit` in flight; results in input order. */
export async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** Pages of donors who may receive an appeal for `shortGroup` today, best-matched groups first. */
export async function* selectDonors(
  deps: Pick<AlertDeps, 'alerts' | 'policy' | 'settings' | 'concurrency'>,
  shortGroup: BloodGroup,
  today: string,
  options: { pageSize?: number; stats?: TargetingStats } = {},
): AsyncGenerator<TargetCandidate[]> {
  const stats = options.stats ?? emptyStats();
  const pageSize = options.pageSize ?? 100;
  for (const group of donorsWhoCanServe(shortGroup, 'red_cells')) {
    let cursor: Record<string, unknown> | undefined;
    do {
      const page = await deps.alerts.candidates(group, today, pageSize, cursor);
      cursor = page.next;
      stats.read += page.candidates.length;
      const optedOut = await deps.alerts.optedOut(
        page.candidates.filter((c) => c.smsOptIn).map((c) => c.phoneHash),
      );
      const screened = await mapLimit(page.candidates, deps.concurrency, async (candidate) => {
        const contact = screenContact({
          shortGroup,
          candidate,
          optedOut: optedOut.has(candidate.phoneHash),
          today,
          quietDays: deps.settings.quietDays,
        });
        // A donor's history is read only when nothing cheaper rules them out.
        if (!contact.ok) return { candidate, result: contact };
        const result = screenHistory(await deps.alerts.donorFile(candidate.donorId), today, deps.policy);
        if (!result.ok && result.reason === 'ineligible') {
          await deps.alerts.deferCandidate(candidate, result.notBefore ?? NEVER_AGAIN);
        }
        return { candidate, result };
      });
      const selected: TargetCandidate[] = [];
      for (const { candidate, result } of screened) {
        if (result.ok) selected.push(candidate);
        else stats[result.reason] += 1;
      }
      stats.selected += selected.length;
      if (selected.length > 0) yield selected;
    } while (cursor);
  }
}
