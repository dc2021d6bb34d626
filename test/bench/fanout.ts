/**
 * Figure 7: shortage fan-out to 100,000 donors (SNS calls and time). The alerts work owns that bench
 * (`npm run bench:alerts`, test/bench/alerts*.ts); this runs it when it exists and passes its JSON
 * lines through, so one `npm run bench` still reports every figure. Until then the figure is pending.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type BenchMode, emit, type Figure, progress } from './stats.js';

const ROOT = join(import.meta.dirname, '..', '..');

export async function benchFanout(endpoint: string, mode: BenchMode, figures: Figure[]): Promise<void> {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    scripts?: Record<string, string>;
  };
  if (!pkg.scripts?.['bench:alerts']) {
    emit(figures, {
      figure: 'alerts_fanout',
      status: 'pending',
      note: 'npm run bench:alerts is not written yet',
    });
    return;
  }
  progress('alerts: npm run bench:alerts');
  const args = ['run', '--silent', 'bench:alerts', ...(mode.short ? ['--', '--short'] : [])];
  const stdout = await new Promise<string>((resolve, reject) => {
    const child = spawn('npm', args, {
      cwd: ROOT,
      // The run's engine, for a bench that can use one instead of starting its own.
      env: { ...process.env, BENCH_DYNAMO_ENDPOINT: endpoint, ...(mode.short ? { BENCH_SHORT: '1' } : {}) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    const timer = setTimeout(() => child.kill('SIGTERM'), (mode.short ? 2 : 6) * 60_000);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(out);
      else reject(new Error(`npm run bench:alerts failed (${signal ?? code})`));
    });
  });
  let count = 0;
  for (const line of stdout.split('\n')) {
    if (!line.trim().startsWith('{')) continue;
    try {
      const parsed = JSON.parse(line) as Record<string, unknown>;
      emit(figures, {
        ...parsed,
        figure: typeof parsed.figure === 'string' ? parsed.figure : 'alerts_fanout',
      });
      count += 1;
    } catch {
      // Not a figure (a log line that happens to start with a brace): skipped.
    }
  }
  if (count === 0)
    emit(figures, { figure: 'alerts_fanout', status: 'ran', note: 'bench:alerts printed no JSON lines' });
}
