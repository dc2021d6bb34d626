/**
 * Figures 1 and 2a: fulfillment turn latency and consumed capacity per intent, against DynamoDB
 * Local, with a bare GetItem on the same engine, client and table, interleaved with the turns.
 *
 * The real code hook (createFulfillment) is called with Lex events built directly, so the figure is
 * fulfillment plus DynamoDB, without the bot runtime or HTTP. Turns run round-robin across intents
 * (a booking and its cancellation in the same round, so slots never fill), which spreads the noise
 * of a shared machine evenly over every intent and the baseline.
 */
import { randomUUID } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { policyFor } from '../../fulfillment/domain/policy.js';
import { keys } from '../../fulfillment/store/dynamo/keys.js';
import { addDonors, addUnits, benchUnits } from './bulk.js';
import { type CapacityTotals, meterCapacity } from './capacity.js';
import { type BenchStore, openBenchStore } from './engine.js';
import {
  BENCH_TODAY,
  benchFulfillment,
  MAX_REGISTRATIONS,
  runTurn,
  type Scenario,
  scenarios,
} from './scenarios.js';
import { type BenchMode, emit, type Figure, progress, round, summarize } from './stats.js';

/** Mean of each capacity field over the turns measured. */
export function meanCapacity(samples: CapacityTotals[]) {
  const mean = (f: (t: CapacityTotals) => number) =>
    round(samples.reduce((n, t) => n + f(t), 0) / Math.max(1, samples.length), 2);
  return {
    calls: mean((t) => t.calls),
    round_trips: mean((t) => t.roundTrips),
    rcu_reported: mean((t) => t.rcuReported),
    rcu_computed: mean((t) => t.rcuComputed),
    wcu_reported: mean((t) => t.wcuReported),
    wcu_computed: mean((t) => t.wcuComputed),
    bytes_read: mean((t) => t.bytesRead),
    reads: mean((t) => t.readSizes.length),
    read_bytes_each: samples[0]?.readSizes ?? [],
    writes: mean((t) => t.calls - t.readSizes.length),
  };
}

export async function benchTurns(endpoint: string, mode: BenchMode, figures: Figure[]): Promise<void> {
  const policy = policyFor('US');
  const capacityRounds = 3;
  const warmupRounds = mode.short ? 2 : 15;
  const timedRounds = mode.short ? 15 : 300;
  const rounds = capacityRounds + warmupRounds + timedRounds;
  if (rounds > MAX_REGISTRATIONS)
    throw new Error(`at most ${MAX_REGISTRATIONS} rounds (distinct phone numbers)`);

  const bench: BenchStore = await openBenchStore(endpoint, `bench-turns-${randomUUID()}`);
  try {
    const { store, sizer, table } = bench;
    // Fixtures go through the unmetered client; two units per request turn, O+ red cells, central.
    await addUnits(
      sizer,
      table,
      benchUnits({
        count: 2 * rounds + 10,
        facility: 'W8888',
        firstSequence: 1,
        today: BENCH_TODAY,
        policy,
        sites: ['central'],
        only: { group: 'O+', component: 'red_cells', site: 'central' },
      }),
    );
    const common = { today: BENCH_TODAY, hashPhone: bench.hashPhone, count: rounds, from: 0 };
    const bookers = await addDonors(sizer, table, { ...common, prefix: 'booker', phoneBase: 0 });
    const readers = await addDonors(sizer, table, { ...common, prefix: 'reader', phoneBase: 1_000_000 });
    const site = (await store.site('central'))!;
    const list = scenarios({ bookers, readers, site });
    const fulfil = benchFulfillment(store, policy);
    const meter = meterCapacity(store.client);
    const getItem = () => store.client.send(new GetCommand({ TableName: table, Key: keys.site('central') }));

    const capacity = new Map<string, CapacityTotals[]>(list.map((s) => [s.name, []]));
    const latency = new Map<string, number[]>(list.map((s) => [s.name, []]));
    const shape = new Map<string, CapacityTotals[]>(list.map((s) => [s.name, []]));
    const baseline: number[] = [];
    const baselineCapacity: CapacityTotals[] = [];
    const turn = async (s: Scenario, i: number) => {
      meter.take();
      const started = performance.now();
      await runTurn(fulfil, s, i);
      return performance.now() - started;
    };

    progress(
      `turns: ${list.length} intents × ${timedRounds} timed rounds (+${capacityRounds + warmupRounds})`,
    );
    for (let r = 0; r < rounds; r++) {
      const measuring = r >= capacityRounds + warmupRounds;
      meter.computeWrites(r < capacityRounds ? sizer : undefined);
      for (const s of list) {
        const ms = await turn(s, r);
        const totals = meter.take();
        if (r < capacityRounds) capacity.get(s.name)!.push(totals);
        if (measuring) {
          latency.get(s.name)!.push(ms);
          shape.get(s.name)!.push(totals);
        }
      }
      meter.take();
      const started = performance.now();
      await getItem();
      const ms = performance.now() - started;
      const totals = meter.take();
      if (r < capacityRounds) baselineCapacity.push(totals);
      if (measuring) baseline.push(ms);
    }
    meter.computeWrites(undefined);

    const base = summarize(baseline);
    emit(figures, {
      figure: 'getitem_latency',
      what: 'bare GetItem (one site item) on the same engine, client and table',
      n: base.n,
      p50_ms: base.p50,
      p95_ms: base.p95,
      p99_ms: base.p99,
    });
    const baseCap = meanCapacity(baselineCapacity);
    for (const s of list) {
      const t = summarize(latency.get(s.name)!);
      const calls = meanCapacity(shape.get(s.name)!);
      const aim = calls.round_trips > 0 ? round(2 * calls.round_trips * base.p50) : null;
      emit(figures, {
        figure: 'turn_latency',
        intent: s.name,
        n: t.n,
        p50_ms: t.p50,
        p95_ms: t.p95,
        p99_ms: t.p99,
        calls: calls.calls,
        round_trips: calls.round_trips,
        baseline: { name: 'GetItem', p50_ms: base.p50, p99_ms: base.p99 },
        ratio_p50: round(t.p50 / base.p50, 1),
        aim_ms: aim,
        within_aim: aim === null ? null : t.p50 <= aim,
      });
      const c = meanCapacity(capacity.get(s.name)!);
      emit(figures, {
        figure: 'turn_capacity',
        intent: s.name,
        n: capacity.get(s.name)!.length,
        ...c,
        baseline: { name: 'GetItem', rcu_reported: baseCap.rcu_reported, bytes_read: baseCap.bytes_read },
      });
    }
  } finally {
    await bench.close();
  }
}
