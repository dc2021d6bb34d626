/**
 * Documents and reports in the embedded default: the folder document store under DATA_DIR, the
 * documents API on the local server (the same handlers as the Lambda), the `/files` route that
 * stands in for S3 presigned URLs, the staff reports page, and the daily report job, which posts to
 * the outbox as the staff Slack channel.
 *
 * Uploads come in through a raw route because their base64 body is larger than the local server's
 * general 1 MB body limit; this route reads up to the documents limit and no further.
 */
import { createHmac } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Principal } from '../../fulfillment/auth/principal.js';
import { timeIn, todayIn } from '../../fulfillment/clock.js';
import { FILE_ROUTE, FolderDocumentStore } from '../../fulfillment/documents/folder.js';
import type { Policy } from '../../fulfillment/domain/policy.js';
import type { Store } from '../../fulfillment/store/port.js';
import { stockReportAnswer } from '../../fulfillment/usecases/reportAnswer.js';
import { generateStockReport, publishDailyStockReport } from '../../fulfillment/usecases/reportGenerate.js';
import { LATEST_KEY, reportRecordSchema } from '../../fulfillment/usecases/reportStock.js';
import type { LocalConfig } from '../local/config.js';
import { type LocalServer, send } from '../local/server.js';
import { type HttpRequest, type Identify, json } from '../shared/http.js';
import { createDocumentsApi, MAX_UPLOAD_BODY_BYTES } from './http.js';

const PUBLIC_DIR = join(import.meta.dirname, 'public');
export const STAFF_PAGE_PATH = '/staff/reports';
/** The daily report is made once the service's day has begun, at the first check after this time. */
export const DAILY_REPORT_AFTER = '06:00';
const CHECK_EVERY_MS = 10 * 60 * 1000;

export interface LocalDocumentsOptions {
  config: LocalConfig;
  store: Store;
  policy: Policy;
  now: () => Date;
  logger: Logger;
}

export interface MountOptions {
  identify: Identify;
  /** The staff channel: the outbox locally ("slack" entries), the Slack client when configured. */
  postToStaff: (text: string) => Promise<void>;
}

async function readLimited(req: IncomingMessage, limit: number): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function safeName(name: string): string {
  return name.replace(/[^\w.-]/g, '_');
}

export function createLocalDocuments(options: LocalDocumentsOptions) {
  const { config, store, policy, now, logger } = options;
  let baseUrl = `http://${config.host}:${config.port}`;
  const documents = new FolderDocumentStore({
    root: join(config.dataDir, 'documents'),
    // Its own key, derived so that a link signature can never double as a principal signature.
    linkKey: createHmac('sha256', config.principalSigningKey).update('document-links').digest('base64url'),
    baseUrl: () => baseUrl,
    now,
  });
  const reportDeps = { store, documents, policy, now };
  const today = () => todayIn(config.timeZone, now());
  let timer: NodeJS.Timeout | undefined;
  let post: MountOptions['postToStaff'] = async () => undefined;

  /** The scheduled run: today's report once per day, after the day has begun. */
  async function dailyCheck(): Promise<void> {
    if (timeIn(config.timeZone, now()) < DAILY_REPORT_AFTER) return;
    const latest = await documents.get(LATEST_KEY);
    const date = latest
      ? reportRecordSchema.parse(JSON.parse(Buffer.from(latest.body).toString('utf8'))).date
      : null;
    if (date === today()) return;
    const record = await publishDailyStockReport(
      { ...reportDeps, post, staffPageUrl: `${baseUrl}${STAFF_PAGE_PATH}` },
      { today: today() },
    );
    logger.info('stock report published', { date: record.date });
  }

  const fileRoute = async (req: IncomingMessage, res: ServerResponse) => {
    const token = new URL(req.url ?? '/', 'http://local').searchParams.get('t') ?? '';
    const granted = req.method === 'GET' ? documents.resolveLink(token) : null;
    const file = granted ? await documents.get(granted.key, { versionId: granted.versionId }) : null;
    if (!granted || !file) {
      return send(res, json(404, { error: 'not_found', message: 'This link is not valid or has expired.' }));
    }
    // Donors' files are always downloads, never rendered in our origin; reports' SVG may show inline.
    const inline = file.info.contentType === 'image/svg+xml' && granted.key.startsWith('reports/');
    const name = safeName(granted.downloadName ?? granted.key.split('/').at(-1) ?? 'file');
    res.writeHead(200, {
      'content-type': file.info.contentType,
      'content-length': String(file.body.length),
      'content-disposition': `${inline ? 'inline' : 'attachment'}; filename="${name}"`,
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox",
      'cache-control': 'private, no-store',
    });
    res.end(Buffer.from(file.body));
  };

  return {
    documents,

    /** `/blood report` in Slack: the same answer as the chat intent. */
    slackReport: async (principal: Principal) =>
      (await stockReportAnswer(reportDeps, principal, today(), generateStockReport)).text,

    mount(server: LocalServer, mount: MountOptions): void {
      post = mount.postToStaff;
      const api = createDocumentsApi({
        ...reportDeps,
        identify: mount.identify,
        timeZone: config.timeZone,
        logger,
      });
      server.rawRoute('/api/documents', (req, res) => {
        (async () => {
          const body = await readLimited(req, MAX_UPLOAD_BODY_BYTES);
          if (body === null) {
            res.setHeader('connection', 'close');
            return send(res, json(413, { error: 'payload_too_large', message: 'The file is too large.' }));
          }
          const url = new URL(req.url ?? '/', 'http://local');
          const headers: HttpRequest['headers'] = {};
          for (const [k, v] of Object.entries(req.headers)) headers[k] = Array.isArray(v) ? v.join(', ') : v;
          const request: HttpRequest = {
            method: req.method ?? 'GET',
            headers,
            body,
            path: url.pathname,
            query: url.searchParams,
          };
          send(res, await api.handle(request));
        })().catch((error: unknown) => {
          logger.error('documents request failed', {
            error: error instanceof Error ? error.name : 'unknown',
          });
          if (!res.headersSent) send(res, json(500, { error: 'internal', message: 'Something went wrong.' }));
        });
      });
      for (const [route, handler] of Object.entries(api.routes)) {
        const [method, path] = route.split(' ') as [string, string];
        if (path !== '/api/documents') server.route(method, path, handler);
      }
      server.rawRoute(FILE_ROUTE, (req, res) => {
        fileRoute(req, res).catch(() => {
          if (!res.headersSent) send(res, json(500, { error: 'internal' }));
        });
      });
      const page = (file: string, type: string, csp?: string) => async () => ({
        status: 200,
        headers: {
          'content-type': type,
          'cache-control': 'no-store',
          ...(csp ? { 'content-security-policy': csp } : {}),
        },
        body: await readFile(join(PUBLIC_DIR, file), 'utf8'),
      });
      server.route(
        'GET',
        STAFF_PAGE_PATH,
        page(
          'staff.html',
          'text/html; charset=utf-8',
          "default-src 'none'; script-src 'self'; connect-src 'self'; img-src 'self'; style-src 'self' 'unsafe-inline'; form-action 'none'; frame-ancestors 'none'",
        ),
      );
      server.route('GET', '/staff/reports.js', page('staff.js', 'text/javascript; charset=utf-8'));
    },

    /** Once the server listens: links point at it, and the daily job starts (never at once, so tests stay quiet). */
    listening(url: string): void {
      baseUrl = url;
      timer = setInterval(() => {
        dailyCheck().catch((error: unknown) => {
          logger.error('stock report failed', { error: error instanceof Error ? error.name : 'unknown' });
        });
      }, CHECK_EVERY_MS);
      timer.unref();
    },

    stop(): void {
      if (timer) clearInterval(timer);
    },
  };
}

export type LocalDocuments = ReturnType<typeof createLocalDocuments>;
