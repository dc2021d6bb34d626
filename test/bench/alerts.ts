/**
 * `npm run bench:alerts`: the SNS design for shortage appeals, measured. JSON lines on stdout,
 * progress on stderr. Options: `--donors=N` (compatible donors seeded, default 10,000; 1,000 with
 * `--short` or BENCH_SHORT=1), `--rates=20,100,1000` (the account's SMS messages per second),
 * BENCH_DYNAMO_ENDPOINT to reuse a running DynamoDB Local.
 *
 * What is real: the targeting and claims against DynamoDB Local (every request counted by command),
 * the appeal text, and the PublishCommand objects built by the code that runs on AWS. What is mocked:
 * only the SNS client, at the SDK boundary (it counts calls and checks each request). What is
 * simulated: the SMS throughput (the rate limiter runs on a virtual clock). Figures for 100,000
 * donors are extrapolated linearly from the measured population and say so.
 */
import { randomUUID } from 'node:crypto';
import { Logger } from '@aws-lambda-powertools/logger';
import type { PublishCommand } from '@aws-sdk/client-sns';
import { SpacingLimiter } from '../../adapters/alerts/limiter.js';
import { appealSender } from '../../adapters/alerts/sns.js';
import { type DynamoLocal, LOCAL_CREDENTIALS, startDynamoLocal } from '../../adapters/local/dynamoLocal.js';
import { DEMO_SITES } from '../../adapters/local/seed.js';
import { SnsSmsSender } from '../../adapters/sms/sender.js';
import { makeAlertId } from '../../fulfillment/domain/alertId.js';
import { policyFor } from '../../fulfillment/domain/policy.js';
import { DynamoAlertStore } from '../../fulfillment/store/dynamo/alerts.js';
import { DynamoStore } from '../../fulfillment/store/dynamo/index.js';
import { deliverAlert } from '../../fulfillment/usecases/alerts/deliver.js';
import { type AlertDeps, type AlertRecord, NO_COUNTS } from '../../fulfillment/usecases/alerts/port.js';
import { DEFAULT_ALERT_SETTINGS } from '../../fulfillment/usecases/alerts/rules.js';
import { emptyStats } from '../../fulfillment/usecases/alerts/targeting.js';
import { seedPopulation } from './alertsSeed.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const TARGET = 100_000;
const NOW = new Date('2026-11-24T10:00:00Z');
const TODAY = '2026-11-24';
/** Lambda time budget per invocation (ALERT_DELIVERY_BUDGET_SECONDS) and the stock-check schedule. */
const BUDGET_S = 240;
const SCHEDULE_MIN = 15;

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const short = process.argv.includes('--short') || process.env.BENCH_SHORT === '1';
const donors = Number(arg('donors') ?? (short ? 1_000 : 10_000));
const rates = (arg('rates') ?? '20,100,1000').split(',').map(Number);
/** Requests in flight; DynamoDB Local on a small machine does best with a few (the Lambda uses 16). */
const concurrency = Number(arg('concurrency') ?? 8);
const r = (n: number, d = 2) => Math.round(n * 10 ** d) / 10 ** d;
const out = (figure: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(figure)}\n`);
const progress = (m: string) => process.stderr.write(`[bench:alerts] ${m}\n`);

const engine: DynamoLocal | undefined = process.env.BENCH_DYNAMO_ENDPOINT
  ? undefined
  : await startDynamoLocal();
const store = new DynamoStore({
  tableName: `bench-alerts-${randomUUID()}`,
  endpoint: process.env.BENCH_DYNAMO_ENDPOINT ?? engine!.endpoint,
  region: 'local',
  credentials: LOCAL_CREDENTIALS,
  hashPhone: () => 'unused',
  now: () => NOW,
});
try {
  await store.ensureTable();
  for (const site of DEMO_SITES) await store.inventory.putSite(site);
  let t = performance.now();
  const seeded = await seedPopulation(store.client, store.options.tableName, donors, TODAY);
  out({ figure: 'alerts_seed', ...seeded, seconds: r((performance.now() - t) / 1000) });

  // Every DynamoDB request from here on, by command: the real cost of targeting and claiming.
  const requests: Record<string, number> = {};
  const busyMs: Record<string, number> = {};
  store.client.middlewareStack.add(
    (next, context) => async (args) => {
      const name = context.commandName ?? 'unknown';
      requests[name] = (requests[name] ?? 0) + 1;
      const t0 = performance.now();
      try {
        return await next(args);
      } finally {
        busyMs[name] = (busyMs[name] ?? 0) + performance.now() - t0;
      }
    },
    { step: 'initialize', name: 'benchRequestCounter' },
  );
  // The SDK boundary: the only fake. It checks what AWS would receive.
  const published: PublishCommand['input'][] = [];
  const sns = {
    send: async (command: PublishCommand) => {
      const input = command.input;
      if (!input.PhoneNumber || !input.Message || input.Message.length > 160)
        throw new Error('bad SMS request');
      published.push(input);
      return { MessageId: String(published.length), $metadata: {} };
    },
  };
  const virtualMs = 0;
  const limiter = new SpacingLimiter({
    perSecond: rates[0]!,
    clock: () => virtualMs,
    sleep: async () => undefined,
  });
  const alerts = new DynamoAlertStore(store.options, store.client);
  const deps: AlertDeps = {
    alerts,
    inventory: store,
    policy: policyFor('US'),
    timeZone: 'UTC',
    settings: DEFAULT_ALERT_SETTINGS,
    sender: appealSender(new SnsSmsSender({ client: sns })),
    limiter,
    notifiers: [],
    now: () => NOW,
    logger: new Logger({ logLevel: 'SILENT' }),
    deliveryBudgetMs: 3_600_000,
    concurrency,
  };
  const alert = (suffix: string): AlertRecord => ({
    alertId: makeAlertId('O-', NOW.toISOString(), suffix),
    group: 'O-',
    component: 'red_cells',
    level: 'red',
    status: 'open',
    startedAt: NOW.toISOString(),
    unitsNeeded: donors,
    daysOfSupply: 0.5,
    cap: donors,
    delivery: 'pending',
    counts: { ...NO_COUNTS },
  });
  const actor = { userId: 'bench', role: 'admin' as const, channel: 'system' as const };
  const first = alert('000001');
  await alerts.startAlert(first, '2026-11-24T11:00:00.000Z', actor);

  progress(`delivering to a population of ${donors} compatible donors`);
  t = performance.now();
  const stats = emptyStats();
  const delivered = await deliverAlert(deps, first.alertId, { stats });
  const wall = (performance.now() - t) / 1000;
  const contacted = delivered.contacted;
  const dynamoRequests = Object.values(requests).reduce((a, b) => a + b, 0);
  out({
    figure: 'alerts_targeting',
    measured: true,
    population_compatible: donors,
    population_incompatible: seeded.incompatible,
    index_reads: stats.read,
    contacted,
    // STOP clears the profile's opt-in, so opted-out donors are mostly caught before the marker check.
    excluded: {
      ineligible: stats.ineligible,
      opted_out: stats.opted_out + stats.not_opted_in,
      booked: stats.booked,
      recently_alerted: stats.recently_alerted,
    },
    never_read_recently_alerted: donors - stats.read,
    never_read_incompatible: seeded.incompatible - stats.incompatible,
    dynamo_requests: requests,
    dynamo_mean_ms: Object.fromEntries(
      Object.entries(busyMs).map(([k, v]) => [k, r(v / (requests[k] ?? 1), 1)]),
    ),
    dynamo_requests_per_contacted: r(dynamoRequests / contacted),
    wall_seconds: r(wall),
    ms_per_contacted: r((wall * 1000) / contacted, 3),
  });
  const sendSeconds = (n: number, rate: number) => n / rate;
  out({
    figure: 'alerts_fanout',
    design: 'per_donor_publish',
    measured: true,
    donors_reached: contacted,
    sns_calls: published.length,
    sns_calls_per_donor: r(published.length / contacted),
    rate_per_second: rates[0],
    send_seconds_simulated: r(limiter.lastSendAt / 1000 + 1 / rates[0]!),
    dynamo_wall_seconds: r(wall),
  });

  // Running again (the sweep or the next check) must text nobody twice.
  const before = published.length;
  const second = alert('000002');
  await alerts.finishDelivery(first.alertId);
  await alerts.closeAlert(first.alertId, actor);
  await alerts.startAlert({ ...second, level: 'amber' }, '2026-11-24T12:00:00.000Z', actor);
  await deliverAlert(deps, second.alertId);
  out({ figure: 'alerts_rerun', measured: true, sns_calls: published.length - before });

  // 100,000 donors, from the measured per-donor cost: extrapolated, not measured.
  const perDonorDynamo = wall / contacted;
  for (const rate of rates) {
    const send = sendSeconds(TARGET, rate);
    const dynamo = perDonorDynamo * TARGET;
    const busy = Math.max(send, dynamo);
    const invocations = Math.ceil(busy / BUDGET_S);
    // An invocation stops at its budget; the next stock check (every `period` minutes) resumes.
    const resumed = (period: number) => {
      const cycle = Math.ceil(BUDGET_S / (period * 60)) * period * 60;
      return r(((invocations - 1) * cycle + (busy - (invocations - 1) * BUDGET_S)) / 60, 1);
    };
    out({
      figure: 'alerts_fanout_100k',
      design: 'per_donor_publish',
      extrapolated: true,
      basis: `measured on ${contacted} donors reached of ${donors} seeded (DynamoDB Local)`,
      donors: TARGET,
      sns_calls: TARGET * (published.length / contacted),
      rate_per_second: rate,
      send_minutes: r(send / 60, 1),
      dynamo_minutes_local: r(dynamo / 60, 1),
      time_to_reach_minutes: r(busy / 60, 1),
      lambda_invocations: invocations,
      elapsed_if_resumed_every_15_min: resumed(SCHEDULE_MIN),
      elapsed_if_resumed_every_1_min: resumed(1),
      dynamo_requests: Math.round((dynamoRequests / contacted) * TARGET),
    });
  }
  // Topic fan-out with a per-group filter policy, simulated from the same population: SNS cannot
  // apply eligibility, the quiet period, bookings or a cap, so it texts every opted-in subscriber.
  const subscribers = donors - seeded.byKind.optedOut;
  const wrong = seeded.byKind.recentDonation + seeded.byKind.recentlyAlerted + seeded.byKind.booked;
  const scale = TARGET / contacted;
  for (const rate of rates) {
    out({
      figure: 'alerts_fanout_100k',
      design: 'topic_filter_policy',
      simulated: true,
      donors_reached_eligible: TARGET,
      sns_publish_calls_per_alert: 1,
      sns_subscribe_calls_one_off: Math.round(donors * scale),
      sms_delivered: Math.round(subscribers * scale),
      sms_to_wrong_donors: Math.round(wrong * scale),
      rate_per_second: rate,
      time_to_reach_minutes: r((subscribers * scale) / rate / 60, 1),
      note: 'same SMS throughput limit; one text for all (no per-donor site), no per-donor record for the reply context, no cap',
    });
  }
} finally {
  store.destroy();
  await engine?.stop();
}
