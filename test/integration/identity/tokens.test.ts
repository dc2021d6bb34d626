/**
 * Real ID tokens from the local Cognito (cognito-local), verified by the same code the web API runs
 * on AWS: roles from groups, the donor link by sub, and every way a token must fail: expired, for
 * another app client, from another issuer, tampered, signed by someone else, or an access token.
 */
import { createSign, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  type DemoPool,
  ensureAppClient,
  ensureDemoPool,
  ensureUser,
  passwordLogin,
} from '../../../adapters/identity/demoUsers.js';
import { type LocalCognito, startLocalCognito } from '../../../adapters/identity/localCognito.js';
import { roleFromGroups } from '../../../adapters/identity/roles.js';
import { createIdTokenVerifier, type IdTokenVerifier } from '../../../adapters/identity/verifier.js';
import { createWebIdentify } from '../../../adapters/identity/webIdentity.js';
import { type Identify, IdentityError } from '../../../adapters/shared/http.js';
import type { DynamoStore } from '../../../fulfillment/store/dynamo/index.js';
import { createTestStore } from '../../support/store.js';

const PASSWORD = 'Test-Password-123!';
let cognito: LocalCognito;
let pool: DemoPool;
let store: DynamoStore;
let verifier: IdTokenVerifier;
let identify: Identify;
let donorId: string;

const login = (username: string, clientId = pool.clientId) =>
  passwordLogin(cognito.client, clientId, username, PASSWORD);

function b64(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

beforeAll(async () => {
  cognito = await startLocalCognito({ dataDir: mkdtempSync(join(tmpdir(), 'cognito-test-')) });
  pool = await ensureDemoPool(cognito.client, PASSWORD);
  store = await createTestStore();
  const registered = await store.registerDonor(
    {
      firstName: 'Dana',
      lastName: 'Donor',
      dateOfBirth: '1990-03-12',
      phoneE164: '+12025550123',
      bloodGroup: 'O-',
      homeSite: 'central',
      cognitoSub: pool.subs['donor@example.org']!,
    },
    { userId: 'test', role: 'admin', channel: 'system' },
  );
  if (!registered.ok) throw new Error('seed failed');
  donorId = registered.donor.donorId;
  verifier = createIdTokenVerifier({
    issuer: pool.issuer,
    audience: pool.clientId,
    jwksUri: pool.jwksUri,
    jwks: pool.jwks,
  });
  identify = createWebIdentify({ verifier, donorIdBySub: (sub) => store.donorIdBySub(sub) });
});

afterAll(async () => {
  store?.destroy();
  await cognito?.stop();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('roles from Cognito groups', () => {
  it.each([
    [['admin'], 'admin'],
    [['staff'], 'staff'],
    [['donor'], 'donor'],
    [['staff', 'admin'], 'admin'],
    [['donor', 'staff'], 'staff'],
    [[], 'donor'],
    [undefined, 'donor'],
    [['unknown-group'], 'donor'],
  ])('%j → %s', (groups, role) => {
    expect(roleFromGroups(groups)).toBe(role);
  });
});

describe('web identity from a real local Cognito token', () => {
  it('no Authorization header → anonymous', async () => {
    expect(await identify(undefined)).toEqual({ userId: 'anonymous', role: 'anonymous', channel: 'web' });
  });

  it('the demo donor → donor principal linked to their donor record', async () => {
    // Act
    const principal = await identify(`Bearer ${await login('donor@example.org')}`);
    // Assess
    expect(principal).toEqual({
      userId: pool.subs['donor@example.org'],
      role: 'donor',
      channel: 'web',
      donorId,
    });
  });

  it.each([
    ['staff@example.org', 'staff'],
    ['admin@example.org', 'admin'],
  ])('%s → %s, no donor record', async (username, role) => {
    const principal = await identify(`Bearer ${await login(username)}`);
    expect(principal).toEqual({ userId: pool.subs[username], role, channel: 'web' });
  });

  it('a signed-in user in no group is a donor (self sign-up), never staff', async () => {
    // Prepare
    const sub = await ensureUser(cognito.client, pool.userPoolId, 'nogroup@example.org', PASSWORD, []);
    // Act
    const principal = await identify(`Bearer ${await login('nogroup@example.org')}`);
    // Assess
    expect(principal).toEqual({ userId: sub, role: 'donor', channel: 'web' });
  });

  it('an expired token is refused (clock moved past its one-hour life)', async () => {
    // Prepare
    const token = await login('staff@example.org');
    await expect(verifier.verify(token)).resolves.toBeDefined();
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 61 * 60 * 1000);
    // Act / Assess
    await expect(verifier.verify(token)).rejects.toMatchObject({ reason: 'expired' });
    await expect(identify(`Bearer ${token}`)).rejects.toThrow(/expired/);
  });

  it('a token for another app client (wrong audience) is refused', async () => {
    // Prepare
    const otherClient = await ensureAppClient(cognito.client, pool.userPoolId, 'some-other-app');
    const token = await login('admin@example.org', otherClient);
    // Act / Assess
    await expect(verifier.verify(token)).rejects.toMatchObject({ reason: 'wrong_audience' });
    await expect(identify(`Bearer ${token}`)).rejects.toBeInstanceOf(IdentityError);
  });

  it('a token from another issuer is refused', async () => {
    const strict = createIdTokenVerifier({
      issuer: `${cognito.endpoint}/local_someotherpool`,
      audience: pool.clientId,
      jwksUri: pool.jwksUri,
      jwks: pool.jwks,
    });
    await expect(strict.verify(await login('staff@example.org'))).rejects.toMatchObject({
      reason: 'wrong_issuer',
    });
  });

  it('a tampered token (donor rewrites their groups to admin) is refused', async () => {
    // Prepare
    const [header, payload, signature] = (await login('donor@example.org')).split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8'));
    const tampered = `${header}.${b64({ ...claims, 'cognito:groups': ['admin'] })}.${signature}`;
    // Act / Assess
    await expect(verifier.verify(tampered)).rejects.toMatchObject({ reason: 'invalid' });
    await expect(identify(`Bearer ${tampered}`)).rejects.toThrow(/not valid/);
  });

  it('a token with valid claims signed by another key (same kid) is refused', async () => {
    // Prepare
    const genuine = await login('staff@example.org');
    const [header, payload] = genuine.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8'));
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const body = `${header}.${b64({ ...claims, 'cognito:groups': ['admin'] })}`;
    const forged = `${body}.${createSign('RSA-SHA256').update(body).sign(privateKey).toString('base64url')}`;
    // Act / Assess
    await expect(verifier.verify(forged)).rejects.toMatchObject({ reason: 'invalid' });
  });

  it('an access token is not an identity', async () => {
    // Prepare
    const out = await cognito.client.call<{ AuthenticationResult: { AccessToken: string } }>('InitiateAuth', {
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: pool.clientId,
      AuthParameters: { USERNAME: 'staff@example.org', PASSWORD },
    });
    // Act / Assess
    await expect(verifier.verify(out.AuthenticationResult.AccessToken)).rejects.toBeDefined();
  });

  it.each([['Basic c3RhZmY6cGFzcw=='], ['Bearer'], ['Bearer not-a-jwt'], ['Bearer a.b.c']])(
    'a malformed Authorization header (%s) is a 401, not anonymous',
    async (header) => {
      await expect(identify(header)).rejects.toBeInstanceOf(IdentityError);
    },
  );

  it('a wrong password gets no token', async () => {
    await expect(
      passwordLogin(cognito.client, pool.clientId, 'staff@example.org', 'wrong-password'),
    ).rejects.toThrow(/Wrong username or password/);
  });
});
