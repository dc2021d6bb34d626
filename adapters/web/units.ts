/**
 * The stock and unit API (issue 14), transport-free: the web Lambda (./lambda.ts), the lab results
 * Lambda (./labLambda.ts) and the local server all call these handlers. Adapter → use case: each
 * verifies the caller (a Cognito ID token, or the lab's service credential on lab-results), asks
 * the authorization table, validates with zod, runs one use case and maps its outcome to a status.
 *
 *   GET  /api/stock                 every site × group × component: available, days, level   staff
 *   GET  /api/units/{din}           every component of a DIN with its history; 404 unknown    staff
 *   POST /api/lab-results           JSON or CSV batch → per-row outcome                        lab or staff
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Logger } from '@aws-lambda-powertools/logger';
import * as z from 'zod';
import type { Principal } from '../../fulfillment/auth/principal.js';
import { todayIn } from '../../fulfillment/clock.js';
import { describeDinRejection, parseDin } from '../../fulfillment/domain/dinInput.js';
import type { Policy } from '../../fulfillment/domain/policy.js';
import type { GroupThresholds } from '../../fulfillment/domain/supply.js';
import type { Actor, InventoryStore, Site } from '../../fulfillment/store/port.js';
import { stockBySite } from '../../fulfillment/usecases/stockPicture.js';
import {
  authorizedCaller,
  type HttpRequest,
  type HttpResponse,
  type Identify,
  json,
} from '../shared/http.js';
import { applicableRows, type NumberedRow, parseLabBatch, type RowProblem } from './labRows.js';

export const STOCK_PATH = '/api/stock';
export const UNITS_PREFIX = '/api/units/';
export const LAB_RESULTS_PATH = '/api/lab-results';
/** The lab system's credential travels in its own header, never mixed up with a user's token. */
export const LAB_KEY_HEADER = 'x-lab-key';

/**
 * `GET /api/units/{din}` as DESIGN.md "Contracts" spells it, plus each component's `code` (which
 * of a split's halves) and `group` (null until a first-time donor's unit is tested).
 */
export interface UnitTrace {
  din: string;
  components: Array<{
    component: string;
    code: string;
    group: string | null;
    status: string;
    site?: string;
    expiresOn?: string;
    hospital?: string;
    history: Array<{ status: string; at: string; reason?: string }>;
  }>;
}

/** One lab row's fate, reported by its line (the labResultsBatch use case's outcome). */
export interface LabRowOutcome {
  line: number;
  din: string | null;
  /** rejected: the row is wrong; skipped: another row of its DIN is; refused: the DIN's results were. */
  status: 'applied' | 'rejected' | 'skipped' | 'refused';
  /** For applied rows: what the donation became. */
  outcome?: 'released' | 'quarantined' | 'unsafe';
  message: string;
}

/** The use cases behind the routes, as this adapter needs them (wired in ./unitsWiring.ts). */
export interface UnitsApiDeps {
  identify: Identify;
  store: InventoryStore & { sites(): Promise<Site[]> };
  policy: Policy;
  /** Admin-set thresholds, so the API shows the levels the shortage alerts act on. */
  thresholds: () => Promise<GroupThresholds>;
  timeZone: string;
  now: () => Date;
  logger: Logger;
  trace: (din: string, actor: Actor) => Promise<UnitTrace | null>;
  applyLabRows: (rows: NumberedRow[], actor: Actor) => Promise<LabRowOutcome[]>;
  /** The lab's service credential (Secrets Manager on AWS); null when none is configured. */
  labCredential?: () => Promise<string | null>;
}

export type UnitsRoute = (request: HttpRequest) => Promise<HttpResponse>;

/** The lab system as it appears in the audit trail. */
export const LAB_ACTOR: Actor = { userId: 'lab-system', role: 'staff', channel: 'system' };

/** Query parameters are not used; anything given is refused rather than silently ignored. */
const noQuery = z.strictObject({});

function issues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || 'query'}: ${i.message}`).join('; ');
}

function actorOf(principal: Principal): Actor {
  return { userId: principal.userId, role: principal.role, channel: principal.channel };
}

/** Equal-length digests, so neither the length nor the first differing byte leaks through timing. */
export function sameCredential(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b) && expected.length > 0;
}

export function createUnitsApi(deps: UnitsApiDeps) {
  const stock: UnitsRoute = async (request) => {
    const who = await authorizedCaller(request, deps.identify, 'api.stock');
    if (!('role' in who)) return who;
    const query = noQuery.safeParse(Object.fromEntries(request.query ?? []));
    if (!query.success) return json(400, { error: 'invalid_request', message: issues(query.error) });
    const rows = await stockBySite({
      store: deps.store,
      policy: deps.policy,
      today: todayIn(deps.timeZone, deps.now()),
      thresholds: await deps.thresholds(),
    });
    return json(200, {
      items: rows.map((r) => ({
        site: r.site,
        bloodGroup: r.group,
        component: r.component,
        available: r.available,
        daysOfSupply: r.daysOfSupply,
        level: r.level,
      })),
    });
  };

  const unit: UnitsRoute = async (request) => {
    const who = await authorizedCaller(request, deps.identify, 'api.unit');
    if (!('role' in who)) return who;
    let raw: string;
    try {
      raw = decodeURIComponent((request.path ?? '').slice(UNITS_PREFIX.length));
    } catch {
      return json(400, { error: 'invalid_din', message: 'The DIN in the path is not valid URL encoding.' });
    }
    const din = parseDin(raw.slice(0, 40));
    if (!din.ok || raw.length > 40) {
      const why = din.ok ? 'a DIN is at most 40 characters as sent' : describeDinRejection(din.reason);
      return json(400, { error: 'invalid_din', message: `Not a DIN: ${why}.` });
    }
    const trace = await deps.trace(din.din, actorOf(who));
    if (!trace) return json(404, { error: 'not_found', message: `No unit with DIN ${din.din}.` });
    return json(200, trace);
  };

  /** The lab by its credential, else a signed-in caller the table lets through. */
  const labCaller = async (request: HttpRequest): Promise<Actor | HttpResponse> => {
    const key = request.headers[LAB_KEY_HEADER];
    if (key !== undefined) {
      const expected = deps.labCredential ? await deps.labCredential() : null;
      if (expected && sameCredential(key, expected)) return LAB_ACTOR;
      return json(401, { error: 'unauthorized', message: 'The lab credential is not valid.' });
    }
    const who = await authorizedCaller(request, deps.identify, 'api.labResults');
    return 'role' in who ? actorOf(who) : who;
  };

  const labResults: UnitsRoute = async (request) => {
    const actor = await labCaller(request);
    if (!('role' in actor)) return actor;
    const batch = parseLabBatch(request.headers['content-type'], request.body);
    if (!batch.ok) return json(batch.status, { error: batch.error, message: batch.message });
    const { rows, held } = applicableRows(batch);
    const outcomes = rows.length > 0 ? await deps.applyLabRows(rows, actor) : [];
    const notApplied =
      (status: 'rejected' | 'skipped') =>
      (p: RowProblem): LabRowOutcome => ({
        line: p.line,
        din: p.din,
        status,
        message: p.message,
      });
    const report = [
      ...outcomes,
      ...batch.problems.map(notApplied('rejected')),
      ...held.map(notApplied('skipped')),
    ].sort((a, b) => a.line - b.line);
    const applied = report.filter((r) => r.status === 'applied').length;
    deps.logger.info('lab results', {
      lab: actor === LAB_ACTOR,
      rows: report.length,
      applied,
      rejected: report.length - applied,
    });
    // 200 when every row went in; 422 when some did not (the others did, each DIN whole).
    return json(applied === report.length ? 200 : 422, {
      applied,
      rejected: report.length - applied,
      rows: report,
    });
  };

  const routes: Record<string, UnitsRoute> = {
    [`GET ${STOCK_PATH}`]: stock,
    [`GET ${UNITS_PREFIX}{din}`]: unit,
    [`POST ${LAB_RESULTS_PATH}`]: labResults,
  };
  return {
    routes,
    /** Whether this API serves the path (any method): the Lambdas send the rest elsewhere. */
    serves(path: string | undefined): boolean {
      return path === STOCK_PATH || path === LAB_RESULTS_PATH || (path ?? '').startsWith(UNITS_PREFIX);
    },
    async handle(request: HttpRequest): Promise<HttpResponse> {
      const path = request.path ?? '';
      const key = path.startsWith(UNITS_PREFIX) ? `${UNITS_PREFIX}{din}` : path;
      const route = routes[`${request.method} ${key}`];
      if (route) return route(request);
      const known = Object.keys(routes).some((k) => k.endsWith(` ${key}`));
      return known ? json(405, { error: 'method_not_allowed' }) : json(404, { error: 'not_found' });
    },
  };
}

export type UnitsApi = ReturnType<typeof createUnitsApi>;
