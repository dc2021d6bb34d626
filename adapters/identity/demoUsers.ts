/**
 * The demo user pool of the embedded default, made idempotently on every start: a pool, a web app
 * client (USER_PASSWORD_AUTH for /api/dev/login and SRP for Amplify), the groups donor/staff/admin
 * and one user in each. The password follows DEMO_PASSWORD on every start.
 */
import type { Jwks } from 'aws-jwt-verify/jwk';
import { CognitoApiError, type CognitoClient, type LocalCognito } from './localCognito.js';

export const DEMO_POOL_NAME = 'bloodbank-local';
export const DEMO_CLIENT_NAME = 'web';
export const GROUPS = ['donor', 'staff', 'admin'] as const;

export const DEMO_USERS = [
  { username: 'donor@example.org', group: 'donor' },
  { username: 'staff@example.org', group: 'staff' },
  { username: 'admin@example.org', group: 'admin' },
] as const;

export interface DemoPool {
  userPoolId: string;
  clientId: string;
  issuer: string;
  jwksUri: string;
  jwks: Jwks;
  /** Cognito sub per demo username. */
  subs: Record<string, string>;
}

type Attr = { Name: string; Value: string };

async function ensurePool(cognito: CognitoClient): Promise<string> {
  const { UserPools = [] } = await cognito.call<{ UserPools?: Array<{ Id: string; Name: string }> }>(
    'ListUserPools',
    { MaxResults: 60 },
  );
  const found = UserPools.find((p) => p.Name === DEMO_POOL_NAME);
  if (found) return found.Id;
  const created = await cognito.call<{ UserPool: { Id: string } }>('CreateUserPool', {
    PoolName: DEMO_POOL_NAME,
    UsernameAttributes: ['email'],
  });
  return created.UserPool.Id;
}

export async function ensureAppClient(
  cognito: CognitoClient,
  userPoolId: string,
  name = DEMO_CLIENT_NAME,
): Promise<string> {
  const { UserPoolClients = [] } = await cognito.call<{
    UserPoolClients?: Array<{ ClientId: string; ClientName: string }>;
  }>('ListUserPoolClients', { UserPoolId: userPoolId, MaxResults: 60 });
  const found = UserPoolClients.find((c) => c.ClientName === name);
  if (found) return found.ClientId;
  const created = await cognito.call<{ UserPoolClient: { ClientId: string } }>('CreateUserPoolClient', {
    UserPoolId: userPoolId,
    ClientName: name,
    ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    // One hour, Cognito's default for ID tokens.
    IdTokenValidity: 60,
    TokenValidityUnits: { IdToken: 'minutes', AccessToken: 'minutes', RefreshToken: 'days' },
    AccessTokenValidity: 60,
  });
  return created.UserPoolClient.ClientId;
}

async function ensureGroup(cognito: CognitoClient, userPoolId: string, group: string): Promise<void> {
  try {
    await cognito.call('GetGroup', { UserPoolId: userPoolId, GroupName: group });
  } catch (error) {
    if (!(error instanceof CognitoApiError)) throw error;
    await cognito.call('CreateGroup', { UserPoolId: userPoolId, GroupName: group });
  }
}

/** Creates the user when missing, sets a permanent password, adds the groups; returns the sub. */
export async function ensureUser(
  cognito: CognitoClient,
  userPoolId: string,
  username: string,
  password: string,
  groups: readonly string[],
): Promise<string> {
  let attributes: Attr[];
  try {
    attributes = (
      await cognito.call<{ UserAttributes: Attr[] }>('AdminGetUser', {
        UserPoolId: userPoolId,
        Username: username,
      })
    ).UserAttributes;
  } catch (error) {
    if (!(error instanceof CognitoApiError) || error.code !== 'UserNotFoundException') throw error;
    const created = await cognito.call<{ User: { Attributes: Attr[] } }>('AdminCreateUser', {
      UserPoolId: userPoolId,
      Username: username,
      MessageAction: 'SUPPRESS',
      TemporaryPassword: password,
      UserAttributes: [
        { Name: 'email', Value: username },
        { Name: 'email_verified', Value: 'true' },
      ],
    });
    attributes = created.User.Attributes;
  }
  await cognito.call('AdminSetUserPassword', {
    UserPoolId: userPoolId,
    Username: username,
    Password: password,
    Permanent: true,
  });
  for (const group of groups) {
    await cognito.call('AdminAddUserToGroup', {
      UserPoolId: userPoolId,
      Username: username,
      GroupName: group,
    });
  }
  const sub = attributes.find((a) => a.Name === 'sub')?.Value;
  if (!sub) throw new Error('The local Cognito returned a user without a sub');
  return sub;
}

export async function ensureDemoPool(
  engine: Pick<LocalCognito, 'client' | 'issuerDomain' | 'jwks'>,
  password: string,
): Promise<DemoPool> {
  const cognito = engine.client;
  const userPoolId = await ensurePool(cognito);
  const clientId = await ensureAppClient(cognito, userPoolId);
  for (const group of GROUPS) await ensureGroup(cognito, userPoolId, group);
  const subs: Record<string, string> = {};
  for (const user of DEMO_USERS) {
    subs[user.username] = await ensureUser(cognito, userPoolId, user.username, password, [user.group]);
  }
  // Pinned by pool id, not port; the JWKS is this data directory's own key, never fetched.
  const issuer = `${engine.issuerDomain}/${userPoolId}`;
  const jwksUri = `${issuer}/.well-known/jwks.json`;
  return { userPoolId, clientId, issuer, jwksUri, jwks: engine.jwks, subs };
}

export class LoginError extends Error {
  constructor() {
    super('Wrong username or password.');
    this.name = 'LoginError';
  }
}

/** USER_PASSWORD_AUTH against an app client; the ID token on success. */
export async function passwordLogin(
  cognito: CognitoClient,
  clientId: string,
  username: string,
  password: string,
): Promise<string> {
  try {
    const out = await cognito.call<{ AuthenticationResult?: { IdToken?: string } }>('InitiateAuth', {
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: clientId,
      AuthParameters: { USERNAME: username, PASSWORD: password },
    });
    const token = out.AuthenticationResult?.IdToken;
    if (!token) throw new LoginError();
    return token;
  } catch (error) {
    if (
      error instanceof CognitoApiError &&
      /NotAuthorized|UserNotFound|InvalidPassword|PasswordReset|UserNotConfirmed/.test(error.code)
    ) {
      throw new LoginError();
    }
    throw error;
  }
}
