/**
 * The local HTTP server of the embedded default. Transport only: it turns Node requests into the
 * transport-free HttpRequest that each adapter handles (the same handlers the Lambdas run), and
 * serves the demo page. Routes are registered by exact method and path.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type HttpRequest, type HttpResponse, json } from '../shared/http.js';

/** Bodies larger than this are refused before they are read to the end. */
const MAX_READ_BYTES = 1_000_000;

export type RouteHandler = (request: HttpRequest, raw: IncomingMessage) => Promise<HttpResponse>;

/** A handler that takes over the raw request (Bolt's HTTPReceiver does its own reading). */
export type RawHandler = (req: IncomingMessage, res: ServerResponse) => void;

export class LocalServer {
  private readonly routes = new Map<string, RouteHandler>();
  private readonly raw = new Map<string, RawHandler>();
  private server: Server | undefined;

  route(method: string, path: string, handler: RouteHandler): this {
    this.routes.set(`${method} ${path}`, handler);
    return this;
  }

  rawRoute(path: string, handler: RawHandler): this {
    this.raw.set(path, handler);
    return this;
  }

  async listen(port: number, host: string): Promise<number> {
    this.server = createServer((req, res) => {
      this.dispatch(req, res).catch((error: unknown) => {
        console.error(JSON.stringify({ level: 'ERROR', message: 'request failed', error: String(error) }));
        if (!res.headersSent) send(res, json(500, { error: 'internal', message: 'Something went wrong.' }));
      });
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
    const rawHandler = this.raw.get(url.pathname);
    if (rawHandler) return rawHandler(req, res);
    const handler = this.routes.get(`${req.method} ${url.pathname}`) ?? this.routes.get(`* ${url.pathname}`);
    if (!handler) {
      const known = [...this.routes.keys()].some((k) => k.endsWith(` ${url.pathname}`));
      return send(
        res,
        known ? json(405, { error: 'method_not_allowed' }) : json(404, { error: 'not_found' }),
      );
    }
    const body = await readBody(req);
    if (body === null)
      return send(res, json(413, { error: 'payload_too_large', message: 'The body is too large.' }));
    const headers: Record<string, string | undefined> = {};
    for (const [k, v] of Object.entries(req.headers)) headers[k] = Array.isArray(v) ? v.join(', ') : v;
    const response = await handler(
      {
        method: req.method ?? 'GET',
        headers,
        body,
        path: url.pathname,
        query: url.searchParams,
        ...(req.socket.remoteAddress ? { sourceIp: req.socket.remoteAddress } : {}),
      },
      req,
    );
    send(res, response);
  }
}

async function readBody(req: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_READ_BYTES) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function send(res: ServerResponse, response: HttpResponse): void {
  res.writeHead(response.status, response.headers);
  res.end(response.body);
}
