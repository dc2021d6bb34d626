/**
 * Use case: fill a hospital request (RequestUnits). adapter → use case → domain + store.
 * Primary course: for each donor group in compatibility order, read the first-expiring available
 * units at every site, plan the allocation (pure FEFO), and commit it in one transaction. When another
 * request wins a unit first, back off (exponential, full jitter) and re-plan from fresh stock: a unit
 * is never given twice, and no request is lost. Retries are bounded by time, not by a count: under a
 * burst a request may lose many races in a row while compatible stock remains (issue 12 saw one give
 * up after 12), so it keeps trying until it commits, the stock is truly gone (the plan is then
 * partial or unfilled and commits as such), or the budget below is spent (and never before 12
 * attempts, so a slow store is not given up on sooner than it used to be).
 */
import { randomUUID } from 'node:crypto';
import { donorChoices, type Recipient } from '../domain/compatibility.js';
import { type CandidateUnit, planAllocation } from '../domain/fefo.js';
import type { Component, Urgency } from '../domain/vocabulary.js';
import { AllocationConflictError, TransientConflictError } from '../errors.js';
import type { Actor, HospitalRequest, InventoryStore } from '../store/port.js';
import type { StockChangeListener } from './alerts/port.js';

export const MAX_UNITS_PER_REQUEST = 40;
/** Under the fulfillment function's 10 s timeout (infra/lib/stateless/functions.ts), with room to answer. */
export const ALLOCATION_TIME_BUDGET_MS = 6_000;
/** Never fewer attempts than before the budget existed, however slow each one is. */
const MIN_ATTEMPTS = 12;
const BACKOFF_BASE_MS = 5;
const BACKOFF_CAP_MS = 250;

export interface RetryPolicy {
  budgetMs: number;
  /** Milliseconds now; a monotonic clock by default. */
  clock: () => number;
  random: () => number;
}

const defaultRetry: RetryPolicy = {
  budgetMs: ALLOCATION_TIME_BUDGET_MS,
  clock: () => performance.now(),
  random: Math.random,
};

/** Full-jitter exponential back-off: a random wait up to min(cap, base·2^attempt). */
export function backoffMs(attempt: number, random: () => number): number {
  return random() * Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.min(attempt, 16));
}

export interface AllocationInput {
  recipient: Recipient;
  component: Component;
  units: number;
  urgency: Urgency;
  hospital: string | null;
  neededBy: string | null;
  today: string;
  now: Date;
}

async function candidatesFor(
  store: InventoryStore,
  sites: string[],
  input: AllocationInput,
): Promise<CandidateUnit[]> {
  const choices = donorChoices(input.recipient, input.component);
  const ranks = [...new Set(choices.map((c) => c.rank))].sort((a, b) => a - b);
  const found: CandidateUnit[] = [];
  // Rank by rank: stop reading as soon as the better-matched groups can fill the request.
  for (const rank of ranks) {
    const groups = choices.filter((c) => c.rank === rank).map((c) => c.group);
    const batches = await Promise.all(
      groups.flatMap((g) =>
        sites.map((site) => store.availableUnits(site, g, input.component, input.units + 2, input.today)),
      ),
    );
    for (const batch of batches) found.push(...batch);
    if (found.length >= input.units) break;
  }
  return found;
}

export async function allocateUnits(
  store: InventoryStore,
  input: AllocationInput,
  actor: Actor,
  onStockChange?: StockChangeListener,
  retry: RetryPolicy = defaultRetry,
): Promise<HospitalRequest> {
  const deadline = retry.clock() + retry.budgetMs;
  // Sites do not change between attempts; stock does, so only stock is re-read.
  const sites = (await store.sites()).map((s) => s.id);
  for (let attempt = 1; ; attempt++) {
    const candidates = await candidatesFor(store, sites, input);
    const plan = planAllocation({
      recipient: input.recipient,
      component: input.component,
      count: input.units,
      today: input.today,
      candidates,
    });
    const request: HospitalRequest = {
      requestId: randomUUID(),
      recipientGroup: input.recipient,
      component: input.component,
      unitsRequested: input.units,
      urgency: input.urgency,
      hospital: input.hospital,
      neededBy: input.neededBy,
      status: plan.shortBy === 0 ? 'filled' : plan.units.length > 0 ? 'partial' : 'unfilled',
      units: plan.units.map((u) => ({
        din: u.din,
        code: u.code ?? u.component,
        group: u.group,
        component: u.component,
        site: u.site,
        expiresOn: u.expiresOn,
        flags: u.flags,
      })),
      requestedBy: actor.userId,
      createdAt: input.now.toISOString(),
    };
    try {
      await store.commitAllocation(request, actor, input.today);
    } catch (error) {
      const retryable = error instanceof AllocationConflictError || error instanceof TransientConflictError;
      if (!retryable) throw error;
      const wait = backoffMs(attempt, retry.random);
      if (attempt >= MIN_ATTEMPTS && retry.clock() + wait >= deadline) throw error;
      await new Promise((r) => setTimeout(r, wait));
      continue;
    }
    // Shortage detection sees every issue (outside the try: it can never fail a committed request).
    if (request.units.length > 0) await onStockChange?.({ reason: 'issue', lines: request.units });
    return request;
  }
}
