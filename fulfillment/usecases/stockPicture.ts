/**
 * Use case: the stock picture (CheckStock, alerts, reports). adapter → use case → domain.
 * Primary course: read every counter in one query and the last week's issues in one query, then
 * compute days of supply and a level per group and component with the domain's rules.
 */
import { addDays } from '../domain/dates.js';
import type { Policy } from '../domain/policy.js';
import {
  averageDailyIssues,
  daysOfSupply,
  type GroupThresholds,
  type StockLevel,
  stockLevel,
  thresholdsFor,
} from '../domain/supply.js';
import { BLOOD_GROUPS, type BloodGroup, COMPONENTS, type Component } from '../domain/vocabulary.js';
import type { InventoryStore, StockSnapshot } from '../store/port.js';

/** Days of issue history the rolling average uses. */
export const ISSUE_WINDOW_DAYS = 7;

/**
 * Approximate share of issues per group (US population frequencies, American Red Cross), used only
 * to split the policy's default daily issues when a group has no history yet. O− is weighted up
 * because it is also issued as the universal red-cell type.
 */
const GROUP_SHARE: Record<BloodGroup, number> = {
  'O+': 0.37,
  'O-': 0.1,
  'A+': 0.33,
  'A-': 0.06,
  'B+': 0.08,
  'B-': 0.02,
  'AB+': 0.03,
  'AB-': 0.01,
};

export interface StockRow {
  group: BloodGroup;
  component: Component;
  available: number;
  bySite: Record<string, number>;
  averageDailyIssues: number;
  daysOfSupply: number;
  level: StockLevel;
}

export async function stockPicture(input: {
  store: InventoryStore;
  policy: Policy;
  today: string;
  component: Component;
  site?: string;
  thresholds?: GroupThresholds;
}): Promise<StockRow[]> {
  const days = issueWindow(input.today);
  const snapshot = await input.store.stockSnapshot(input.component, days[0]!);
  return rowsOf(snapshot, days, input);
}

/** One line of the live picture per site: the `GET /api/stock` contract. */
export interface SiteStockRow {
  site: string;
  group: BloodGroup;
  component: Component;
  available: number;
  daysOfSupply: number;
  level: StockLevel;
}

/**
 * The picture per site, group and component (every site the store knows, every group and component,
 * zero rows included). One snapshot query per component; each site's line is judged the way a
 * CheckStock "at <site>" is: its own units against the service's issue rate.
 */
export async function stockBySite(input: {
  store: InventoryStore & { sites(): Promise<Array<{ id: string }>> };
  policy: Policy;
  today: string;
  thresholds?: GroupThresholds;
}): Promise<SiteStockRow[]> {
  const days = issueWindow(input.today);
  const sites = (await input.store.sites()).map((s) => s.id).sort();
  const snapshots = await Promise.all(
    COMPONENTS.map((component) => input.store.stockSnapshot(component, days[0]!)),
  );
  const lines: SiteStockRow[] = [];
  for (const site of sites) {
    COMPONENTS.forEach((component, i) => {
      for (const row of rowsOf(snapshots[i]!, days, { ...input, component, site })) {
        const { group, available, daysOfSupply, level } = row;
        lines.push({ site, group, component, available, daysOfSupply, level });
      }
    });
  }
  return lines;
}

function issueWindow(today: string): string[] {
  return Array.from({ length: ISSUE_WINDOW_DAYS }, (_, i) => addDays(today, -ISSUE_WINDOW_DAYS + i));
}

function rowsOf(
  snapshot: StockSnapshot,
  days: string[],
  input: { policy: Policy; component: Component; site?: string; thresholds?: GroupThresholds },
): StockRow[] {
  const counts = input.site ? snapshot.counts.filter((c) => c.site === input.site) : snapshot.counts;
  // Today's issues are not part of the window (it is still going): drop days after the window.
  const issues = new Map([...snapshot.issues].filter(([day]) => day <= days[days.length - 1]!));
  return BLOOD_GROUPS.map((group) => {
    const mine = counts.filter((c) => c.group === group);
    const bySite: Record<string, number> = {};
    for (const c of mine) bySite[c.site] = (bySite[c.site] ?? 0) + c.available;
    const available = mine.reduce((n, c) => n + c.available, 0);
    const key = `${group}#${input.component}`;
    // No issue record on any day of the window means no history yet: fall back to the policy default.
    const history = issues.size === 0 ? [] : days.map((d) => issues.get(d)?.[key] ?? 0);
    const fallback = input.policy.defaultDailyIssues[input.component] * GROUP_SHARE[group];
    const avg = averageDailyIssues(history, fallback);
    const dos = daysOfSupply(available, avg);
    return {
      group,
      component: input.component,
      available,
      bySite,
      averageDailyIssues: avg,
      daysOfSupply: dos,
      level: stockLevel(dos, thresholdsFor(group, input.thresholds ?? {}, input.policy)),
    };
  });
}
