/**
 * No way around sign-in (issue 12, findings 6 and 9): cognito-local's npm package publishes the
 * private key it signs with, and its admin API answers anyone. The embedded default signs with a key
 * made for its data directory, lets only the server call admin actions, and pins the issuer by pool
 * id, so a restart (a new port) keeps every session.
 */

import { createSign } from 'node:crypto';
import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { LOCAL_ISSUER_DOMAIN } from '../../../adapters/identity/localCognito.js';
import { type EmbeddedApp, startEmbedded } from '../../../adapters/local/app.js';
import { postJson, testConfig } from '../../support/channels.js';

const config = testConfig();
let app: EmbeddedApp;
let staffToken: string;

const published = createRequire(import.meta.url)('cognito-local/lib/keys/cognitoLocal.private.json') as {
  pem: string;
};

function b64(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** An ID token as cognito-local would make it, signed with the key its package publishes. */
function forgedAdminToken(issuer: string): string {
  const now = Math.floor(Date.now() / 1000);
  const header = b64({ alg: 'RS256', typ: 'JWT', kid: 'CognitoLocal' });
  const payload = b64({
    sub: app.cognito!.subs['admin@example.org'],
    'cognito:groups': ['admin'],
    'cognito:username': 'admin@example.org',
    token_use: 'id',
    aud: app.cognito!.clientId,
    iss: issuer,
    iat: now,
    auth_time: now,
    exp: now + 3600,
  });
  const signature = createSign('RSA-SHA256').update(`${header}.${payload}`).sign(published.pem, 'base64url');
  return `${header}.${payload}.${signature}`;
}

async function engine(action: string, input: Record<string, unknown>) {
  const response = await fetch(`${app.cognito!.endpoint}/`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': `AWSCognitoIdentityProviderService.${action}`,
    },
    body: JSON.stringify(input),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const start = () => startEmbedded(config, { dynamoEndpoint: inject('dynamoEndpoint'), quiet: true });

beforeAll(async () => {
  app = await start();
  staffToken = (
    await postJson(`${app.url}/api/dev/login`, {
      username: 'staff@example.org',
      password: config.demoPassword,
    })
  ).body.idToken as string;
}, 180_000);
afterAll(async () => {
  await app?.stop();
});

describe('tokens signed with the published key', () => {
  const issuers = () => [
    // The issuer the embedded default trusts now, and the port-based one it used to trust.
    `${LOCAL_ISSUER_DOMAIN}/${app.cognito!.userPoolId}`,
    `${app.cognito!.endpoint}/${app.cognito!.userPoolId}`,
  ];

  it.each([0, 1])('are refused at /api/chat and at the audit export (issuer %i)', async (which) => {
    // Prepare
    const token = forgedAdminToken(issuers()[which]!);
    const authorization = `Bearer ${token}`;
    // Act
    const chat = await postJson(`${app.url}/api/chat`, { text: 'how is blood stock' }, { authorization });
    const exported = await postJson(
      `${app.url}/api/audit-exports`,
      { from: '2026-01-01' },
      { authorization },
    );
    // Assess
    expect(chat.status).toBe(401);
    expect(exported.status).toBe(401);
  });

  it('the engine publishes this data directory’s key, kept private on disk', async () => {
    const jwks = (await (
      await fetch(`${app.cognito!.endpoint}/${app.cognito!.userPoolId}/.well-known/jwks.json`)
    ).json()) as { keys: Array<{ n: string }> };
    const packaged = createRequire(import.meta.url)('cognito-local/lib/keys/cognitoLocal.public.json') as {
      jwk: { n: string };
    };
    expect(jwks.keys.map((k) => k.n)).not.toContain(packaged.jwk.n);
    expect(statSync(join(config.dataDir, 'cognito', 'signing-key.json')).mode & 0o077).toBe(0);
  });
});

describe('the engine’s admin API', () => {
  it.each([
    [
      'AdminCreateUser',
      () => ({
        UserPoolId: app.cognito!.userPoolId,
        Username: 'intruder@example.org',
        TemporaryPassword: 'Intruder-123!',
        MessageAction: 'SUPPRESS',
      }),
    ],
    [
      'AdminAddUserToGroup',
      () => ({ UserPoolId: app.cognito!.userPoolId, Username: 'donor@example.org', GroupName: 'admin' }),
    ],
    [
      'AdminSetUserPassword',
      () => ({
        UserPoolId: app.cognito!.userPoolId,
        Username: 'admin@example.org',
        Password: 'Mine-123456!',
        Permanent: true,
      }),
    ],
    ['ListUsers', () => ({ UserPoolId: app.cognito!.userPoolId })],
  ])('%s straight to the engine without the server’s secret is refused', async (action, input) => {
    // Act
    const response = await engine(action, input());
    // Assess
    expect(response.status).toBe(403);
    expect(response.body.__type).toBe('NotAuthorizedException');
  });

  it('still lets an app client sign in', async () => {
    const response = await engine('InitiateAuth', {
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: app.cognito!.clientId,
      AuthParameters: { USERNAME: 'staff@example.org', PASSWORD: config.demoPassword },
    });
    expect(response.status).toBe(200);
  });
});

/** The widget's door to the engine: one allow-list with the engine's own, nothing administrative. */
describe('the page’s Cognito proxy (/api/dev/cognito)', () => {
  async function proxy(action: string, input: Record<string, unknown>) {
    const response = await fetch(`${app.url}/api/dev/cognito`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': `AWSCognitoIdentityProviderService.${action}`,
      },
      body: JSON.stringify(input),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }
  const signIn = (username: string, password: string) =>
    proxy('InitiateAuth', {
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: app.cognito!.clientId,
      AuthParameters: { USERNAME: username, PASSWORD: password },
    });

  it.each(['AdminAddUserToGroup', 'AdminCreateUser', 'ListUsers'])('refuses %s', async (action) => {
    // Act
    const response = await proxy(action, {
      UserPoolId: app.cognito!.userPoolId,
      Username: 'donor@example.org',
    });
    // Assess
    expect(response.status).toBe(400);
    expect(response.body.__type).toBe('NotAuthorizedException');
  });

  it('answers Amplify’s refresh call with fresh tokens', async () => {
    // Prepare
    const signedIn = await signIn('staff@example.org', config.demoPassword);
    const result = signedIn.body.AuthenticationResult as { RefreshToken: string };
    // Act
    const refreshed = await proxy('GetTokensFromRefreshToken', {
      ClientId: app.cognito!.clientId,
      RefreshToken: result.RefreshToken,
    });
    // Assess
    expect(refreshed.status).toBe(200);
    expect((refreshed.body.AuthenticationResult as { IdToken?: string }).IdToken).toMatch(/^ey/);
  });

  it('lets a signed-in user change their own password', async () => {
    // Prepare
    const signedIn = await signIn('donor@example.org', config.demoPassword);
    const accessToken = (signedIn.body.AuthenticationResult as { AccessToken: string }).AccessToken;
    const changeTo = (from: string, to: string) =>
      proxy('ChangePassword', { AccessToken: accessToken, PreviousPassword: from, ProposedPassword: to });
    // Act
    const changed = await changeTo(config.demoPassword, 'Another-pass-123!');
    const withNew = await signIn('donor@example.org', 'Another-pass-123!');
    // Assess
    expect(changed.status).toBe(200);
    expect(withNew.status).toBe(200);
    // Leave the demo password as the other tests expect it.
    expect((await changeTo('Another-pass-123!', config.demoPassword)).status).toBe(200);
  });
});

describe('a restart', () => {
  it('keeps sessions: a token from before is still accepted on the new port', async () => {
    // Prepare
    const before = app.cognito!.endpoint;
    await app.stop();
    // Act
    app = await start();
    const chat = await postJson(
      `${app.url}/api/chat`,
      { text: 'how many O negative red cells do we have' },
      { authorization: `Bearer ${staffToken}` },
    );
    // Assess
    expect(app.cognito!.endpoint).not.toBe(before);
    expect(chat.status).toBe(200);
  }, 180_000);
});
