/**
 * The life of a unit on the embedded default's server (issue 14): `GET /api/stock`,
 * `GET /api/units/{din}` and `POST /api/lab-results` (the same handlers as the Lambdas,
 * adapters/web/units.ts), and the development door `POST /api/dev/run/{job}` that runs a scheduled
 * job at once, optionally at a given time, and answers with what it sent.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import * as z from 'zod';
import type { Policy } from '../../fulfillment/domain/policy.js';
import type { DynamoStore } from '../../fulfillment/store/dynamo/index.js';
import type { UnitDeps } from '../../fulfillment/usecases/units/deps.js';
import type { LocalAlerts } from '../alerts/local.js';
import { type AlertTask, createAlertRunner, type RunOutcome } from '../alerts/runner.js';
import { authorizedCaller, type HttpResponse, type Identify, json } from '../shared/http.js';
import { createUnitsApi, LAB_RESULTS_PATH, STOCK_PATH, UNITS_PREFIX } from '../web/units.js';
import { labApplier, traceView } from '../web/unitsWiring.js';
import type { Outbox } from './outbox.js';
import type { LocalServer } from './server.js';

export const DEV_RUN_PREFIX = '/api/dev/run/';

/** Each job of `POST /api/dev/run/{job}` and the scheduled tasks it runs, in order. */
export const DEV_JOBS: Record<string, readonly AlertTask[]> = {
  alerts: ['stockCheck'],
  // The nightly sweep, then the morning list (which no longer shows what the sweep expired).
  expiry: ['expirySweep', 'expiringSoon'],
};

const runBody = z.strictObject({ now: z.iso.datetime({ offset: true }).optional() });

export interface LocalUnitsOptions {
  store: DynamoStore;
  policy: Policy;
  timeZone: string;
  now: () => Date;
  logger: Logger;
  identify: Identify;
  alerts: LocalAlerts;
  outbox: Outbox;
  /** The lab system's credential for `x-lab-key` (LAB_SERVICE_CREDENTIAL); staff tokens work without it. */
  labCredential?: string;
}

function summary(outcome: RunOutcome) {
  return {
    task: outcome.task,
    ...(outcome.expired !== undefined ? { expired: outcome.expired } : {}),
    ...(outcome.expiring ? { expiring: outcome.expiring } : {}),
    ...(outcome.check ? { events: outcome.check.events.map((e) => ({ group: e.group, kind: e.kind })) } : {}),
  };
}

export function mountUnits(server: LocalServer, options: LocalUnitsOptions): void {
  const { store, policy, timeZone, now, logger, alerts } = options;
  const units: UnitDeps = {
    store,
    policy,
    clock: { now, timeZone },
    notify: alerts.deps.jobs.staff ?? undefined,
    onStockChange: alerts.onStockChange,
  };
  const api = createUnitsApi({
    identify: options.identify,
    store,
    policy,
    thresholds: () => alerts.store.thresholds(),
    timeZone,
    now,
    logger,
    trace: traceView(units),
    applyLabRows: labApplier(units),
    ...(options.labCredential ? { labCredential: async () => options.labCredential ?? null } : {}),
  });
  const handle = (request: Parameters<typeof api.handle>[0]) => api.handle(request);
  server.route('*', STOCK_PATH, handle);
  server.route('*', LAB_RESULTS_PATH, handle);
  server.prefixRoute('*', UNITS_PREFIX, handle);

  server.prefixRoute('*', DEV_RUN_PREFIX, async (request): Promise<HttpResponse> => {
    const who = await authorizedCaller(request, options.identify, 'job.run');
    if (!('role' in who)) return who;
    if (request.method !== 'POST') return json(405, { error: 'method_not_allowed' });
    const job = (request.path ?? '').slice(DEV_RUN_PREFIX.length);
    const tasks = Object.hasOwn(DEV_JOBS, job) ? DEV_JOBS[job] : undefined;
    if (!tasks) {
      return json(404, { error: 'not_found', message: `Jobs: ${Object.keys(DEV_JOBS).join(', ')}.` });
    }
    let raw: unknown = {};
    if ((request.body ?? '').trim() !== '') {
      try {
        raw = JSON.parse(request.body ?? '');
      } catch {
        return json(400, { error: 'invalid_json', message: 'The body is not valid JSON.' });
      }
    }
    const body = runBody.safeParse(raw);
    if (!body.success) {
      return json(400, { error: 'invalid_request', message: 'Send {} or {"now":"<ISO time with offset>"}.' });
    }
    const at = body.data.now ? new Date(body.data.now) : now();
    const clock = () => at;
    const deps = alerts.deps;
    // The same runner the schedule uses, on a clock set to the requested time.
    const runner = createAlertRunner({
      ...deps,
      now: clock,
      jobs: { ...deps.jobs, units: { ...deps.jobs.units, clock: { now: clock, timeZone } } },
    });
    const before = new Set(options.outbox.list());
    const ran = [];
    for (const task of tasks) ran.push(summary(await runner.run(task)));
    await alerts.idle();
    const sent = options.outbox.list().filter((entry) => !before.has(entry));
    return json(200, { job, at: at.toISOString(), ran, sent });
  });
}
