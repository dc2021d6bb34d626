/**
 * Stock-threshold admin commands in Slack (thresholds are not a bot intent in the contract):
 *   /blood thresholds                            every group's amber / red days (staff and admins)
 *   /blood threshold O- amber 3 red 1.5          change one group (admins only, audited)
 * Parsed here and run through the thresholds use case, with the authorization table's
 * `thresholds.show` and `thresholds.set` deciding who may; the Slack adapter's turn hands over any text
 * that parses (adapters/slack/turn.ts), so they never reach the bot.
 */
import { authorize } from '../../fulfillment/auth/authorize.js';
import type { Principal } from '../../fulfillment/auth/principal.js';
import type { Policy } from '../../fulfillment/domain/policy.js';
import { type BloodGroup, isBloodGroup } from '../../fulfillment/domain/vocabulary.js';
import type { AlertStore } from '../../fulfillment/usecases/alerts/port.js';
import { changeThresholds, listThresholds } from '../../fulfillment/usecases/alerts/thresholds.js';

export type ThresholdCommand =
  | { kind: 'list' }
  | { kind: 'set'; group: BloodGroup; amberBelowDays: number; redBelowDays: number }
  | { kind: 'usage' };

export interface ThresholdCommandDeps {
  store: Pick<AlertStore, 'thresholds' | 'setThresholds'>;
  policy: Policy;
}

export const THRESHOLD_USAGE =
  'Usage: `/blood thresholds` to list, or `/blood threshold O- amber 3 red 1.5` (days of supply; admins only).';

const NUMBER = /^\d+(\.\d+)?$/;

/** null when the text is not a threshold command (it then goes to the bot as usual). */
export function parseThresholdCommand(text: string): ThresholdCommand | null {
  const [verb, ...args] = text.trim().split(/\s+/);
  const command = verb?.toLowerCase();
  if (command === 'thresholds' && args.length === 0) return { kind: 'list' };
  if (command !== 'threshold' && command !== 'thresholds') return null;
  const [group, amberWord, amber, redWord, red, ...rest] = args;
  const groupValue = group?.toUpperCase() ?? '';
  if (
    !isBloodGroup(groupValue) ||
    amberWord?.toLowerCase() !== 'amber' ||
    redWord?.toLowerCase() !== 'red' ||
    !NUMBER.test(amber ?? '') ||
    !NUMBER.test(red ?? '') ||
    rest.length > 0
  ) {
    return { kind: 'usage' };
  }
  return { kind: 'set', group: groupValue, amberBelowDays: Number(amber), redBelowDays: Number(red) };
}

export async function runThresholdCommand(
  command: ThresholdCommand,
  caller: Principal,
  deps: ThresholdCommandDeps,
): Promise<string> {
  // Every threshold command, even a malformed one, is for staff: others learn nothing more.
  const show = authorize('thresholds.show', caller.role);
  if (!show.allowed) return show.reason;
  if (command.kind === 'usage') return THRESHOLD_USAGE;
  if (command.kind === 'list') {
    const rows = await listThresholds(deps.store, deps.policy);
    const lines = rows.map(
      (r) =>
        `${r.group}: amber below ${r.thresholds.amberBelowDays} days, red below ${r.thresholds.redBelowDays}${r.custom ? ' (set by an admin)' : ''}`,
    );
    return `Stock thresholds (days of supply):\n${lines.join('\n')}`;
  }
  const actor = { userId: caller.userId, role: caller.role, channel: 'slack' as const };
  const change = await changeThresholds(deps.store, command, actor);
  if (!change.ok) return change.message;
  return `${change.group} now turns amber below ${change.thresholds.amberBelowDays} days of supply and red below ${change.thresholds.redBelowDays}.`;
}
