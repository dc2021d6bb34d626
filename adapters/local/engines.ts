/**
 * The embedded default's engines kept honest: a supervisor that restarts an engine that died (with
 * backoff, on the same port, so every client keeps its endpoint), and a lock file in DATA_DIR that
 * records the server's and the engines' pids and ports, so a new start finds what a killed run left
 * and stops it instead of running a second engine on the same files.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readFile, readlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '@aws-lambda-powertools/logger';

export const LOCK_FILE = 'engines.lock.json';

export interface EngineRecord {
  pid: number;
  /** The watchdog between the server and the engine, when there is one. */
  watchdogPid?: number;
  port: number;
}

export interface EngineLock {
  serverPid: number;
  engines: Record<string, EngineRecord>;
}

export class DataDirInUseError extends Error {
  constructor(dataDir: string, pid: number) {
    super(
      `${dataDir} is in use by a running server (pid ${pid}); stop it, or remove ${join(dataDir, LOCK_FILE)} if that pid is not ours`,
    );
    this.name = 'DataDirInUseError';
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Is this pid still the engine we recorded (not a stranger that got the pid since)? */
async function isOurEngine(pid: number, dataDir: string): Promise<boolean> {
  if (!alive(pid)) return false;
  try {
    const cmdline = (await readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0').join(' ');
    if (cmdline.includes('DynamoDBLocal.jar')) return cmdline.includes(dataDir);
    if (cmdline.includes('watchdog.cjs')) return cmdline.includes(dataDir);
    if (cmdline.includes('cognitoEngine.cjs'))
      return (await readlink(`/proc/${pid}/cwd`)).startsWith(dataDir);
    return false;
  } catch {
    // No /proc (macOS): trust the lock, which only this code writes.
    return true;
  }
}

export function readLock(dataDir: string): EngineLock | null {
  const file = join(dataDir, LOCK_FILE);
  if (!existsSync(file)) return null;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as EngineLock;
  } catch {
    return null;
  }
}

/**
 * Before starting engines on DATA_DIR: refuse if another live server holds it, and stop any engine
 * a killed run left behind. Returns how many leftovers were stopped.
 */
export async function clearLeftovers(dataDir: string, logger: Pick<Logger, 'warn'>): Promise<number> {
  const lock = readLock(dataDir);
  if (!lock) return 0;
  if (lock.serverPid !== process.pid && alive(lock.serverPid))
    throw new DataDirInUseError(dataDir, lock.serverPid);
  let stopped = 0;
  for (const [name, engine] of Object.entries(lock.engines)) {
    for (const pid of [engine.pid, engine.watchdogPid]) {
      if (!pid || !(await isOurEngine(pid, dataDir))) continue;
      logger.warn('stopping an engine left by an earlier run', { engine: name, pid });
      process.kill(pid, 'SIGKILL');
      for (let i = 0; i < 100 && alive(pid); i++) await new Promise((r) => setTimeout(r, 50));
      stopped++;
    }
  }
  rmSync(join(dataDir, LOCK_FILE), { force: true });
  return stopped;
}

export class EngineLockFile {
  private readonly lock: EngineLock = { serverPid: process.pid, engines: {} };

  constructor(private readonly dataDir: string) {}

  record(name: string, engine: EngineRecord): void {
    this.lock.engines[name] = engine;
    writeFileSync(join(this.dataDir, LOCK_FILE), JSON.stringify(this.lock, null, 2), { mode: 0o600 });
  }

  release(): void {
    rmSync(join(this.dataDir, LOCK_FILE), { force: true });
  }
}

interface Engine {
  exited: Promise<void>;
  stop(): Promise<void>;
}

/** Delays between restart attempts: quick at first, then at most every 10 s. */
const BACKOFF_MS = [250, 500, 1000, 2000, 4000, 8000, 10_000];

/**
 * Keeps one engine running: when it exits unexpectedly, it is started again (same arguments, same
 * port) after a backoff that grows with each failed attempt.
 */
export class Supervisor<E extends Engine> {
  private stopping = false;
  private engine: E;

  constructor(
    private readonly name: string,
    first: E,
    private readonly start: () => Promise<E>,
    private readonly options: {
      logger: Pick<Logger, 'warn' | 'info' | 'error'>;
      onStart?: (engine: E) => void;
    },
  ) {
    this.engine = first;
    this.watch(first);
  }

  get current(): E {
    return this.engine;
  }

  private watch(engine: E): void {
    void engine.exited.then(() => {
      if (!this.stopping) void this.restart();
    });
  }

  private async restart(): Promise<void> {
    this.options.logger.warn('engine exited; restarting', { engine: this.name });
    for (let attempt = 0; !this.stopping; attempt++) {
      await new Promise((r) => setTimeout(r, BACKOFF_MS[Math.min(attempt, BACKOFF_MS.length - 1)]));
      if (this.stopping) return;
      try {
        const engine = await this.start();
        if (this.stopping) {
          await engine.stop();
          return;
        }
        this.engine = engine;
        this.options.onStart?.(engine);
        this.options.logger.info('engine restarted', { engine: this.name, attempt: attempt + 1 });
        this.watch(engine);
        return;
      } catch (error) {
        this.options.logger.error('engine restart failed', {
          engine: this.name,
          attempt: attempt + 1,
          error: error instanceof Error ? error.name : 'unknown',
        });
      }
    }
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.engine.stop();
  }
}
