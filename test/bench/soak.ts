/**
 * Soak (issue 12, "What to build" 9): steady mixed traffic from all three channels against the
 * embedded default on loopback — web chat as a donor, as staff and anonymously, signed Slack `/blood`
 * commands (timed until the answer reaches the stand-in response_url), and inbound SMS — for a
 * duration (default 10 minutes; `--short` 30 s; `--seconds=N`), at `--rate=N` requests per second
 * (default 4). Reports p50/p99 per channel, errors, and memory (RSS, heap) at start and end, and
 * writes the figures into BENCHMARKS.md between the soak markers. Client and server share this
 * process and the machine's cores, so memory is the process's and latencies are a floor.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { type EmbeddedApp, startEmbedded } from '../../adapters/local/app.js';
import { loadLocalConfig } from '../../adapters/local/config.js';
import { startDynamoLocal } from '../../adapters/local/dynamoLocal.js';
import { signedHeaders, slashCommandBody } from '../../adapters/slack/signing.js';
import type { Principal } from '../../fulfillment/auth/principal.js';
import { ROLES, type Role } from '../../fulfillment/domain/vocabulary.js';
import { table } from './markdown.js';
import { progress, round, summarize } from './stats.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const args = process.argv.slice(2);
const flag = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const SECONDS = Number(flag('seconds') ?? (args.includes('--short') ? 30 : 600));
const RATE = Number(flag('rate') ?? 4);
const SECRET = 'soak-slack-signing-secret';
const TEAM = 'T0SOAK';
const STAFF_SLACK = 'U0SOAKSTAFF';

type Channel = 'web-anonymous' | 'web-staff' | 'web-donor' | 'slack' | 'sms';
const CHANNELS: Channel[] = ['web-anonymous', 'web-staff', 'web-donor', 'slack', 'sms'];
const TEXTS: Record<Channel, string[]> = {
  'web-anonymous': ['how is blood stock', 'can I give blood', 'help'],
  'web-staff': ['stock O-', 'stock report', 'how many A+ units'],
  'web-donor': ['am I eligible to donate', 'when can I donate', 'help'],
  slack: ['stock O-', 'stock B+', 'help'],
  sms: ['HELP', 'stock', 'hello'],
};

/** Where Slack answers land: each response_url resolves the request waiting for it. */
async function startSlackSink() {
  const waiting = new Map<string, () => void>();
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const id = (req.url ?? '').split('/').pop() ?? '';
      waiting.get(id)?.();
      waiting.delete(id);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"ok":true}');
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    apiUrl: `${url}/api/`,
    expect(id: string) {
      return {
        url: `${url}/response/${id}`,
        answered: new Promise<void>((resolve) => waiting.set(id, resolve)),
      };
    },
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

const memory = () => {
  const m = process.memoryUsage();
  return { rss_mb: round(m.rss / 2 ** 20, 1), heap_mb: round(m.heapUsed / 2 ** 20, 1) };
};

async function main() {
  progress(`soak: ${SECONDS} s at ${RATE} requests/s`);
  const engine = await startDynamoLocal();
  const sink = await startSlackSink();
  const dataDir = mkdtempSync(join(tmpdir(), 'bloodbank-soak-'));
  const config = {
    ...loadLocalConfig({
      DATA_DIR: dataDir,
      PORT: '0',
      HOST: '127.0.0.1',
      TABLE_NAME: `soak-${randomUUID()}`,
      RATE_LIMIT_PER_MINUTE: '10000',
    }),
    slack: { signingSecret: SECRET, botToken: 'xoxb-soak', apiUrl: sink.apiUrl },
  };
  let app: EmbeddedApp | undefined;
  try {
    app = await startEmbedded(config, {
      dynamoEndpoint: engine.endpoint,
      quiet: true,
      // Test principals by header ("Bearer soak:<role>:<userId>[:<donorId>]"): no Cognito in the loop.
      identify: async (authorization) => {
        const [, role, userId, donorId] = (authorization ?? '').replace(/^Bearer /, '').split(':');
        if (!role || !(ROLES as readonly string[]).includes(role))
          return { userId: 'anonymous', role: 'anonymous', channel: 'web' };
        const principal: Principal = { userId: userId ?? role, role: role as Role, channel: 'web' };
        return donorId ? { ...principal, donorId } : principal;
      },
    });
    await app.identityStore.linkSlackUser(
      { teamId: TEAM, slackUserId: STAFF_SLACK, account: 'staff@example.org', role: 'staff' },
      { userId: 'soak', role: 'admin', channel: 'system' },
    );
    const url = app.url;
    const chat = async (text: string, authorization?: string) => {
      const res = await fetch(`${url}/api/chat`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
        body: JSON.stringify({ text }),
      });
      const body = (await res.json()) as { messages?: unknown[] };
      return res.ok && Array.isArray(body.messages);
    };
    let n = 0;
    const send: Record<Channel, (text: string) => Promise<boolean>> = {
      'web-anonymous': (text) => chat(text),
      'web-staff': (text) => chat(text, 'Bearer soak:staff:staff-soak'),
      'web-donor': (text) => chat(text, 'Bearer soak:donor:donor-soak:D-SOAK-1'),
      slack: async (text) => {
        const answer = sink.expect(`soak-${++n}`);
        const body = slashCommandBody({
          text,
          teamId: TEAM,
          userId: STAFF_SLACK,
          channelId: 'C0SOAK',
          responseUrl: answer.url,
        });
        const res = await fetch(`${url}/slack/events`, {
          method: 'POST',
          headers: signedHeaders(SECRET, body, 'application/x-www-form-urlencoded'),
          body,
        });
        await res.arrayBuffer();
        if (!res.ok) return false;
        // The ack is immediate; the channel's latency is until the answer reached Slack.
        return Promise.race([
          answer.answered.then(() => true),
          new Promise<boolean>((r) => setTimeout(() => r(false), 30_000)),
        ]);
      },
      sms: async (text) => {
        const res = await fetch(`${url}/api/sms/inbound`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            originationNumber: `+1555${String(1000000 + (++n % 50)).slice(1)}`,
            destinationNumber: '+15550000000',
            messageBody: text,
            inboundMessageId: randomUUID(),
          }),
        });
        await res.arrayBuffer();
        return res.ok;
      },
    };
    const results = new Map<Channel, { latencies: number[]; errors: number }>(
      CHANNELS.map((c) => [c, { latencies: [], errors: 0 }]),
    );
    // Warm up every path once before the clock and the memory baseline start.
    for (const c of CHANNELS) await send[c](TEXTS[c][0]!).catch(() => false);
    global.gc?.();
    const memoryStart = memory();
    const loadStart = loadavg()[0]!;
    const started = performance.now();
    const inFlight = new Set<Promise<void>>();
    let i = 0;
    // Open loop: one request every 1/RATE s whatever the answers do, so a slow server shows as latency.
    while (performance.now() - started < SECONDS * 1000) {
      const channel = CHANNELS[i % CHANNELS.length]!;
      const text = TEXTS[channel][Math.floor(i / CHANNELS.length) % TEXTS[channel].length]!;
      i++;
      const t0 = performance.now();
      const work = send[channel](text)
        .catch(() => false)
        .then((ok) => {
          const r = results.get(channel)!;
          r.latencies.push(performance.now() - t0);
          if (!ok) r.errors++;
        });
      inFlight.add(work);
      void work.finally(() => inFlight.delete(work));
      if (i % (RATE * 60) === 0)
        progress(`soak: ${Math.round((performance.now() - started) / 1000)} s, ${i} sent`);
      await new Promise((r) => setTimeout(r, 1000 / RATE));
    }
    await Promise.allSettled([...inFlight]);
    await app.slack?.idle();
    global.gc?.();
    const memoryEnd = memory();
    const rows = CHANNELS.map((c) => {
      const r = results.get(c)!;
      const p = summarize(r.latencies);
      return [
        c,
        String(r.latencies.length),
        String(r.errors),
        `${round(p.p50, 0)} ms`,
        `${round(p.p99, 0)} ms`,
      ];
    });
    const report = [
      '<!-- soak:start -->',
      '## Soak: mixed traffic from all three channels (`npm run bench:soak`)',
      '',
      `${new Date().toISOString()}, ${SECONDS} s at ${RATE} requests/s (open loop; achieved ` +
        `${round(i / SECONDS, 1)}/s, timers run late on a loaded machine), node ${process.version}, ` +
        `load average ${round(loadStart, 1)} at start on a shared machine. Client and server share one process; ` +
        'Slack is timed until its answer reached the response_url. Heap is measured without a forced GC ' +
        '(run with `node --expose-gc` for a settled figure).',
      '',
      table(['channel', 'requests', 'errors', 'p50', 'p99'], rows),
      '',
      table(
        ['memory', 'start', 'end'],
        [
          ['RSS', `${memoryStart.rss_mb} MB`, `${memoryEnd.rss_mb} MB`],
          ['heap used', `${memoryStart.heap_mb} MB`, `${memoryEnd.heap_mb} MB`],
        ],
      ),
      '<!-- soak:end -->',
    ].join('\n');
    console.log(report);
    const path = join(import.meta.dirname, '../../BENCHMARKS.md');
    const current = readFileSync(path, 'utf8');
    const marked = /<!-- soak:start -->[\s\S]*<!-- soak:end -->/;
    writeFileSync(
      path,
      marked.test(current) ? current.replace(marked, report) : `${current.trimEnd()}\n\n${report}\n`,
    );
    const errors = [...results.values()].reduce((s, r) => s + r.errors, 0);
    if (errors > 0) process.exitCode = 1;
  } finally {
    await app?.stop();
    await sink.close();
    await engine.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
