/** Small helpers shared by the benches: percentiles, rounding, the run's mode and figure output. */

export interface Percentiles {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
}

/** Nearest-rank percentile over a sorted copy; empty input gives NaN so a missing figure shows. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export function summarize(values: readonly number[]): Percentiles {
  const mean = values.length ? values.reduce((a, b) => a + b, 0) / values.length : Number.NaN;
  return {
    n: values.length,
    p50: round(percentile(values, 50)),
    p95: round(percentile(values, 95)),
    p99: round(percentile(values, 99)),
    mean: round(mean),
  };
}

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

export function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

export interface BenchMode {
  short: boolean;
}

export function benchMode(argv = process.argv.slice(2), env = process.env): BenchMode {
  return { short: argv.includes('--short') || env.BENCH_SHORT === '1' };
}

/** One measured row: printed as one JSON line on stdout and kept for BENCHMARKS.md. */
export type Figure = { figure: string } & Record<string, unknown>;

export function emit(figures: Figure[], figure: Figure): Figure {
  figures.push(figure);
  process.stdout.write(`${JSON.stringify(figure)}\n`);
  return figure;
}

/** Progress goes to stderr so stdout stays one JSON line per figure. */
export function progress(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

/** Runs `task` at most `concurrency` at a time over `count` indexes. */
export async function pool(count: number, concurrency: number, task: (i: number) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < count) await task(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}
