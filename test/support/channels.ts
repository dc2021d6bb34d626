/**
 * Helpers for the channel and identity tests: an embedded-default config in a temp directory, a
 * tiny local stand-in for the Slack Web API and response_url (so nothing leaves the machine), the
 * embedded default with Slack open and signed requests into it (startSlackWorld), and JSON over HTTP.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { type EmbeddedApp, startEmbedded } from '../../adapters/local/app.js';
import type { LocalConfig } from '../../adapters/local/config.js';
import type { SlackLambdaEvent } from '../../adapters/slack/lambda.js';
import { signedHeaders, slashCommandBody } from '../../adapters/slack/signing.js';
import { anonymous } from '../../fulfillment/auth/principal.js';

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

/** A request signed once: sending it again is exactly what a replaying attacker or a retry sends. */
export interface SignedSlackRequest {
  body: string;
  headers: Record<string, string>;
}

export interface SlackWorldOptions {
  secret: string;
  team: string;
  /** The channel commands and clicks come from. */
  channel: string;
  /** Slack users linked before the tests (through the store, as `npm run slack:link` does). */
  links?: Array<{ userId: string; account: string; role: 'staff' | 'admin' }>;
  /** Start the real local Cognito (its demo accounts donor@, staff@, admin@example.org) instead of an injected identity. */
  cognito?: boolean;
}

/**
 * The embedded default with Slack open, a local stand-in for Slack's Web API and response_url, and
 * signed requests into Bolt's own HTTPReceiver: what every Slack integration test sets up.
 */
export interface SlackWorld {
  app: EmbeddedApp;
  stub: SlackStub;
  /** The run's DynamoDB Local. */
  dynamoEndpoint: string;
  sign(
    body: string,
    contentType: 'application/x-www-form-urlencoded' | 'application/json',
    at?: number,
  ): SignedSlackRequest;
  /** Posts a signed request, waits for the turns it started; the HTTP status. */
  send(request: SignedSlackRequest): Promise<number>;
  /** A signed `/blood <text>` whose answer goes to `responseUrl(id)`. */
  commandRequest(
    id: string,
    text: string,
    options?: { userId?: string; at?: number; channelId?: string; responseUrl?: string },
  ): SignedSlackRequest;
  /** A signed click on a bot button carrying `value`. */
  clickRequest(
    id: string,
    value: string,
    options?: { userId?: string; triggerId?: string; actionTs?: string; actionId?: string },
  ): SignedSlackRequest;
  /** Sends a command; its answers are `answersTo(id)`. */
  command(
    userId: string,
    text: string,
  ): Promise<{ id: string; status: number; answer: StubRequest['body'] | undefined }>;
  click(
    userId: string,
    value: string,
  ): Promise<{ id: string; status: number; answer: StubRequest['body'] | undefined }>;
  answersTo(id: string): StubRequest[];
  /** Audited allocations made from Slack so far. */
  slackAllocations(): Promise<number>;
  stop(): Promise<void>;
}

export async function startSlackWorld(options: SlackWorldOptions): Promise<SlackWorld> {
  const stub = await startSlackStub();
  const dynamoEndpoint = inject('dynamoEndpoint');
  const app = await startEmbedded(
    testConfig({
      slack: { signingSecret: options.secret, botToken: 'xoxb-test-token', apiUrl: stub.apiUrl },
    }),
    {
      dynamoEndpoint,
      ...(options.cognito ? {} : { identify: async () => anonymous('web') }),
      quiet: true,
    },
  );
  const setup = { userId: 'setup', role: 'admin' as const, channel: 'system' as const };
  for (const link of options.links ?? []) {
    await app.identityStore.linkSlackUser(
      { teamId: options.team, slackUserId: link.userId, account: link.account, role: link.role },
      setup,
    );
  }
  const firstUser = options.links?.[0]?.userId ?? 'U0NOBODY';
  let seq = 0;
  const world: SlackWorld = {
    app,
    stub,
    dynamoEndpoint,
    sign: (body, contentType, at) => ({
      body,
      headers: signedHeaders(options.secret, body, contentType, at),
    }),
    async send(request) {
      const response = await fetch(`${app.url}/slack/events`, {
        method: 'POST',
        headers: request.headers,
        body: request.body,
      });
      await response.text();
      await app.slack!.idle();
      return response.status;
    },
    commandRequest: (id, text, o = {}) =>
      world.sign(
        slashCommandBody({
          text,
          teamId: options.team,
          userId: o.userId ?? firstUser,
          channelId: o.channelId ?? options.channel,
          responseUrl: o.responseUrl ?? stub.responseUrl(id),
        }),
        'application/x-www-form-urlencoded',
        o.at,
      ),
    clickRequest(id, value, o = {}) {
      const payload = {
        type: 'block_actions',
        team: { id: options.team, domain: 'bloodservice' },
        user: { id: o.userId ?? firstUser, team_id: options.team },
        api_app_id: 'A0TEST',
        channel: { id: options.channel, name: 'bloodbank' },
        container: { type: 'message', message_ts: '1.0', channel_id: options.channel, is_ephemeral: true },
        trigger_id: o.triggerId ?? `${Date.now()}.${++seq}`,
        response_url: stub.responseUrl(id),
        actions: [
          {
            type: 'button',
            action_id: o.actionId ?? 'bot_reply_0',
            block_id: 'b1',
            value,
            text: { type: 'plain_text', text: value },
            action_ts: o.actionTs ?? `${Date.now() / 1000}`,
          },
        ],
      };
      return world.sign(
        new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
        'application/x-www-form-urlencoded',
      );
    },
    async command(userId, text) {
      const id = `cmd-${++seq}`;
      const status = await world.send(world.commandRequest(id, text, { userId }));
      return { id, status, answer: world.answersTo(id)[0]?.body };
    },
    async click(userId, value) {
      const id = `btn-${++seq}`;
      const status = await world.send(world.clickRequest(id, value, { userId }));
      return { id, status, answer: world.answersTo(id)[0]?.body };
    },
    answersTo: (id) => stub.requests.filter((r) => r.path === `/response/${id}`),
    async slackAllocations() {
      const audit = await app.store.auditByDay(new Date().toISOString().slice(0, 10));
      return audit.filter((e) => e.action === 'request.created' && e.actor.channel === 'slack').length;
    },
    async stop() {
      await app.stop();
      await stub.close();
    },
  };
  return world;
}

/** An API Gateway HTTP API (v2) event for POST /slack/events, as the Slack Lambda receives it. */
export function slackLambdaEvent(
  body: string,
  contentType: string,
  headers: Record<string, string>,
): SlackLambdaEvent {
  return {
    version: '2.0',
    routeKey: 'POST /slack/events',
    rawPath: '/slack/events',
    rawQueryString: '',
    headers: { 'content-type': contentType, ...headers },
    isBase64Encoded: false,
    body,
    requestContext: { http: { method: 'POST', path: '/slack/events', sourceIp: '198.51.100.7' } },
  };
}
