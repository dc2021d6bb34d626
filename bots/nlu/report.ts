/**
 * The NLU report: k-fold cross-validation and any JSON-lines sets, per engine, as Markdown (printed by
 * `npm run nlu -- --report`, written into BENCHMARKS.md by `npm run bench`).
 */
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadBot } from '../definition/index.js';
import type { BotDefinition } from '../schema.js';
import { DEFAULT_ENGINE, type EngineName, localThreshold } from './engine.js';
import {
  BLIND_PATH,
  CONTRACT_A_PATH,
  CONTRACT_B_PATH,
  crossValidate,
  evaluateHeldOut,
  HELD_OUT_PATH,
  type HeldOutFailure,
  type HeldOutReport,
  thresholdSweep,
} from './evaluate.js';
import { createNlu } from './index.js';

export interface ScoredSet {
  engine: EngineName;
  /** "k-fold (5)" or the set's file name. */
  set: string;
  report: HeldOutReport;
  /** Training at start-up, seconds (sets only: the k-fold trains once per fold). */
  trainSeconds?: number;
}

export const DEFAULT_SETS: URL[] = [HELD_OUT_PATH, BLIND_PATH, CONTRACT_A_PATH, CONTRACT_B_PATH];

export interface NluReportOptions {
  engines?: EngineName[];
  sets?: URL[];
  folds?: number;
  bot?: BotDefinition;
}

export async function scoreAll(options: NluReportOptions = {}): Promise<ScoredSet[]> {
  const bot = options.bot ?? loadBot();
  const folds = options.folds ?? 5;
  const out: ScoredSet[] = [];
  for (const engine of options.engines ?? [DEFAULT_ENGINE]) {
    out.push({ engine, set: `k-fold (${folds})`, report: await crossValidate(bot, { folds, engine }) });
    const started = performance.now();
    await createNlu(bot, { engine });
    const trainSeconds = (performance.now() - started) / 1000;
    for (const path of options.sets ?? DEFAULT_SETS) {
      out.push({
        engine,
        set: basename(fileURLToPath(path)),
        report: await evaluateHeldOut(bot, path, { engine }),
        trainSeconds,
      });
    }
  }
  return out;
}

const f3 = (n: number) => n.toFixed(3);

function table(head: string[], rows: (string | number)[][]): string {
  return [
    `| ${head.join(' | ')} |`,
    `|${head.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}

/** One line per miss, without the user's words being anything but the set's own sentence. */
export function describeMiss(f: HeldOutFailure): string {
  const parts: string[] = [];
  if (f.expectedIntent !== f.actualIntent)
    parts.push(`${f.expectedIntent} → ${f.actualIntent} (${f.confidence.toFixed(2)})`);
  for (const [slot, { expected, actual }] of Object.entries(f.wrongSlots))
    parts.push(`${slot}: ${expected} → ${actual ?? '∅'}`);
  for (const [slot, value] of Object.entries(f.spuriousSlots)) parts.push(`${slot}: ∅ → ${value}`);
  return `"${f.text}": ${parts.join('; ')}`;
}

function shortName(intent: string): string {
  return intent.replace('Intent', '').replace(/[a-z]/g, '').slice(0, 4) || intent.slice(0, 4);
}

export function renderSet(s: ScoredSet, misses = 10): string {
  const r = s.report;
  const names = r.intents.map((i) => i.intent);
  const sections = [
    `#### ${s.engine}: ${s.set}`,
    '',
    `${r.total} utterances: intent accuracy **${f3(r.intentAccuracy)}**, slot accuracy **${f3(r.slotAccuracy)}**, ` +
      `${r.utterancesPerSecond} utterances/s${s.trainSeconds !== undefined ? `, trained in ${s.trainSeconds.toFixed(2)} s` : ''}.`,
    '',
    table(
      ['intent', 'support', 'precision', 'recall', 'F1'],
      r.intents.map((i) => [i.intent, i.support, f3(i.precision), f3(i.recall), f3(i.f1)]),
    ),
    '',
    'Confusion (rows expected, columns predicted):',
    '',
    table(
      ['expected \\ predicted', ...names.map(shortName)],
      names.map((e) => [e, ...names.map((a) => r.confusion[e]?.[a] ?? 0)]),
    ),
    '',
    table(
      ['slot type', 'expected', 'matched', 'spurious', 'accuracy'],
      r.slotTypes.map((t) => [t.slotType, t.expected, t.matched, t.spurious, f3(t.accuracy)]),
    ),
    '',
    `Worst misses (${Math.min(misses, r.failures.length)} of ${r.failures.length}):`,
    '',
    ...r.failures.slice(0, misses).map((f) => `- ${describeMiss(f)}`),
  ];
  return sections.join('\n');
}

const SWEEP = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7];

export function renderSummary(all: ScoredSet[]): string {
  const bot = loadBot();
  const rows = all.map((s) => [
    s.engine,
    s.set,
    s.report.total,
    f3(s.report.intentAccuracy),
    f3(s.report.slotAccuracy),
    s.report.utterancesPerSecond,
    s.trainSeconds === undefined ? '' : s.trainSeconds.toFixed(2),
  ]);
  const sweeps = all
    .filter((s) => s.set.startsWith('k-fold'))
    .map(
      (s) =>
        `- ${s.engine} (threshold in use ${localThreshold(s.engine, bot)}): ` +
        thresholdSweep(s.report.decisions, SWEEP)
          .map((x) => `${x.threshold} → ${f3(x.accuracy)}`)
          .join(', '),
    );
  return [
    table(
      ['engine', 'set', 'utterances', 'intent accuracy', 'slot accuracy', 'utterances/s', 'train s'],
      rows,
    ),
    '',
    'k-fold intent accuracy had FallbackIntent been chosen below each confidence threshold:',
    '',
    ...sweeps,
  ].join('\n');
}

export function renderNluReport(all: ScoredSet[]): string {
  return [renderSummary(all), '', ...all.map((s) => `${renderSet(s)}\n`)].join('\n');
}
