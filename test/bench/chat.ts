/**
 * Figure 6: `POST /api/chat` end to end (HTTP, rate limit, local Lex runtime with its NLU, fulfillment,
 * DynamoDB Local) at concurrency 1, 8 and 32, beside `GET /healthz` on the same server at the same
 * concurrency (the HTTP stack alone). The embedded default runs on a free loopback port with its own
 * table on the run's engine and a temporary data directory; each level is bounded by a request count
 * and a time limit, and the server is stopped at the end. Client and server share this process and
 * the machine's two cores, so the figure is a floor, not what a Lambda fleet would do.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type EmbeddedApp, startEmbedded } from '../../adapters/local/app.js';
import { loadLocalConfig } from '../../adapters/local/config.js';
import { prepareDemoTable } from './engine.js';
import { type BenchMode, emit, type Figure, pool, progress, round, summarize } from './stats.js';

/** Anonymous single-turn questions, the public widget's most common traffic. */
const TEXTS = ['how is blood stock', 'is O negative stock low', 'can I give blood'];

interface LevelResult {
  requests: number;
  errors: number;
  seconds: number;
  latencies: number[];
}

async function load(
  send: (i: number) => Promise<boolean>,
  concurrency: number,
  maxRequests: number,
  maxSeconds: number,
): Promise<LevelResult> {
  const latencies: number[] = [];
  let errors = 0;
  const deadline = performance.now() + maxSeconds * 1000;
  const started = performance.now();
  await pool(maxRequests, concurrency, async (i) => {
    if (performance.now() > deadline) return;
    const t0 = performance.now();
    const ok = await send(i).catch(() => false);
    latencies.push(performance.now() - t0);
    if (!ok) errors += 1;
  });
  return { requests: latencies.length, errors, seconds: (performance.now() - started) / 1000, latencies };
}

export async function benchChat(endpoint: string, mode: BenchMode, figures: Figure[]): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bloodbank-bench-'));
  const config = loadLocalConfig({
    DATA_DIR: dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    TABLE_NAME: `bench-chat-${randomUUID()}`,
    // Every bench request comes from one loopback address; the default 30 a minute would refuse them.
    RATE_LIMIT_PER_MINUTE: '10000',
  });
  progress('chat: starting the embedded default');
  let app: EmbeddedApp | undefined;
  try {
    // Already seeded (a copy of the run's demo template), so start-up skips the slow first-run seed.
    await prepareDemoTable(endpoint, config.tableName);
    app = await startEmbedded(config, {
      dynamoEndpoint: endpoint,
      quiet: true,
      // Everyone is an anonymous visitor: no local Cognito, no tokens.
      identify: async () => ({ userId: 'anonymous', role: 'anonymous', channel: 'web' }),
    });
    const url = app.url;
    const chat = async (i: number) => {
      const res = await fetch(`${url}/api/chat`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text: TEXTS[i % TEXTS.length] }),
      });
      const body = (await res.json()) as { messages?: unknown[] };
      return res.ok && Array.isArray(body.messages) && body.messages.length > 0;
    };
    const health = async () => {
      const res = await fetch(`${url}/healthz`);
      await res.arrayBuffer();
      return res.ok;
    };
    // Warm the NLU, the handler and the connection pool before anything is timed.
    await load(chat, 4, mode.short ? 8 : 40, 30);

    for (const concurrency of [1, 8, 32]) {
      const maxRequests = mode.short ? 4 * concurrency + 8 : Math.max(200, 40 * concurrency);
      const maxSeconds = mode.short ? 5 : 20;
      progress(`chat: concurrency ${concurrency}`);
      const baseline = await load(health, concurrency, maxRequests, maxSeconds);
      const turns = await load(chat, concurrency, maxRequests, maxSeconds);
      const t = summarize(turns.latencies);
      const b = summarize(baseline.latencies);
      emit(figures, {
        figure: 'chat_throughput',
        concurrency,
        requests: turns.requests,
        errors: turns.errors,
        requests_per_second: round(turns.requests / turns.seconds, 1),
        p50_ms: t.p50,
        p99_ms: t.p99,
        baseline: {
          name: 'GET /healthz',
          requests_per_second: round(baseline.requests / baseline.seconds, 1),
          p99_ms: b.p99,
          errors: baseline.errors,
        },
      });
      if (turns.errors > 0) throw new Error(`${turns.errors} of ${turns.requests} chat requests failed`);
    }
  } finally {
    await app?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
