/**
 * The documents and reports API, as transport-free handlers that the local server and the API
 * Gateway Lambda (./lambda.ts) both call. Adapter → use case: each handler verifies who is calling
 * (Cognito ID token → principal, never the body), validates the input with zod, runs one use case
 * and maps its outcome to a status. Everything here needs a signed-in caller. Each route names its
 * action of the authorization table (fulfillment/auth/authorize.ts), which says who may call it.
 *
 *   POST /api/documents                {donorId?, kind?, contentType, data: base64}  donor (own) or staff
 *   GET  /api/documents?donorId=       the donor's documents and their versions       donor (own) or staff
 *   GET  /api/documents/link?donorId=&kind=&versionId=   a 5-minute download link     donor (own) or staff
 *   GET  /api/reports/stock/latest     the latest stock report with 15-minute links   staff
 *   POST /api/audit-exports            {from, to} → CSV in the store + 15-minute link admin
 * and, from createReportApi (the function that carries the chart renderer; see ./reportLambda.ts):
 *   POST /api/reports/stock            make today's report now (before the daily run) staff
 *
 * Uploads are base64 inside JSON rather than multipart: one parser (zod) for every field, and the
 * same body on API Gateway, where binary multipart would need extra media-type configuration.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import * as z from 'zod';
import type { Principal } from '../../fulfillment/auth/principal.js';
import { todayIn } from '../../fulfillment/clock.js';
import type { DocumentStore } from '../../fulfillment/documents/port.js';
import type { Policy } from '../../fulfillment/domain/policy.js';
import type { Store } from '../../fulfillment/store/port.js';
import { exportAudit } from '../../fulfillment/usecases/auditExport.js';
import {
  DOCUMENT_KINDS,
  DONOR_ID,
  donorDocumentLink,
  listDonorDocuments,
  MAX_DOCUMENT_BYTES,
  type UploadRejection,
  uploadDonorDocument,
} from '../../fulfillment/usecases/documents.js';
import { type GenerateReport, stockReportAnswer } from '../../fulfillment/usecases/stockReport/answer.js';
import { latestStockReport } from '../../fulfillment/usecases/stockReport/data.js';
import {
  authorizedCaller,
  type HttpRequest,
  type HttpResponse,
  type Identify,
  json,
} from '../shared/http.js';

/** base64 of the largest document, plus room for the other fields. */
export const MAX_UPLOAD_BODY_BYTES = Math.ceil(MAX_DOCUMENT_BYTES / 3) * 4 + 4096;

export const uploadSchema = z.strictObject({
  donorId: z.string().regex(DONOR_ID, 'donorId is letters, digits, _ or -').optional(),
  kind: z.enum(DOCUMENT_KINDS).default('consent-form'),
  contentType: z.string().min(3).max(100),
  data: z.base64('data must be base64').min(1, 'data must not be empty'),
});

const donorQuery = z.object({ donorId: z.string().regex(DONOR_ID).optional() });
const linkQuery = donorQuery.extend({
  kind: z.enum(DOCUMENT_KINDS).default('consent-form'),
  versionId: z.string().min(1).max(1024).optional(),
});

export interface DocumentsApiDeps {
  identify: Identify;
  documents: DocumentStore;
  store: Store;
  policy: Policy;
  /** The service's time zone: which day "today's report" is. */
  timeZone: string;
  now: () => Date;
  logger: Logger;
}

export type DocumentsRoute = (request: HttpRequest) => Promise<HttpResponse>;

const REJECTION_STATUS: Record<UploadRejection, number> = {
  forbidden: 403,
  donor_not_found: 404,
  empty: 400,
  too_large: 413,
  unsupported_type: 415,
  type_mismatch: 415,
};

const REJECTION_MESSAGE: Record<UploadRejection, string> = {
  forbidden: 'You can only upload documents for your own donor record.',
  donor_not_found: 'There is no donor with that id.',
  empty: 'The file is empty.',
  too_large: `The file is larger than ${MAX_DOCUMENT_BYTES / (1024 * 1024)} MB.`,
  unsupported_type: 'Upload a PDF, PNG or JPEG file.',
  type_mismatch: 'The file is not of the type it was sent as.',
};

const FORBIDDEN = json(403, { error: 'forbidden', message: 'You may not see this.' });

function issues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ');
}

const caller = authorizedCaller;

function parseJsonBody(
  request: HttpRequest,
): { ok: true; body: unknown } | { ok: false; response: HttpResponse } {
  if (!(request.headers['content-type'] ?? '').toLowerCase().startsWith('application/json')) {
    return {
      ok: false,
      response: json(415, { error: 'unsupported_media_type', message: 'Send application/json.' }),
    };
  }
  try {
    return { ok: true, body: JSON.parse(request.body ?? '') };
  } catch {
    return {
      ok: false,
      response: json(400, { error: 'invalid_json', message: 'The body is not valid JSON.' }),
    };
  }
}

/** A donor acts on their own record unless they name it; staff must name the donor. */
function targetDonor(principal: Principal, donorId: string | undefined): string | null {
  return donorId ?? (principal.role === 'donor' ? (principal.donorId ?? null) : null);
}

export function createDocumentsApi(deps: DocumentsApiDeps) {
  const upload: DocumentsRoute = async (request) => {
    if (Buffer.byteLength(request.body ?? '') > MAX_UPLOAD_BODY_BYTES) {
      return json(413, { error: 'payload_too_large', message: REJECTION_MESSAGE.too_large });
    }
    const who = await caller(request, deps.identify, 'documents.upload');
    if (!('role' in who)) return who;
    const body = parseJsonBody(request);
    if (!body.ok) return body.response;
    const parsed = uploadSchema.safeParse(body.body);
    if (!parsed.success) return json(400, { error: 'invalid_request', message: issues(parsed.error) });
    const donorId = targetDonor(who, parsed.data.donorId);
    if (!donorId) return json(400, { error: 'invalid_request', message: 'donorId: required' });
    const out = await uploadDonorDocument(deps, who, {
      donorId,
      kind: parsed.data.kind,
      declaredType: parsed.data.contentType,
      bytes: Buffer.from(parsed.data.data, 'base64'),
    });
    deps.logger.info('document upload', { role: who.role, outcome: out.ok ? 'stored' : out.reason });
    if (!out.ok)
      return json(REJECTION_STATUS[out.reason], {
        error: out.reason,
        message: REJECTION_MESSAGE[out.reason],
      });
    return json(201, {
      key: out.key,
      versionId: out.versionId,
      size: out.size,
      contentType: out.contentType,
    });
  };

  const list: DocumentsRoute = async (request) => {
    const who = await caller(request, deps.identify, 'documents.read');
    if (!('role' in who)) return who;
    const query = donorQuery.safeParse(Object.fromEntries(request.query ?? []));
    if (!query.success) return json(400, { error: 'invalid_request', message: issues(query.error) });
    const donorId = targetDonor(who, query.data.donorId);
    if (!donorId) return json(400, { error: 'invalid_request', message: 'donorId: required' });
    const out = await listDonorDocuments(deps, who, donorId);
    return out.ok ? json(200, { donorId, documents: out.documents }) : FORBIDDEN;
  };

  const link: DocumentsRoute = async (request) => {
    const who = await caller(request, deps.identify, 'documents.read');
    if (!('role' in who)) return who;
    const query = linkQuery.safeParse(Object.fromEntries(request.query ?? []));
    if (!query.success) return json(400, { error: 'invalid_request', message: issues(query.error) });
    const donorId = targetDonor(who, query.data.donorId);
    if (!donorId) return json(400, { error: 'invalid_request', message: 'donorId: required' });
    const out = await donorDocumentLink(deps, who, {
      donorId,
      kind: query.data.kind,
      ...(query.data.versionId ? { versionId: query.data.versionId } : {}),
    });
    if (out.ok) return json(200, { url: out.url, expiresInSeconds: out.expiresInSeconds });
    return out.reason === 'forbidden'
      ? FORBIDDEN
      : json(404, { error: 'not_found', message: 'No such document.' });
  };

  const latestReport: DocumentsRoute = async (request) => {
    const who = await caller(request, deps.identify, 'reports.stock.read');
    if (!('role' in who)) return who;
    const out = await latestStockReport(deps, who);
    if (out.ok) return json(200, out.report);
    return out.reason === 'forbidden'
      ? FORBIDDEN
      : json(404, { error: 'not_found', message: 'No stock report has been made yet.' });
  };

  const auditExport: DocumentsRoute = async (request) => {
    const who = await caller(request, deps.identify, 'audit.export');
    if (!('role' in who)) return who;
    const body = parseJsonBody(request);
    if (!body.ok) return body.response;
    const out = await exportAudit(deps, who, body.body);
    deps.logger.info('audit export', {
      role: who.role,
      outcome: out.ok ? 'written' : out.reason,
      rows: out.ok ? out.rows : 0,
    });
    if (out.ok)
      return json(201, {
        url: out.url,
        expiresInSeconds: out.expiresInSeconds,
        rows: out.rows,
        key: out.key,
      });
    return out.reason === 'forbidden'
      ? FORBIDDEN
      : json(400, { error: 'invalid_request', message: out.message });
  };

  const routes: Record<string, DocumentsRoute> = {
    'POST /api/documents': upload,
    'GET /api/documents': list,
    'GET /api/documents/link': link,
    'GET /api/reports/stock/latest': latestReport,
    'POST /api/audit-exports': auditExport,
  };

  return withDispatch(routes);
}

/** Method + path → handler, for the Lambda and for tests; the local server registers each route. */
function withDispatch(routes: Record<string, DocumentsRoute>) {
  return {
    routes,
    async handle(request: HttpRequest): Promise<HttpResponse> {
      const route = routes[`${request.method} ${request.path ?? ''}`];
      if (route) return route(request);
      const known = Object.keys(routes).some((k) => k.endsWith(` ${request.path ?? ''}`));
      return known ? json(405, { error: 'method_not_allowed' }) : json(404, { error: 'not_found' });
    },
  };
}

/**
 * Making a report on demand renders the chart, so it is served apart from the other routes: by the
 * report function on AWS (the documents API does not carry the renderer) and by the local server.
 */
export function createReportApi(deps: DocumentsApiDeps & { generate: GenerateReport }) {
  const makeReport: DocumentsRoute = async (request) => {
    const who = await caller(request, deps.identify, 'reports.stock.make');
    if (!('role' in who)) return who;
    await deps.generate(deps, { today: todayIn(deps.timeZone, deps.now()) });
    const answer = await stockReportAnswer(deps, who, todayIn(deps.timeZone, deps.now()));
    return answer.ok ? json(201, answer.report) : json(403, { error: 'forbidden', message: answer.text });
  };
  return withDispatch({ 'POST /api/reports/stock': makeReport });
}
