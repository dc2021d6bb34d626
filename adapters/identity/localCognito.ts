/**
 * The local Cognito of the embedded default: cognito-local (offline) as a child process, and a small
 * client for the Cognito Identity Provider JSON protocol it speaks. A child process keeps its data
 * directory (it writes under its working directory) and its dependencies out of our process.
 * Used by `npm start` and the identity tests; on AWS the real user pool takes its place.
 *
 * It runs through cognitoEngine.cjs, which makes it safe to leave on a shared machine: tokens are
 * signed with a key pair generated for this data directory (never the one published in the npm
 * package), the issuer is fixed by pool id (not the port), the admin actions need a secret only this
 * process knows (and the same OS user's command-line tools, through a 0600 file next to the signing
 * key, which is the more powerful of the two), and the engine exits when this process does (its
 * stdin pipe closes).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Jwks } from 'aws-jwt-verify/jwk';
import { freePort } from '../local/dynamoLocal.js';

/** Tokens say `iss: <this>/<pool id>` whatever port the engine got. */
export const LOCAL_ISSUER_DOMAIN = 'http://cognito.localhost';
export const ENGINE_SECRET_HEADER = 'x-bloodbank-engine-secret';
/** cognito-local's token generator names its key so; the JWKS carries the same kid. */
const KEY_ID = 'CognitoLocal';

/** What any app client (the widget, curl) may call without the server's secret. */
export const PUBLIC_ACTIONS = [
  'InitiateAuth',
  'RespondToAuthChallenge',
  'SignUp',
  'ConfirmSignUp',
  'ResendConfirmationCode',
  'RevokeToken',
  'GlobalSignOut',
  'GetUser',
  'AssociateSoftwareToken',
  'VerifySoftwareToken',
  'SetUserMFAPreference',
  'ForgotPassword',
  'ConfirmForgotPassword',
  'ChangePassword',
];

export interface LocalCognito {
  /** http://127.0.0.1:<port>: the API endpoint (changes with each start). */
  endpoint: string;
  /** The issuer's origin, fixed: tokens from an earlier start stay valid. */
  issuerDomain: string;
  /** This data directory's public key, the only one ID tokens are checked against. */
  jwks: Jwks;
  /** Carries the admin secret: only this process may call admin actions. */
  client: CognitoClient;
  /** The engine's process id (the lock file and the supervisor use it). */
  pid: number;
  /** Resolves when the engine exits, for whatever reason. */
  exited: Promise<void>;
  stop(): Promise<void>;
}

export class CognitoApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'CognitoApiError';
  }
}

/** Calls one Cognito Identity Provider action (the x-amz-json-1.1 protocol). */
export class CognitoClient {
  constructor(
    readonly endpoint: string,
    private readonly adminSecret?: string,
  ) {}

  async call<T = Record<string, unknown>>(action: string, input: Record<string, unknown>): Promise<T> {
    const response = await fetch(`${this.endpoint}/`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': `AWSCognitoIdentityProviderService.${action}`,
        ...(this.adminSecret ? { [ENGINE_SECRET_HEADER]: this.adminSecret } : {}),
      },
      body: JSON.stringify(input),
    });
    const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    if (!response.ok) {
      const code = String(body.__type ?? body.code ?? `HTTP${response.status}`).replace(/^.*#/, '');
      throw new CognitoApiError(code, String(body.message ?? `${action} failed`));
    }
    return body as T;
  }
}

interface SigningKey {
  privatePem: string;
  publicPem: string;
  publicJwk: Record<string, string>;
}

/** This data directory's key pair: made on first start, kept with mode 0600. */
export function signingKey(dataDir: string): SigningKey {
  const file = join(dataDir, 'signing-key.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as SigningKey;
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = publicKey.export({ format: 'jwk' }) as Record<string, string>;
  const key: SigningKey = {
    privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    publicJwk: { kty: 'RSA', n: jwk.n!, e: jwk.e!, kid: KEY_ID, alg: 'RS256', use: 'sig' },
  };
  writeFileSync(file, JSON.stringify(key), { mode: 0o600 });
  return key;
}

const ENGINE_SCRIPT = join(import.meta.dirname, 'cognitoEngine.cjs');
const ENGINE_FILE = 'engine.json';

/** The admin client of the engine running for `dataDir` (started by another process), or null. */
export function runningEngineClient(dataDir: string): CognitoClient | null {
  const file = join(resolve(dataDir), ENGINE_FILE);
  if (!existsSync(file)) return null;
  const { endpoint, adminSecret } = JSON.parse(readFileSync(file, 'utf8')) as {
    endpoint: string;
    adminSecret: string;
  };
  return new CognitoClient(endpoint, adminSecret);
}

export async function startLocalCognito(options: {
  dataDir: string;
  port?: number;
  /** Given when the supervisor restarts the engine, so the server's client keeps working. */
  adminSecret?: string;
}): Promise<LocalCognito> {
  const port = options.port ?? (await freePort());
  const cwd = resolve(options.dataDir);
  mkdirSync(cwd, { recursive: true });
  const key = signingKey(cwd);
  const adminSecret = options.adminSecret ?? randomBytes(32).toString('base64url');
  const child: ChildProcess = spawn(process.execPath, [ENGINE_SCRIPT], {
    cwd,
    env: { ...process.env, COGNITO_LOCAL_DEVMODE: '', DEBUG: '' },
    stdio: ['pipe', 'ignore', 'pipe'],
  });
  child.stdin?.on('error', () => undefined);
  child.stdin?.write(
    `${JSON.stringify({
      port,
      issuerDomain: LOCAL_ISSUER_DOMAIN,
      keyFile: join(cwd, 'signing-key.json'),
      adminSecret,
      publicActions: PUBLIC_ACTIONS,
    })}\n`,
  );
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  // Never leave the engine behind when this process ends without calling stop().
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const endpoint = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`cognito-local exited with code ${child.exitCode}: ${stderr}`);
    try {
      const health = await fetch(`${endpoint}/health`);
      if (health.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`cognito-local did not answer on ${endpoint} within 30 s: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  // For `npm run slack:link`, which checks accounts against this engine from another process.
  const engineFile = join(cwd, ENGINE_FILE);
  writeFileSync(engineFile, JSON.stringify({ endpoint, adminSecret }), { mode: 0o600 });
  chmodSync(engineFile, 0o600);
  return {
    endpoint,
    issuerDomain: LOCAL_ISSUER_DOMAIN,
    jwks: { keys: [key.publicJwk] } as unknown as Jwks,
    client: new CognitoClient(endpoint, adminSecret),
    pid: child.pid!,
    exited,
    stop: () =>
      new Promise<void>((done) => {
        process.removeListener('exit', killOnExit);
        if (child.exitCode !== null || child.signalCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 3000).unref();
      }),
  };
}
