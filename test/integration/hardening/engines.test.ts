/**
 * Honest health and supervised engines (issue 12, findings 4 and 5): DynamoDB Local killed under
 * load (health says so within seconds, the engine comes back by itself, every acknowledged write is
 * still there), and the server killed with -9 (no engine outlives it; the next start runs one engine
 * on the same data, and sessions and writes survive).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type EmbeddedApp, startEmbedded } from '../../../adapters/local/app.js';
import { type EngineLock, LOCK_FILE } from '../../../adapters/local/engines.js';
import { anonymous } from '../../../fulfillment/auth/principal.js';
import { testConfig } from '../../support/channels.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function until(
  what: string,
  check: () => Promise<boolean> | boolean,
  timeoutMs: number,
): Promise<number> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await sleep(100);
  }
  return Date.now() - started;
}

const lockOf = (dataDir: string) => JSON.parse(readFileSync(join(dataDir, LOCK_FILE), 'utf8')) as EngineLock;

async function healthStatus(url: string): Promise<number> {
  try {
    return (await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(5000) })).status;
  } catch {
    return 0;
  }
}

let seq = 0;
/** One inbound SMS from a number of its own; its dedupe marker is the acknowledged write. */
async function sms(url: string, id: string, headers: Record<string, string> = {}): Promise<string | null> {
  const n = 1000 + (seq++ % 9000);
  try {
    const response = await fetch(`${url}/api/sms/inbound`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({
        originationNumber: `+1202556${n}`,
        destinationNumber: '+18005550100',
        messageKeyword: 'KEYWORD_123456789012',
        messageBody: 'HELP',
        inboundMessageId: id,
      }),
      signal: AbortSignal.timeout(15_000),
    });
    if (response.status !== 200) return null;
    return ((await response.json()) as { outcome: string }).outcome;
  } catch {
    return null;
  }
}

/** Running DynamoDB Local processes on this data directory. */
function dynamoEnginesOn(dataDir: string): number[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((pid) => {
      try {
        const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
        // The engine itself, not its watchdog (whose arguments name the same jar and directory).
        return (
          /(^|\/)java$/.test(cmd.split('\0')[0]!) &&
          cmd.includes('DynamoDBLocal.jar') &&
          cmd.includes(dataDir)
        );
      } catch {
        return false;
      }
    })
    .map(Number);
}

describe('DynamoDB Local killed under load', () => {
  let app: EmbeddedApp | undefined;
  afterAll(async () => {
    await app?.stop();
  });

  it('health goes 503, the engine comes back by itself, and every acknowledged write is there', async () => {
    // Prepare: the embedded default with its own engine, and traffic that writes.
    const config = testConfig({ smsRateLimitPerMinute: 1000 });
    app = await startEmbedded(config, { quiet: true, identify: async () => anonymous('web') });
    const url = app.url;
    expect(await healthStatus(url)).toBe(200);
    const acked: string[] = [];
    let running = true;
    const worker = async (w: number) => {
      for (let i = 0; running; i++) {
        const id = `fault-${w}-${i}`;
        if ((await sms(url, id)) !== null) acked.push(id);
        await sleep(20);
      }
    };
    const load = [0, 1, 2, 3].map(worker);
    await sleep(1000);
    const before = lockOf(config.dataDir).engines.dynamodb!;

    // Act
    process.kill(before.pid, 'SIGKILL');
    const toDown = await until('health 503', async () => (await healthStatus(url)) === 503, 10_000);
    const body = await (await fetch(`${url}/healthz`)).json().catch(() => ({}));
    await until('health 200 again', async () => (await healthStatus(url)) === 200, 120_000);
    await sleep(1000);
    running = false;
    await Promise.all(load);

    // Assess
    expect(toDown).toBeLessThan(10_000);
    if ((body as { ok?: boolean }).ok === false) expect(body).toMatchObject({ down: ['dynamodb'] });
    const after = lockOf(config.dataDir).engines.dynamodb!;
    expect(after.pid).not.toBe(before.pid);
    expect(after.port).toBe(before.port);
    const chat = await fetch(`${url}/api/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'how is blood stock' }),
    });
    expect(chat.status).toBe(200);
    expect(acked.length).toBeGreaterThan(0);
    const again = await Promise.all(acked.map((id) => sms(url, id)));
    expect(again.filter((o) => o !== 'duplicate')).toEqual([]);
  }, 300_000);
});

interface Started {
  child: ChildProcess;
  url: string;
}

function startServer(dataDir: string): Promise<Started> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'adapters/local/main.ts'], {
    cwd: join(import.meta.dirname, '..', '..', '..'),
    env: { ...process.env, PORT: '0', DATA_DIR: dataDir, SLACK_SIGNING_SECRET: '', SLACK_BOT_TOKEN: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((done, fail) => {
    let out = '';
    let err = '';
    child.stderr?.on('data', (c: Buffer) => {
      err = (err + c.toString()).slice(-4000);
    });
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      const match = /Chat page:\s+(http:\/\/\S+?)\/\s/.exec(out);
      if (match) done({ child, url: match[1]! });
    });
    child.once('exit', (code) => fail(new Error(`server exited (${code}): ${err}`)));
  });
}

describe('kill -9 of the server', () => {
  const children: ChildProcess[] = [];
  afterAll(() => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  });

  it('leaves no engine behind; the next start runs one engine, keeps sessions and every write', async () => {
    // Prepare
    const { dataDir } = testConfig();
    const first = await startServer(dataDir);
    children.push(first.child);
    const login = await fetch(`${first.url}/api/dev/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'staff@example.org', password: 'Donate-Blood-2026!' }),
    });
    const { idToken } = (await login.json()) as { idToken: string };
    const ids = ['kill-1', 'kill-2', 'kill-3'];
    for (const id of ids) expect(await sms(first.url, id)).not.toBeNull();
    const lock = lockOf(dataDir);
    const enginePids = [
      lock.engines.dynamodb!.pid,
      lock.engines.dynamodb!.watchdogPid!,
      lock.engines.cognito!.pid,
    ];

    // Act
    process.kill(lock.serverPid, 'SIGKILL');
    await until('engines gone', () => enginePids.every((pid) => !alive(pid)), 20_000);
    const second = await startServer(dataDir);
    children.push(second.child);

    // Assess
    expect(dynamoEnginesOn(dataDir)).toHaveLength(1);
    const chat = await fetch(`${second.url}/api/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${idToken}` },
      body: JSON.stringify({ text: 'how many O negative red cells do we have' }),
    });
    expect(chat.status).toBe(200);
    for (const id of ids) expect(await sms(second.url, id)).toBe('duplicate');
    const secondLock = lockOf(dataDir);
    second.child.kill('SIGTERM');
    await until('second server stopped', () => second.child.exitCode !== null, 30_000);
    expect(alive(secondLock.engines.dynamodb!.pid)).toBe(false);
    expect(alive(secondLock.engines.cognito!.pid)).toBe(false);
  }, 300_000);
});
