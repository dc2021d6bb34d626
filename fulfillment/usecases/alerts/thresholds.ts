/**
 * Use case: stock-level thresholds per blood group, which admins change. Not a bot intent (the bot
 * contract has none), so it is reached through the Slack admin command (adapters/alerts/
 * slackCommand.ts) and this function. Who may change them is the authorization table's
 * `thresholds.set`. Validated with the domain's schema (amber > red > 0),
 * audited by the store, and read by every stock check.
 */
import { authorize } from '../../auth/authorize.js';
import type { Policy } from '../../domain/policy.js';
import { type Thresholds, thresholdsFor, thresholdsSchema } from '../../domain/supply.js';
import { BLOOD_GROUPS, type BloodGroup } from '../../domain/vocabulary.js';
import type { Actor } from '../../store/port.js';
import type { AlertStore } from './port.js';

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
  const parsed = thresholdsSchema.safeParse({
    amberBelowDays: input.amberBelowDays,
    redBelowDays: input.redBelowDays,
  });
  if (!parsed.success) {
    return {
      ok: false,
      reason: 'invalid',
      message: 'Thresholds must be numbers of days with amber above red, and red above 0.',
    };
  }
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
