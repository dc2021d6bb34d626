/**
 * Figure 2b: does a turn's cost grow with the data? One table grows in steps (1,000 → 10,000 →
 * 100,000 units and as many donors, on top of the demo seed), and at each step the same turns are
 * metered: capacity (read and write units, bytes read) and a median latency. A stock check and a
 * request are meant to read counters and the head of the FEFO index, so their cost should stay flat.
 */
import { randomUUID } from 'node:crypto';
import { policyFor } from '../../fulfillment/domain/policy.js';
import { addDonors, addUnits, benchDonorId, benchUnits } from './bulk.js';
import { meterCapacity } from './capacity.js';
import { openBenchStore } from './engine.js';
import { BENCH_TODAY, benchFulfillment, runTurn, scenarios } from './scenarios.js';
import { type BenchMode, emit, type Figure, median, progress, round } from './stats.js';
import { meanCapacity } from './turns.js';

const MEASURED = [
  'CheckStock (staff)',
  'CheckStock (public)',
  'RequestUnits',
  'RegisterDonor (walk-in)',
  'ScheduleDonation (dialog: date)',
  'CheckEligibility (donor)',
];

/** Growth beyond this factor from the smallest step to the largest counts as growing. */
const GROWTH_TOLERANCE = 1.25;

export async function benchScale(endpoint: string, mode: BenchMode, figures: Figure[]): Promise<void> {
  const policy = policyFor('US');
  const steps = mode.short ? [200, 1000] : [1000, 10_000, 100_000];
  const capacityTurns = 3;
  const timedTurns = mode.short ? 3 : 30;
  const bench = await openBenchStore(endpoint, `bench-scale-${randomUUID()}`);
  try {
    const { store, sizer, table } = bench;
    const site = (await store.site('central'))!;
    // The donors read (eligibility, booking dialog) are the first of the grown population.
    const readers = Array.from({ length: capacityTurns + timedTurns }, (_, i) => benchDonorId('scale', i));
    const list = scenarios({ bookers: [], readers, site }).filter((s) => MEASURED.includes(s.name));
    const fulfil = benchFulfillment(store, policy);
    const meter = meterCapacity(store.client);
    const rows = new Map<string, Figure[]>(list.map((s) => [s.name, []]));
    let units = 0;
    let donors = 0;
    let turnIndex = 0;

    for (const target of steps) {
      progress(`scale: growing to ${target} units and ${target} donors`);
      let started = performance.now();
      await addUnits(
        sizer,
        table,
        benchUnits({
          count: target - units,
          facility: 'W7777',
          firstSequence: units,
          today: BENCH_TODAY,
          policy,
          sites: ['central', 'northside'],
        }),
      );
      const unitSeconds = (performance.now() - started) / 1000;
      started = performance.now();
      await addDonors(sizer, table, {
        prefix: 'scale',
        from: donors,
        count: target - donors,
        today: BENCH_TODAY,
        hashPhone: bench.hashPhone,
        phoneBase: 2_000_000,
        // Only the donors the turns read need a donation history (they are the first ones).
        withHistory: Math.max(0, readers.length - donors),
      });
      const donorSeconds = (performance.now() - started) / 1000;
      emit(figures, {
        figure: 'scale_seed',
        units_added: target - units,
        donors_added: target - donors,
        units_seconds: round(unitSeconds, 1),
        donors_seconds: round(donorSeconds, 1),
        // Two items a donor (profile, phone lookup), one a unit.
        items_per_second: Math.round((target - units + 2 * (target - donors)) / (unitSeconds + donorSeconds)),
      });
      units = target;
      donors = target;

      for (const s of list) {
        meter.computeWrites(sizer);
        const samples = [];
        for (let k = 0; k < capacityTurns; k++) {
          meter.take();
          await runTurn(fulfil, s, turnIndex++);
          samples.push(meter.take());
        }
        meter.computeWrites(undefined);
        const times: number[] = [];
        for (let k = 0; k < timedTurns; k++) {
          const t0 = performance.now();
          await runTurn(fulfil, s, turnIndex++);
          times.push(performance.now() - t0);
        }
        const c = meanCapacity(samples);
        rows.get(s.name)!.push(
          emit(figures, {
            figure: 'capacity_scale',
            intent: s.name,
            units: target,
            donors: target,
            rcu_reported: c.rcu_reported,
            rcu_computed: c.rcu_computed,
            wcu_computed: c.wcu_computed,
            bytes_read: c.bytes_read,
            calls: c.calls,
            p50_ms: round(median(times)),
          }),
        );
      }
    }

    for (const [intent, series] of rows) {
      const first = series[0]!;
      const last = series[series.length - 1]!;
      // Which units FEFO picks (one site or two: one counter update or two) moves a request's write
      // units by a little at any size; cost that grew with the data would show as a multiple.
      const grew = (field: string) => Number(last[field]) > Number(first[field]) * GROWTH_TOLERANCE;
      emit(figures, {
        figure: 'capacity_growth',
        intent,
        baseline: {
          units: first.units,
          rcu: first.rcu_computed,
          wcu: first.wcu_computed,
          bytes_read: first.bytes_read,
        },
        at_largest: {
          units: last.units,
          rcu: last.rcu_computed,
          wcu: last.wcu_computed,
          bytes_read: last.bytes_read,
        },
        rcu_grows: grew('rcu_computed'),
        wcu_grows: grew('wcu_computed'),
        bytes_read_grow: grew('bytes_read'),
      });
    }
  } finally {
    await bench.close();
  }
}
