/**
 * Use case: stock-level thresholds per blood group, which admins change. Not a bot intent (the bot
 * contract has none), so it is reached through the Slack admin command (adapters/alerts/
 * slackCommand.ts) and this function. Who may change them is the authorization table's
 * `thresholds.set`. Validated here, so every channel gets the same rule: 0 < red < amber ≤ 30 days
 * of supply ("amber 300" is a typo, not a policy); audited by the store, and read by every stock check.
 */
import * as z from 'zod';
import { authorize } from '../../auth/authorize.js';
import type { Policy } from '../../domain/policy.js';
import { type Thresholds, thresholdsFor, thresholdsSchema } from '../../domain/supply.js';
import { BLOOD_GROUPS, type BloodGroup } from '../../domain/vocabulary.js';
import type { Actor } from '../../store/port.js';
import type { AlertStore } from './port.js';

/** The longest amber threshold an admin may set: beyond a month of supply a warning means nothing. */
export const MAX_THRESHOLD_DAYS = 30;

// z.number() already rejects NaN and ±Infinity.
export const thresholdChangeSchema = z
  .object({
    amberBelowDays: z.number().max(MAX_THRESHOLD_DAYS),
    redBelowDays: z.number().positive(),
  })
  .refine((t) => t.redBelowDays < t.amberBelowDays, {
    message: 'redBelowDays must be below amberBelowDays',
    path: ['redBelowDays'],
  });

export const INVALID_THRESHOLDS = `Thresholds are days of supply with 0 < red < amber ≤ ${MAX_THRESHOLD_DAYS} (for example amber 3, red 1.5). Nothing was changed.`;

export type ThresholdChange =
  | { ok: true; group: BloodGroup; thresholds: Thresholds }
  | { ok: false; reason: 'forbidden' | 'invalid'; message: string };

export async function changeThresholds(
  store: Pick<AlertStore, 'setThresholds'>,
  input: { group: BloodGroup; amberBelowDays: number; redBelowDays: number },
  actor: Actor,
): Promise<ThresholdChange> {
  const decision = authorize('thresholds.set', actor.role);
  if (!decision.allowed) return { ok: false, reason: 'forbidden', message: decision.reason };
  const change = thresholdChangeSchema.safeParse({
    amberBelowDays: input.amberBelowDays,
    redBelowDays: input.redBelowDays,
  });
  // The domain's own schema too: what is stored must always be what stock checks accept.
  const parsed = change.success ? thresholdsSchema.safeParse(change.data) : change;
  if (!parsed.success) return { ok: false, reason: 'invalid', message: INVALID_THRESHOLDS };
  await store.setThresholds(input.group, parsed.data, actor);
  return { ok: true, group: input.group, thresholds: parsed.data };
}

/** Every group's thresholds in force, marking admin overrides. */
export async function listThresholds(
  store: Pick<AlertStore, 'thresholds'>,
  policy: Policy,
): Promise<Array<{ group: BloodGroup; thresholds: Thresholds; custom: boolean }>> {
  const overrides = await store.thresholds();
  return BLOOD_GROUPS.map((group) => ({
    group,
    thresholds: thresholdsFor(group, overrides, policy),
    custom: overrides[group] !== undefined,
  }));
}
