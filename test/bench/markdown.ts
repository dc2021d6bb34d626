/** Markdown helpers for BENCHMARKS.md: a table, sizes in KB, and lookups into the run's figures. */
import type { Figure } from './stats.js';

type Row = unknown[];

export function table(headers: string[], rows: Row[]): string {
  const cell = (v: unknown) =>
    v === null || v === undefined ? '—' : v === true ? 'yes' : v === false ? 'no' : String(v);
  return [
    `| ${headers.join(' | ')} |`,
    `|${headers.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
  ].join('\n');
}

export const kb = (bytes: unknown) => `${(Number(bytes) / 1024).toFixed(1)} KB`;
export const of = (figures: Figure[], name: string) => figures.filter((f) => f.figure === name);
export const base = (f: Figure) => (f.baseline ?? {}) as Record<string, unknown>;
