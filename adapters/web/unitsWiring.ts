/**
 * The unit use cases as the units API needs them (./units.ts ports): traceUnit's answer in the shape
 * of the `GET /api/units/{din}` contract, and labResultsBatch over the rows the route parsed. Shared by
 * the web Lambda, the lab results Lambda and the local server, so all three answer alike.
 */
import type { HistoryEntry } from '../../fulfillment/domain/unit.js';
import type { UnitDeps } from '../../fulfillment/usecases/units/deps.js';
import { labResultsBatch } from '../../fulfillment/usecases/units/labResultsBatch.js';
import { type TracedComponent, traceUnit } from '../../fulfillment/usecases/units/traceUnit.js';
import type { UnitsApiDeps, UnitTrace } from './units.js';

/** Why a history entry happened, when the event names one (a discard's reason, a hold's reference). */
function reasonOf(entry: HistoryEntry): string | undefined {
  const e = entry.event;
  if (e.type === 'discard') return e.reason;
  if (e.type === 'recall') return `${e.hold.kind} ${e.hold.ref}`;
  if (e.type === 'lift_hold') return `hold ${e.ref} lifted`;
  return undefined;
}

export function componentView(c: TracedComponent): UnitTrace['components'][number] {
  return {
    component: c.component,
    code: c.code,
    group: c.group,
    status: c.status,
    site: c.site,
    expiresOn: c.expiresOn,
    // The distribution record (21 CFR 606.165): where it went, kept after a return.
    ...(c.consignee ? { hospital: c.consignee } : {}),
    history: c.history.map((entry) => {
      const reason = reasonOf(entry);
      return { status: entry.to, at: entry.on, ...(reason ? { reason } : {}) };
    }),
  };
}

export function traceView(deps: Pick<UnitDeps, 'store'>): UnitsApiDeps['trace'] {
  return async (din) => {
    const traced = await traceUnit(deps, { din });
    if (!traced.ok) return null;
    return { din: traced.din, components: traced.components.map(componentView) };
  };
}

export function labApplier(deps: UnitDeps): UnitsApiDeps['applyLabRows'] {
  return async (rows, actor) => {
    const batch = await labResultsBatch(deps, { rows }, actor);
    // The route hands over at most MAX_LAB_ROWS well-formed rows, so the envelope cannot be refused.
    if (!batch.ok) throw new Error(`lab results batch refused: ${batch.message}`);
    return batch.rows;
  };
}
