/**
 * The life of a unit's use cases (issue 14, UNIT-SPEC.md section 2): one import for intents, APIs
 * and jobs. Every use case is `(deps, input, actor)`, validates `input` with zod and returns a result
 * union (`ok: false` with a `reason` and a `message` in words for every business refusal).
 *
 * Changes from UNIT-SPEC.md section 2 (the names and input shapes otherwise as written there):
 * - `deps` is `UnitDeps` = `{ store: Store & UnitStore; policy; clock: { now(): Date; timeZone };
 *   notify?: UnitNotifier; onStockChange?: StockChangeListener }`. `notify` is a `UnitNotifier`
 *   (`notifyUnits(notice)`, the notice carries its text), not the alerts' `StaffNotifier`, whose
 *   notices are shortage alerts; `onStockChange` is the same listener allocation is given.
 * - Read-only use cases take no actor: `traceUnit(deps, input)`, `expiringUnits(deps, input)`,
 *   `activityReport(deps, input)`, `wastageReport(deps, { from, to })`.
 * - `recordDonation`: `din` may be left out when `outcome` is `deferred` (no blood, no pack);
 *   optional `processing` (`platelets`, `cryo`, `keepWhole`) for whole blood. Success is
 *   `{ ok: true; outcome: 'collected' | 'no_components' | 'deferred'; donation; units }`.
 * - `recordTestResults` success is `{ ok: true; outcome: 'released' | 'quarantined' | 'unsafe'; … }`
 *   with a `message`; `unsafe` carries `lookback: LookbackOutcome | null`.
 * - `returnUnits` also takes `transportBox?: { validated; record }`; `unopened` defaults to true.
 * - `discardUnits` answers per DIN (`results`), each `discarded`, `already_discarded` or `refused`.
 * - `labResultsBatch({ rows })`: `rows` are objects `{ line, din, marker?, result?, group?, abo? }`.
 * - `expirySweep(deps, { now? }, actor)`: `now` a Date or ISO instant, the clock's when absent.
 */
export * from './activityReport.js';
export * from './deps.js';
export * from './discardUnits.js';
export * from './expiry.js';
export * from './labResultsBatch.js';
export * from './lookback.js';
export * from './notice.js';
export * from './receiveUnits.js';
export * from './recordDonation.js';
export * from './recordTestResults.js';
export * from './returnUnits.js';
export * from './traceUnit.js';
export * from './transferUnits.js';
