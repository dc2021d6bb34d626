/**
 * The local Cognito of the embedded default: cognito-local (offline) as a child process, and a small
 * client for the Cognito Identity Provider JSON protocol it speaks. A child process keeps its data
 * directory (it writes under its working directory) and its dependencies out of our process.
 * Used by `npm start` and the identity tests; on AWS the real user pool takes its place.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { freePort } from '../local/dynamoLocal.js';

export interface LocalCognito {
  /** http://127.0.0.1:<port>: the API endpoint and the issuer's origin. */
  endpoint: string;
  client: CognitoClient;
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
  constructor(readonly endpoint: string) {}

  async call<T = Record<string, unknown>>(action: string, input: Record<string, unknown>): Promise<T> {
    const response = await fetch(`${this.endpoint}/`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': `AWSCognitoIdentityProviderService.${action}`,
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

function startScript(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('cognito-local/package.json')), 'lib', 'bin', 'start.js');
}

export async function startLocalCognito(options: { dataDir: string; port?: number }): Promise<LocalCognito> {
  const port = options.port ?? (await freePort());
  const cwd = resolve(options.dataDir);
  mkdirSync(cwd, { recursive: true });
  const child: ChildProcess = spawn(process.execPath, [startScript()], {
    cwd,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', COGNITO_LOCAL_DEVMODE: '', DEBUG: '' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
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
  return {
    endpoint,
    client: new CognitoClient(endpoint),
    stop: () =>
      new Promise<void>((done) => {
        process.removeListener('exit', killOnExit);
        if (child.exitCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 3000).unref();
      }),
  };
}
