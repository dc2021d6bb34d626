/**
 * The local HTTP server of the embedded default. Transport only: it turns Node requests into the
 * transport-free HttpRequest that each adapter handles (the same handlers the Lambdas run), and
 * serves the demo page. Routes are registered by exact method and path, or by a path prefix for
 * routes with a parameter in the path (`/api/units/{din}`, `/api/dev/run/{job}`).
 *
 * No request can take it down: every body is read here with a limit (a 413 closes the connection,
 * so no half-read body is left on a keep-alive socket), and anything a handler throws, raw or not,
 * becomes a JSON 500 while the server keeps serving.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type HttpRequest, type HttpResponse, json } from '../shared/http.js';

/** Bodies larger than this are refused before they are read to the end. */
const MAX_READ_BYTES = 1_000_000;

export type RouteHandler = (request: HttpRequest, raw: IncomingMessage) => Promise<HttpResponse>;

/**
 * A handler that takes over the raw request (Bolt's HTTPReceiver writes its own response). The body
 * has already been read, within the route's limit; the request stream is consumed.
 */
export type RawHandler = (req: IncomingMessage, res: ServerResponse, body: Buffer) => void | Promise<void>;

interface RawRoute {
  handler: RawHandler;
  maxBytes: number;
}

class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`The body is larger than ${limit} bytes`);
    this.name = 'BodyTooLargeError';
  }
}

const INTERNAL = () => json(500, { error: 'internal', message: 'Something went wrong.' });

export class LocalServer {
  private readonly routes = new Map<string, RouteHandler>();
  private readonly raw = new Map<string, RawRoute>();
  private readonly prefixes: Array<{ method: string; prefix: string; handler: RouteHandler }> = [];
  private server: Server | undefined;

  route(method: string, path: string, handler: RouteHandler): this {
    this.routes.set(`${method} ${path}`, handler);
    return this;
  }

  /** Every path under `prefix` (which ends in `/`); exact routes win. */
  prefixRoute(method: string, prefix: string, handler: RouteHandler): this {
    this.prefixes.push({ method, prefix, handler });
    return this;
  }

  private find(method: string, path: string): RouteHandler | undefined {
    const exact = this.routes.get(`${method} ${path}`) ?? this.routes.get(`* ${path}`);
    if (exact) return exact;
    return this.prefixes.find((p) => (p.method === method || p.method === '*') && path.startsWith(p.prefix))
      ?.handler;
  }

  rawRoute(path: string, handler: RawHandler, options: { maxBytes?: number } = {}): this {
    this.raw.set(path, { handler, maxBytes: options.maxBytes ?? MAX_READ_BYTES });
    return this;
  }

  async listen(port: number, host: string): Promise<number> {
    this.server = createServer((req, res) => {
      this.dispatch(req, res).catch((error: unknown) => failed(res, error));
    });
    // A malformed request line or header never reaches dispatch: answer it in JSON and hang up.
    this.server.on('clientError', (_error, socket) => {
      if (!socket.writable) return socket.destroy();
      const body = JSON.stringify({ error: 'bad_request', message: 'The request is malformed.' });
      socket.end(
        `HTTP/1.1 400 Bad Request\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
      );
    });
    await new Promise<void>((done, fail) => {
      this.server!.once('error', fail);
      this.server!.listen(port, host, () => done());
    });
    const address = this.server.address();
    return typeof address === 'object' && address ? address.port : port;
  }

  async close(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((done) => this.server!.close(() => done()));
  }

  private async dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://local');
    const raw = this.raw.get(url.pathname);
    if (raw) {
      const body = await readBody(req, raw.maxBytes);
      if (body instanceof BodyTooLargeError) return tooLarge(req, res);
      try {
        await raw.handler(req, res, body);
      } catch (error) {
        failed(res, error);
      }
      return;
    }
    const handler = this.find(req.method ?? 'GET', url.pathname);
    if (!handler) {
      const known =
        [...this.routes.keys()].some((k) => k.endsWith(` ${url.pathname}`)) ||
        this.prefixes.some((p) => url.pathname.startsWith(p.prefix));
      return send(
        res,
        known ? json(405, { error: 'method_not_allowed' }) : json(404, { error: 'not_found' }),
      );
    }
    const body = await readBody(req, MAX_READ_BYTES);
    if (body instanceof BodyTooLargeError) return tooLarge(req, res);
    const headers: Record<string, string | undefined> = {};
    for (const [k, v] of Object.entries(req.headers)) headers[k] = Array.isArray(v) ? v.join(', ') : v;
    const response = await handler(
      {
        method: req.method ?? 'GET',
        headers,
        body: body.toString('utf8'),
        path: url.pathname,
        query: url.searchParams,
        ...(req.socket.remoteAddress ? { sourceIp: req.socket.remoteAddress } : {}),
      },
      req,
    );
    send(res, response);
  }
}

/** The whole body, or BodyTooLargeError as soon as it passes the limit (declared or actual). */
async function readBody(req: IncomingMessage, limit: number): Promise<Buffer | BodyTooLargeError> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return new BodyTooLargeError(limit);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) return new BodyTooLargeError(limit);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * 413, then the connection closes: the rest of the body is never read, so the socket cannot be
 * reused for a next request (it would parse the leftover body as one).
 */
function tooLarge(req: IncomingMessage, res: ServerResponse): void {
  const response = json(413, { error: 'payload_too_large', message: 'The body is too large.' });
  res.shouldKeepAlive = false;
  res.writeHead(response.status, { ...response.headers, connection: 'close' });
  res.end(response.body, () => req.socket.destroy());
}

function failed(res: ServerResponse, error: unknown): void {
  console.error(JSON.stringify({ level: 'ERROR', message: 'request failed', error: String(error) }));
  if (!res.headersSent) send(res, INTERNAL());
  else if (!res.writableEnded) res.destroy();
}

export function send(res: ServerResponse, response: HttpResponse): void {
  res.writeHead(response.status, response.headers);
  res.end(response.body);
}
