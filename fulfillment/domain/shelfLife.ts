/** Component shelf life and storage (DOMAIN.md "Components: storage and shelf life"). */
import { addDays, assertCalendarDate } from './dates.js';
import type { Policy } from './policy.js';
import type { Component } from './vocabulary.js';

/** Last usable day: collection day + the policy's shelf life (e.g. US red cells 42 days). */
export function expiryDate(component: Component, collectedOn: string, policy: Policy): string {
  return addDays(collectedOn, policy.shelfLifeDays[component]);
}

/** A unit expiring today is still usable today; it is expired from the next day on. */
export function isExpired(expiresOn: string, today: string): boolean {
  assertCalendarDate(expiresOn);
  assertCalendarDate(today);
  return today > expiresOn; // validated YYYY-MM-DD strings order like dates
}

// °C; minC null = no lower bound ("≤ −18 °C").
const STORAGE: Record<Component, { minC: number | null; maxC: number; agitated: boolean }> = {
  whole_blood: { minC: 1, maxC: 6, agitated: false },
  red_cells: { minC: 1, maxC: 6, agitated: false },
  platelets: { minC: 20, maxC: 24, agitated: true },
  plasma: { minC: null, maxC: -18, agitated: false },
  cryo: { minC: null, maxC: -18, agitated: false },
};

export function storage(component: Component): { minC: number | null; maxC: number; agitated: boolean } {
  return { ...STORAGE[component] };
}
