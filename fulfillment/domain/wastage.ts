/**
 * Wastage (DOMAIN.md): discards ÷ (issues + discards) per component, and the share of each reason in
 * the same denominator, so the reasons of a component add up to its rate. Over counts only.
 */
import { InvalidArgumentError } from './errors.js';
import { DISCARD_REASONS, type DiscardReason } from './unitVocabulary.js';
import { COMPONENTS, type Component } from './vocabulary.js';

export interface WastageCounts {
  issues: Partial<Record<Component, number>>;
  discards: Partial<Record<Component, Partial<Record<DiscardReason, number>>>>;
}

export interface WastageRow {
  component: Component;
  issues: number;
  discards: number;
  /** null when nothing was issued or discarded: no rate, rather than a misleading 0. */
  rate: number | null;
  byReason: Array<{ reason: DiscardReason; discards: number; rate: number }>;
}

function count(value: number | undefined, what: string): number {
  const n = value ?? 0;
  if (!Number.isInteger(n) || n < 0)
    throw new InvalidArgumentError(`${what} must be a whole number ≥ 0: ${n}`);
  return n;
}

/** One row per component, in vocabulary order; reasons with no discards are left out. */
export function wastage(counts: WastageCounts): WastageRow[] {
  return COMPONENTS.map((component) => {
    const issues = count(counts.issues[component], `issues of ${component}`);
    const perReason = DISCARD_REASONS.map((reason) => ({
      reason,
      discards: count(counts.discards[component]?.[reason], `${reason} discards of ${component}`),
    }));
    const discards = perReason.reduce((sum, r) => sum + r.discards, 0);
    const total = issues + discards;
    return {
      component,
      issues,
      discards,
      rate: total === 0 ? null : discards / total,
      byReason: perReason.filter((r) => r.discards > 0).map((r) => ({ ...r, rate: r.discards / total })),
    };
  });
}
