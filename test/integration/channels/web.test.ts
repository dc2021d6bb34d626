/**
 * The web channel end to end against the embedded default (`startEmbedded`, what `npm start` runs):
 * sign in through the local Cognito at /api/dev/login, chat with the ID token, and every way the API
 * refuses (bad token, forged attributes in the body, other origins, too big, too many). Also the API
 * Gateway Lambda entry over the same handler. The table is seeded before start without the Cognito
 * link, as an older data directory would be, so the demo donor's link is made at start.
 */

import type { Jwks } from 'aws-jwt-verify/jwk';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createIdTokenVerifier } from '../../../adapters/identity/verifier.js';
import { createWebIdentify } from '../../../adapters/identity/webIdentity.js';
import { type EmbeddedApp, startEmbedded } from '../../../adapters/local/app.js';
import { LOCAL_CREDENTIALS } from '../../../adapters/local/dynamoLocal.js';
import { seedDemo } from '../../../adapters/local/seed.js';
import { createChatApi } from '../../../adapters/web/api.js';
import { createWebHandler } from '../../../adapters/web/lambda.js';
import { MemoryRateLimiter } from '../../../adapters/web/rateLimit.js';
import { policyFor } from '../../../fulfillment/domain/policy.js';
import { createPhoneHasher } from '../../../fulfillment/privacy.js';
import { DynamoStore } from '../../../fulfillment/store/dynamo/index.js';
import { postJson, replyText, testConfig } from '../../support/channels.js';

// A clock that stands still, so a rate window cannot roll over mid-test; the rate-limit test moves
// it to a window of its own (see there).
const NOW = new Date();
let clock = NOW;
const config = testConfig({ rateLimitPerMinute: 5 });
let app: EmbeddedApp;
let tokens: Record<'donor' | 'staff' | 'admin', string>;

async function login(username: string, password = config.demoPassword) {
  return postJson(`${app.url}/api/dev/login`, { username, password });
}
const chat = (body: unknown, headers: Record<string, string> = {}) =>
  postJson(`${app.url}/api/chat`, body, headers);
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

beforeAll(async () => {
  // An older data directory: seeded before the local Cognito existed, so the donor has no link yet.
  const preseed = new DynamoStore({
    tableName: config.tableName,
    endpoint: inject('dynamoEndpoint'),
    region: 'local',
    credentials: LOCAL_CREDENTIALS,
    hashPhone: createPhoneHasher(config.phoneHashKey),
  });
  await preseed.ensureTable();
  await seedDemo(preseed, { today: NOW.toISOString().slice(0, 10), policy: policyFor('US') });
  preseed.destroy();

  app = await startEmbedded(config, {
    dynamoEndpoint: inject('dynamoEndpoint'),
    now: () => clock,
    quiet: true,
  });
  const idToken = async (u: string) => (await login(u)).body.idToken as string;
  tokens = {
    donor: await idToken('donor@example.org'),
    staff: await idToken('staff@example.org'),
    admin: await idToken('admin@example.org'),
  };
});
afterAll(async () => {
  await app?.stop();
});

describe('sign-in (embedded only)', () => {
  it('gives an ID token for each demo user, and links the demo donor made before Cognito existed', async () => {
    expect(tokens.donor.split('.')).toHaveLength(3);
    expect(app.seed.seeded).toBe(false);
    expect(await app.store.donorIdBySub(app.cognito!.subs['donor@example.org']!)).toBe(app.seed.demoDonorId);
  });

  it.each([
    [{ username: 'staff@example.org', password: 'wrong-password' }, 401],
    [{ username: 'nobody@example.org', password: 'whatever-123' }, 401],
    [{ username: 'staff@example.org' }, 400],
  ])('%j → %i', async (body, status) => {
    const response = await postJson(`${app.url}/api/dev/login`, body);
    expect(response.status).toBe(status);
    expect(response.body).not.toHaveProperty('idToken');
  });
});

describe('a conversation per role', () => {
  it('the donor hears their own eligibility', async () => {
    const response = await chat({ text: 'when can I donate again' }, bearer(tokens.donor));
    expect(response.status).toBe(200);
    expect(response.body.intent).toMatchObject({ name: 'CheckEligibility', state: 'Fulfilled' });
    expect(replyText(response.body)).toMatch(/you can donate whole blood now|again from/);
    expect(replyText(response.body)).not.toMatch(/In general/);
  });

  it('staff see units; an anonymous visitor sees levels only', async () => {
    const staff = await chat({ text: 'how many O- red cells do we have' }, bearer(tokens.staff));
    expect(replyText(staff.body)).toMatch(/O- red cells: \d+ units available/);
    const anonymous = await chat({ text: 'how many O- red cells do we have' });
    expect(replyText(anonymous.body)).toMatch(/stock is (ok|low|critical)/);
    expect(replyText(anonymous.body)).not.toMatch(/units available/);
  });

  it('keeps a session across turns with the returned sessionId', async () => {
    const first = await chat({ text: 'I need to request units' }, bearer(tokens.staff));
    expect(first.body.dialogAction).toMatchObject({ type: 'ElicitSlot' });
    const second = await chat({ text: '2', sessionId: first.body.sessionId }, bearer(tokens.staff));
    expect(second.body.sessionId).toBe(first.body.sessionId);
    expect(second.body.intent).toMatchObject({ name: 'RequestUnits' });
  });
});

describe('refusals, always as JSON', () => {
  it('a tampered ID token → 401, not anonymous', async () => {
    const [h, , s] = tokens.donor.split('.');
    const payload = Buffer.from(
      JSON.stringify({ sub: 'x', 'cognito:groups': ['admin'], token_use: 'id' }),
    ).toString('base64url');
    const response = await chat({ text: 'hello' }, bearer(`${h}.${payload}.${s}`));
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({ error: 'unauthorized' });
  });

  it('a body that tries to set the principal or session attributes → 400, nothing reaches the bot', async () => {
    const response = await chat({
      text: 'request 2 units',
      sessionAttributes: { principal: 'x' },
      role: 'admin',
    });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: 'invalid_request' });
  });

  it.each([
    ['not JSON', 'text=hello', { 'content-type': 'application/json' }, 400, 'invalid_json'],
    ['wrong content type', 'hello', { 'content-type': 'text/plain' }, 415, 'unsupported_media_type'],
    ['too large', JSON.stringify({ text: 'x'.repeat(5000) }), {}, 413, 'payload_too_large'],
    ['empty text', JSON.stringify({ text: '   ' }), {}, 400, 'invalid_request'],
  ])('%s → %i', async (_label, body, headers, status, error) => {
    const response = await fetch(`${app.url}/api/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    });
    expect(response.status).toBe(status);
    expect(await response.json()).toMatchObject({ error });
  });

  it('CORS: an embedding origin is allowed and echoed; any other is refused', async () => {
    const ok = await chat({ text: 'hello' }, { origin: 'https://donate.example.org' });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://donate.example.org');
    const evil = await chat({ text: 'hello' }, { origin: 'https://evil.example' });
    expect(evil.status).toBe(403);
    expect(evil.body).toMatchObject({ error: 'origin_not_allowed' });
    const preflight = await fetch(`${app.url}/api/chat`, {
      method: 'OPTIONS',
      headers: { origin: 'https://donate.example.org', 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')).toContain('authorization');
  });

  it('rate limit: the 6th message in a minute from one principal → 429 with Retry-After', async () => {
    // Prepare: a rate window no other test has counted in (the next minute, ten seconds in), so the
    // counts below are this test's alone whatever ran before it.
    clock = new Date((Math.floor(NOW.getTime() / 60_000) + 1) * 60_000 + 10_000);
    try {
      // Act
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) statuses.push((await chat({ text: 'help' }, bearer(tokens.admin))).status);
      const limited = await chat({ text: 'help' }, bearer(tokens.admin));
      const other = await chat({ text: 'help' }, bearer(tokens.staff));
      // Assess
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
      expect(Number(limited.headers.get('retry-after'))).toBe(50);
      expect(other.status).toBe(200); // another principal is not affected
    } finally {
      clock = NOW;
    }
  });
});

describe('API Gateway Lambda entry (adapters/web/lambda.ts)', () => {
  function event(body: string, headers: Record<string, string>, base64 = false): APIGatewayProxyEventV2 {
    return {
      version: '2.0',
      routeKey: 'POST /api/chat',
      rawPath: '/api/chat',
      rawQueryString: '',
      headers,
      isBase64Encoded: base64,
      body: base64 ? Buffer.from(body).toString('base64') : body,
      requestContext: { http: { method: 'POST', path: '/api/chat', sourceIp: '203.0.113.9' } },
    } as unknown as APIGatewayProxyEventV2;
  }

  it('maps the v2 event to the same handler, base64 bodies and CORS included', async () => {
    // Prepare: the handler as the Lambda builds it, over this app's runtime and local Cognito.
    const cognito = app.cognito!;
    const issuer = `${cognito.endpoint}/${cognito.userPoolId}`;
    const jwks = (await (await fetch(`${issuer}/.well-known/jwks.json`)).json()) as Jwks;
    const handler = createWebHandler(
      createChatApi(
        {
          runtime: app.runtime,
          identify: createWebIdentify({
            verifier: createIdTokenVerifier({
              issuer,
              audience: cognito.clientId,
              jwksUri: `${issuer}/.well-known/jwks.json`,
              jwks,
            }),
            donorIdBySub: (sub) => app.store.donorIdBySub(sub),
          }),
          signingKey: config.principalSigningKey,
          now: () => NOW,
          newSessionId: () => 'lambda-session-0001',
        },
        {
          allowedOrigins: ['https://donate.example.org'],
          limiter: new MemoryRateLimiter({ limit: 5, windowSeconds: 60 }),
        },
      ),
    );
    const headers = {
      'content-type': 'application/json',
      origin: 'https://donate.example.org',
      authorization: `Bearer ${tokens.staff}`,
    };
    // Act
    const ok = await handler(
      event(JSON.stringify({ text: 'how many O- red cells do we have' }), headers, true),
    );
    const bad = await handler(event('{', headers));
    // Assess
    expect(ok.statusCode).toBe(200);
    expect(ok.headers?.['access-control-allow-origin']).toBe('https://donate.example.org');
    expect(JSON.parse(ok.body!)).toMatchObject({
      sessionId: 'lambda-session-0001',
      intent: { name: 'CheckStock' },
    });
    expect(bad.statusCode).toBe(400);
  });
});
