/**
 * `npm run bench`: every figure of issue 7 in one run, one JSON line per figure on stdout (progress
 * on stderr), and BENCHMARKS.md beside README.md. `-- --short` (or BENCH_SHORT=1) is CI's smoke run;
 * `-- --only=turns,nlu` runs some benches.
 *
 * One in-memory DynamoDB Local serves every bench (each on its own table). A bench that throws is
 * recorded and the others still run, but the exit code is then 1: the short mode is CI's smoke test,
 * with no thresholds, and a crash is the one thing it must catch. A short or partial run writes its
 * report to the temp directory so it never overwrites the full figures.
 */
import { writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { type DynamoLocal, startDynamoLocal } from '../../adapters/local/dynamoLocal.js';
import { benchBundles } from './bundles.js';
import { benchChat } from './chat.js';
import { benchFanout } from './fanout.js';
import { benchNlu } from './nlu.js';
import { renderReport } from './report.js';
import { benchScale } from './scale.js';
import { benchMode, emit, type Figure, progress } from './stats.js';
import { benchTurns } from './turns.js';
import { benchWidget } from './widget.js';

// The AWS SDK's notice about Node 20 is noise on stderr here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const mode = benchMode();
const onlyArg = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
const only = onlyArg ? new Set(onlyArg.split(',')) : null;
const figures: Figure[] = [];
const crashes: Array<{ bench: string; error: string }> = [];
const started = performance.now();
const loadAtStart = loadavg();

emit(figures, {
  figure: 'machine',
  cpus: cpus().length,
  cpu_model: cpus()[0]?.model ?? 'unknown',
  memory_gb: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
  node: process.version,
  platform: `${process.platform}/${process.arch}`,
  date: new Date().toISOString(),
  mode: mode.short ? 'short' : 'full',
});

let engine: DynamoLocal | undefined;
const endpoint = async () => {
  if (!engine) {
    const t0 = performance.now();
    engine = await startDynamoLocal();
    progress(`DynamoDB Local (in memory) up in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  return engine.endpoint;
};

const benches: Array<[string, () => Promise<void>]> = [
  ['turns', async () => benchTurns(await endpoint(), mode, figures)],
  ['scale', async () => benchScale(await endpoint(), mode, figures)],
  ['nlu', () => benchNlu(mode, figures)],
  ['chat', async () => benchChat(await endpoint(), mode, figures)],
  ['bundles', () => benchBundles(mode, figures)],
  ['widget', () => benchWidget(mode, figures)],
  ['alerts', async () => benchFanout(await endpoint(), mode, figures)],
];

try {
  for (const [name, run] of benches) {
    if (only && !only.has(name)) continue;
    const t0 = performance.now();
    try {
      await run();
      progress(`${name} done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      crashes.push({ bench: name, error: message.split('\n')[0]!.slice(0, 300) });
      emit(figures, { figure: 'bench_crashed', bench: name, error: message.slice(0, 500) });
      progress(`${name} CRASHED: ${error instanceof Error ? (error.stack ?? message) : message}`);
    }
  }
} finally {
  await engine?.stop();
}

const report = renderReport(figures, {
  date: new Date().toISOString(),
  short: mode.short,
  seconds: (performance.now() - started) / 1000,
  loadAtStart,
  crashes,
});
const out =
  mode.short || only
    ? join(tmpdir(), 'bloodbank-BENCHMARKS.md')
    : join(import.meta.dirname, '..', '..', 'BENCHMARKS.md');
writeFileSync(out, report);
progress(`report written to ${out}${crashes.length ? `; ${crashes.length} bench(es) crashed` : ''}`);
// Keep-alive sockets and SDK clients must not hold the process open once the figures are out.
process.stdout.write('', () => process.exit(crashes.length ? 1 : 0));
