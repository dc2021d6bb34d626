/**
 * Helpers for the channel and identity tests: an embedded-default config in a temp directory, a
 * tiny local stand-in for the Slack Web API and response_url (so nothing leaves the machine), and
 * JSON over HTTP.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LocalConfig } from '../../adapters/local/config.js';

export const TEST_PHONE_KEY = 'test-pepper-test-pepper-test-pepper!!';
export const TEST_PRINCIPAL_KEY = 'test-signing-key-test-signing-key-0123456789';

export function testConfig(overrides: Partial<LocalConfig> = {}): LocalConfig {
  return {
    port: 0,
    host: '127.0.0.1',
    dataDir: mkdtempSync(join(tmpdir(), 'bloodbank-channels-')),
    demoPassword: 'Demo-Password-123!',
    policy: 'US',
    timeZone: 'UTC',
    tableName: `test-${randomUUID()}`,
    principalSigningKey: TEST_PRINCIPAL_KEY,
    phoneHashKey: TEST_PHONE_KEY,
    slack: null,
    allowedOrigins: ['https://donate.example.org'],
    ...overrides,
  };
}

export interface StubRequest {
  path: string;
  contentType: string;
  body: Record<string, unknown>;
}

/** Records what would have gone to Slack: Web API calls (/api/<method>) and response_url posts. */
export interface SlackStub {
  url: string;
  apiUrl: string;
  requests: StubRequest[];
  responseUrl(id: string): string;
  close(): Promise<void>;
}

export async function startSlackStub(): Promise<SlackStub> {
  const requests: StubRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const contentType = String(req.headers['content-type'] ?? '');
      let body: Record<string, unknown> = {};
      if (contentType.includes('json')) body = JSON.parse(raw || '{}');
      else {
        for (const [k, v] of new URLSearchParams(raw)) {
          // The Web API client sends structured arguments (blocks) as JSON strings.
          body[k] = /^[[{]/.test(v) ? JSON.parse(v) : v;
        }
      }
      requests.push({ path: req.url ?? '', contentType, body });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: true, channel: body.channel ?? 'C0', ts: `${Date.now() / 1000}` }));
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    apiUrl: `${url}/api/`,
    requests,
    responseUrl: (id) => `${url}/response/${id}`,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

export async function postJson(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; body: Record<string, unknown> }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : {} };
}

/** All plain-text content of a chat API or RecognizeText answer. */
export function replyText(body: { messages?: unknown }): string {
  return ((body.messages ?? []) as Array<{ contentType: string; content?: string }>)
    .filter((m) => m.contentType === 'PlainText')
    .map((m) => m.content ?? '')
    .join('\n');
}
