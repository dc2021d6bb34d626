/**
 * The engine lock in DATA_DIR (adapters/local/engines.ts, issue 12 finding 5) on its own: an engine
 * a killed run left behind, recorded in `engines.lock.json`, is stopped by the next start, which
 * then runs one engine on the same files; a recorded pid that is no longer an engine is left alone;
 * and a lock held by a live server is refused rather than broken.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type EmbeddedApp, startEmbedded } from '../../../adapters/local/app.js';
import { type DynamoLocal, startDynamoLocal } from '../../../adapters/local/dynamoLocal.js';
import {
  clearLeftovers,
  DataDirInUseError,
  type EngineLock,
  LOCK_FILE,
} from '../../../adapters/local/engines.js';
import { anonymous } from '../../../fulfillment/auth/principal.js';
import { testConfig } from '../../support/channels.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const quiet = { warn: () => undefined };

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function until(what: string, check: () => boolean, timeoutMs: number): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await sleep(100);
  }
}

/** The pid of a process that has exited: a server that was killed. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((r) => child.once('exit', r));
  return child.pid!;
}

/** A process that is not an engine (a stranger that could hold a recorded pid). */
function stranger(): ChildProcess {
  return spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)']);
}

const writeLock = (dataDir: string, lock: EngineLock) =>
  writeFileSync(join(dataDir, LOCK_FILE), JSON.stringify(lock), { mode: 0o600 });

/** Running DynamoDB Local engines (java, not the watchdog) on this data directory. */
function dynamoEnginesOn(dataDir: string): number[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((pid) => {
      try {
        const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
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

describe('the engine lock in DATA_DIR', () => {
  let app: EmbeddedApp | undefined;
  let leftover: DynamoLocal | undefined;
  const strangers: ChildProcess[] = [];
  afterAll(async () => {
    await app?.stop();
    await leftover?.stop().catch(() => undefined);
    for (const s of strangers) s.kill('SIGKILL');
  });

  it('the next start stops the engine a killed run left, and runs one engine on the same files', async () => {
    // Prepare: an engine on DATA_DIR's files, recorded by a server that is gone
    const config = testConfig();
    leftover = await startDynamoLocal({ dbPath: join(config.dataDir, 'dynamodb') });
    writeLock(config.dataDir, {
      serverPid: await deadPid(),
      engines: { dynamodb: { pid: leftover.pid, watchdogPid: leftover.watchdogPid, port: leftover.port } },
    });
    expect(dynamoEnginesOn(config.dataDir)).toEqual([leftover.pid]);

    // Act
    app = await startEmbedded(config, { identify: async () => anonymous('web'), quiet: true });

    // Assess
    await until('leftover stopped', () => !alive(leftover!.pid) && !alive(leftover!.watchdogPid), 10_000);
    const lock = JSON.parse(readFileSync(join(config.dataDir, LOCK_FILE), 'utf8')) as EngineLock;
    expect(lock.serverPid).toBe(process.pid);
    expect(lock.engines.dynamodb!.pid).not.toBe(leftover.pid);
    expect(dynamoEnginesOn(config.dataDir)).toEqual([lock.engines.dynamodb!.pid]);
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
    // Seeding a fresh table on disk is most of this on a busy machine, as in the kill -9 test.
  }, 300_000);

  it('a recorded pid that is no longer an engine is left alone', async () => {
    // Prepare
    const { dataDir } = testConfig();
    const other = stranger();
    strangers.push(other);
    await sleep(200);
    writeLock(dataDir, { serverPid: await deadPid(), engines: { dynamodb: { pid: other.pid!, port: 1 } } });
    // Act
    const stopped = await clearLeftovers(dataDir, quiet);
    // Assess
    expect(stopped).toBe(0);
    expect(alive(other.pid!)).toBe(true);
    expect(existsSync(join(dataDir, LOCK_FILE))).toBe(false);
  });

  it('a lock held by a live server is refused, and nothing is stopped', async () => {
    // Prepare
    const { dataDir } = testConfig();
    const server = stranger();
    strangers.push(server);
    writeLock(dataDir, { serverPid: server.pid!, engines: {} });
    // Act
    const cleared = clearLeftovers(dataDir, quiet);
    // Assess
    await expect(cleared).rejects.toBeInstanceOf(DataDirInUseError);
    expect(alive(server.pid!)).toBe(true);
    expect(existsSync(join(dataDir, LOCK_FILE))).toBe(true);
  });
});
