/**
 * Figure 3: the bundle of every function the stacks deploy (infra/lib/stateless/functions.ts
 * FUNCTION_SPECS: entry and stubs), built as the CDK NodejsFunction builds it (esbuild, platform node,
 * target node20, ESM with a require() shim, minified), twice: with the AWS SDK bundled (what infra/
 * deploys: the code runs on the SDK version it was tested with) and with `@aws-sdk/*` external (the
 * NodejsFunction default, relying on the runtime's copy). Cold start is a fresh `node` process that
 * imports the bundle and awaits module init, median of several runs, beside the same process
 * importing an empty module: the difference is what the bundle itself costs.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import type { FunctionName } from '../../infra/lib/stateful/logs.js';
import { FUNCTION_SPECS, stubAliases } from '../../infra/lib/stateless/functions.js';
import { type BenchMode, emit, type Figure, median, progress, round } from './stats.js';

const ROOT = join(import.meta.dirname, '..', '..');
/** Inside node_modules so that an external `@aws-sdk/*` resolves, as the Lambda runtime's copy would. */
const OUT_DIR = join(ROOT, 'node_modules', '.cache', 'bloodbank-bench');

export const LAMBDA_ENTRIES = Object.fromEntries(
  Object.entries(FUNCTION_SPECS).map(([name, spec]) => [name, spec.entry]),
) as Record<FunctionName, string>;

/** 1 MB (1,000,000 bytes) each, but the report function, which carries the chart renderer (Vega-Lite). */
export const ONE_MB = 1_000_000;
export const BUDGET_BYTES: Partial<Record<FunctionName, number>> = { documentsReport: 2_500_000 };

const REQUIRE_SHIM =
  "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";

async function bundle(name: FunctionName, outfile: string, sdkBundled: boolean): Promise<number> {
  const stubs = FUNCTION_SPECS[name].stubs;
  await build({
    entryPoints: [join(ROOT, FUNCTION_SPECS[name].entry)],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    minify: true,
    mainFields: ['module', 'main'],
    banner: { js: REQUIRE_SHIM },
    external: sdkBundled ? [] : ['@aws-sdk/*'],
    alias: stubs
      ? Object.fromEntries(stubAliases(stubs, ROOT).map((a) => a.split('=') as [string, string]))
      : {},
    logLevel: 'silent',
  });
  return statSync(outfile).size;
}

/** Milliseconds: the import inside a fresh process, and the whole process from spawn to exit. */
function coldStart(file: string): Promise<{ importMs: number; processMs: number }> {
  const script = `const t=performance.now();await import(${JSON.stringify(pathToFileURL(file).href)});process.stdout.write(String(performance.now()-t));`;
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
      // Region and a table name as a Lambda has them; nothing is called at import time.
      env: { PATH: process.env.PATH, AWS_REGION: 'us-east-1', TABLE_NAME: 'bench', NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`importing ${file} failed (${code}): ${err.slice(0, 400)}`));
      resolve({ importMs: Number(out), processMs: performance.now() - started });
    });
  });
}

export async function benchBundles(mode: BenchMode, figures: Figure[]): Promise<void> {
  const runs = mode.short ? 1 : 6;
  // The smoke run builds only what deploys (SDK bundled); the full run also builds the alternative.
  const variants = mode.short ? [true] : [true, false];
  rmSync(OUT_DIR, { recursive: true, force: true });
  mkdirSync(OUT_DIR, { recursive: true });
  const empty = join(OUT_DIR, 'empty.mjs');
  writeFileSync(empty, '');

  const built: Array<{ name: FunctionName; variant: string; file: string; bytes: number }> = [];
  for (const [name, entry] of Object.entries(LAMBDA_ENTRIES) as Array<[FunctionName, string]>) {
    if (!existsSync(join(ROOT, entry))) {
      emit(figures, {
        figure: 'lambda_bundle',
        lambda: name,
        entry,
        status: 'pending',
        note: 'entry not written yet',
      });
      continue;
    }
    for (const sdkBundled of variants) {
      const variant = sdkBundled ? 'sdk bundled' : 'sdk external';
      const file = join(OUT_DIR, `${name}-${sdkBundled ? 'sdk' : 'nosdk'}.mjs`);
      progress(`bundles: ${name} (${variant})`);
      built.push({ name, variant, file, bytes: await bundle(name, file, sdkBundled) });
    }
  }

  // Interleave the runs, so a burst of load elsewhere on the machine hits every bundle alike.
  const samples = new Map<string, Array<{ importMs: number; processMs: number }>>();
  const targets = [{ key: 'empty', file: empty }, ...built.map((b) => ({ key: b.file, file: b.file }))];
  for (let r = 0; r < runs; r++) {
    for (const t of targets) {
      const list = samples.get(t.key) ?? [];
      list.push(await coldStart(t.file));
      samples.set(t.key, list);
    }
  }
  const summary = (key: string) => {
    const list = samples.get(key)!;
    return {
      import_ms: round(median(list.map((s) => s.importMs)), 1),
      process_ms: round(median(list.map((s) => s.processMs)), 1),
    };
  };
  const baseline = summary('empty');
  emit(figures, {
    figure: 'node_baseline',
    what: 'fresh node process importing an empty module',
    runs,
    ...baseline,
  });
  for (const b of built) {
    const cold = summary(b.file);
    emit(figures, {
      figure: 'lambda_bundle',
      lambda: b.name,
      entry: LAMBDA_ENTRIES[b.name],
      variant: b.variant,
      minified_bytes: b.bytes,
      gzip_bytes: gzipSync(readFileSync(b.file), { level: 9 }).length,
      runs,
      cold_import_ms: cold.import_ms,
      cold_process_ms: cold.process_ms,
      baseline: { name: 'empty module', ...baseline },
      under_1mb: b.bytes < ONE_MB,
      budget_bytes: BUDGET_BYTES[b.name] ?? ONE_MB,
      within_budget: b.bytes < (BUDGET_BYTES[b.name] ?? ONE_MB),
      init_under_300ms: cold.import_ms < 300,
    });
  }
}
