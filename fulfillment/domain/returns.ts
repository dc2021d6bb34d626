/**
 * Whether a unit coming back from a hospital may go back into stock (DOMAIN.md "Returns"): unopened,
 * in date, and out of controlled storage no longer than the policy allows for its component, or kept
 * in a validated transport box with its record. Anything else is discarded `returned_out_of_storage`.
 */
import { InvalidArgumentError } from './errors.js';
import type { Policy } from './policy.js';
import { isExpired } from './shelfLife.js';
import type { Component } from './vocabulary.js';

export interface ReturnInput {
  component: Component;
  expiresOn: string;
  on: string;
  unopened: boolean;
  /** Minutes out of controlled storage; undefined when nobody knows. */
  minutesOut?: number;
  /** A validated transport box, with the reference of its temperature record. */
  transportBox?: { validated: boolean; record: string };
}

export type ReturnProblem = 'opened' | 'expired' | 'too_long_out' | 'time_unknown';

export type ReturnDecision =
  | { accept: true; basis: 'time_out' | 'transport_box' }
  | {
      accept: false;
      discardReason: 'returned_out_of_storage';
      problems: ReturnProblem[];
      maxMinutesOut: number | null;
    };

export function assessReturn(input: ReturnInput, policy: Policy): ReturnDecision {
  const { minutesOut } = input;
  if (minutesOut !== undefined && (!Number.isFinite(minutesOut) || minutesOut < 0)) {
    throw new InvalidArgumentError(`minutesOut must be ≥ 0: ${minutesOut}`);
  }
  const maxMinutesOut = policy.returnMaxMinutesOut[input.component];
  const problems: ReturnProblem[] = [];
  if (!input.unopened) problems.push('opened');
  if (isExpired(input.expiresOn, input.on)) problems.push('expired');
  const box = input.transportBox;
  const boxed = box?.validated === true && box.record.trim() !== '';
  if (!boxed) {
    if (minutesOut === undefined) problems.push('time_unknown');
    else if (maxMinutesOut === null || minutesOut > maxMinutesOut) problems.push('too_long_out');
  }
  if (problems.length > 0)
    return { accept: false, discardReason: 'returned_out_of_storage', problems, maxMinutesOut };
  return { accept: true, basis: boxed ? 'transport_box' : 'time_out' };
}
