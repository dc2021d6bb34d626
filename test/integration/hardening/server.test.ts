/**
 * A server no request can crash (issue 12, finding 1 and the 413 of finding 9): signed Slack bodies
 * that are not objects, oversized bodies on a keep-alive connection, and generated garbage on every
 * route of the embedded default. Each answer is a JSON status, the connection is never dropped
 * without one, and /healthz still answers afterwards.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type EmbeddedApp, startEmbedded } from '../../../adapters/local/app.js';
import { signedHeaders } from '../../../adapters/slack/signing.js';
import { type SlackStub, startSlackStub, testConfig } from '../../support/channels.js';
import { rawHttp, statusOf } from './support.js';

const SECRET = 'hardening-slack-signing-secret';
let app: EmbeddedApp;
let stub: SlackStub;

beforeAll(async () => {
  stub = await startSlackStub();
  app = await startEmbedded(
    testConfig({ slack: { signingSecret: SECRET, botToken: 'xoxb-test-token', apiUrl: stub.apiUrl } }),
    { dynamoEndpoint: inject('dynamoEndpoint'), quiet: true },
  );
  // Starting the local Cognito and the NLU on a busy machine takes a while.
}, 180_000);
afterAll(async () => {
  await app?.stop();
  await stub?.close();
});

async function healthy(): Promise<boolean> {
  const response = await fetch(`${app.url}/healthz`);
  return response.status === 200;
}

describe('signed Slack bodies that are not objects', () => {
  it.each([
    ['null', 'application/json'],
    ['[]', 'application/json'],
    ['"text"', 'application/json'],
    ['42', 'application/json'],
    ['payload=null', 'application/x-www-form-urlencoded'],
    ['payload=%5B1%5D', 'application/x-www-form-urlencoded'],
    ['payload=%7Bbroken', 'application/x-www-form-urlencoded'],
  ] as const)('%s (%s) → 400 JSON, and the server keeps serving', async (body, contentType) => {
    // Prepare
    const headers = signedHeaders(SECRET, body, contentType);
    // Act
    const response = await fetch(`${app.url}/slack/events`, { method: 'POST', headers, body });
    // Assess
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'invalid_body' });
    expect(await healthy()).toBe(true);
  });

  it('an unsigned request is a JSON 401', async () => {
    const response = await fetch(`${app.url}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"type":"event_callback"}',
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: 'unauthorized' });
  });
});

describe('413 closes the connection', () => {
  it.each([
    ['/slack/events', 200_000],
    ['/api/chat', 2_000_000],
    ['/api/sms/inbound', 2_000_000],
  ])('%s with a %i-byte body, half sent, on keep-alive', async (path, length) => {
    // Prepare: the body is announced in full but only a part is sent.
    const head = `POST ${path} HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\nconnection: keep-alive\r\ncontent-length: ${length}\r\n\r\n`;
    // Act
    const exchange = await rawHttp(app.port, head, 'x'.repeat(10_000));
    // Assess
    expect(statusOf(exchange)).toBe(413);
    expect(exchange.text.toLowerCase()).toContain('connection: close');
    expect(exchange.text).toContain('"payload_too_large"');
    expect(exchange.closed).toBe(true);
    expect(await healthy()).toBe(true);
  });
});

const ROUTES = [
  ['POST', '/api/chat'],
  ['GET', '/api/chat'],
  ['POST', '/api/dev/login'],
  ['POST', '/api/sms/inbound'],
  ['POST', '/slack/events'],
  ['GET', '/healthz'],
  ['POST', '/api/documents'],
  ['GET', '/api/documents'],
  ['GET', '/api/documents/link'],
  ['POST', '/api/reports/stock'],
  ['POST', '/api/audit-exports'],
  ['GET', '/api/dev/outbox'],
  ['GET', '/api/stock'],
  ['GET', '/api/units/W123426000800'],
  ['GET', '/api/units/%E0%A4%A'],
  ['POST', '/api/lab-results'],
  ['POST', '/api/dev/run/expiry'],
] as const;

const contentTypes = fc.oneof(
  fc.constantFrom(
    'application/json',
    'application/json; charset=utf-8',
    'application/x-www-form-urlencoded',
    'text/plain',
    'text/csv',
    'multipart/form-data; boundary=x',
    '',
  ),
  fc.string({ maxLength: 40 }),
);
const bodies = fc.oneof(
  fc.json({ maxDepth: 3 }),
  fc.jsonValue({ maxDepth: 3 }).map((v) => `payload=${encodeURIComponent(JSON.stringify(v))}`),
  fc.string({ maxLength: 300 }),
  fc.constantFrom('null', '{}', '[]', '{"text":null}', '{"text":"\\u0000"}', '{"__proto__":{"x":1}}'),
);
const headerName = fc.constantFrom(
  'authorization',
  'x-lab-key',
  'x-slack-signature',
  'x-slack-request-timestamp',
  'origin',
  'x-forwarded-for',
  'x-amz-target',
);
// Header values Node will send: visible ASCII and spaces, no CR/LF.
const headerValue = fc
  .string({ maxLength: 60 })
  .map((s) => s.replace(/[^\x20-\x7e]/g, ''))
  .map((s) => s.trim());

describe('fuzzed requests on every route', () => {
  it.each(ROUTES)(
    '%s %s always answers JSON with a status',
    async (method, path) => {
      await fc.assert(
        fc.asyncProperty(
          contentTypes,
          bodies,
          fc.dictionary(headerName, headerValue, { maxKeys: 3 }),
          fc.boolean(),
          async (contentType, body, extra, sign) => {
            const headers: Record<string, string> = { ...extra };
            if (contentType) headers['content-type'] = contentType.replace(/[^\x20-\x7e]/g, '');
            if (sign && path === '/slack/events') {
              Object.assign(headers, signedHeaders(SECRET, body, 'application/json'));
              if (contentType) headers['content-type'] = contentType.replace(/[^\x20-\x7e]/g, '');
            }
            const response = await fetch(`${app.url}${path}`, {
              method,
              headers,
              ...(method === 'GET' ? {} : { body }),
              signal: AbortSignal.timeout(10_000),
            });
            const text = await response.text();
            expect(response.status).toBeGreaterThanOrEqual(200);
            expect(response.status).toBeLessThan(600);
            // Slack's acks may be empty; every refusal is JSON.
            if (response.status >= 400 || text !== '') expect(() => JSON.parse(text)).not.toThrow();
          },
        ),
        { numRuns: 25 },
      );
      expect(await healthy()).toBe(true);
    },
    120_000,
  );
});
