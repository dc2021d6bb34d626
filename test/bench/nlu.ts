/**
 * Figure 5: the local NLU's intent and slot accuracy and its speed, per engine, on k-fold
 * cross-validation over the training data and on the two sets of the repository (both tuned
 * against now; the sets nobody tuned against live outside the repository and are scored once).
 * Baseline: always answering the set's most common intent. The default engine's full report
 * (confusion matrix, per-intent F1, slot accuracy per type, worst misses) goes into BENCHMARKS.md.
 */
import { DEFAULT_ENGINE, ENGINE_NAMES } from '../../bots/nlu/engine.js';
import { renderNluReport, scoreAll } from '../../bots/nlu/report.js';
import { type BenchMode, emit, type Figure, progress, round } from './stats.js';

export async function benchNlu(mode: BenchMode, figures: Figure[]): Promise<void> {
  progress('nlu: k-fold and sets, every engine');
  const all = await scoreAll({
    engines: mode.short ? [DEFAULT_ENGINE] : [...ENGINE_NAMES],
    folds: mode.short ? 2 : 5,
  });
  for (const { engine, set, report, trainSeconds } of all) {
    const counts = new Map<string, number>();
    for (const row of Object.entries(report.confusion))
      counts.set(
        row[0],
        Object.values(row[1]).reduce((a, b) => a + b, 0),
      );
    const [majority, majorityCount] = [...counts].sort((a, b) => b[1] - a[1])[0] ?? ['none', 0];
    emit(figures, {
      figure: 'nlu_accuracy',
      engine,
      default_engine: engine === DEFAULT_ENGINE,
      set,
      utterances: report.total,
      intent_accuracy: round(report.intentAccuracy, 3),
      slot_accuracy: round(report.slotAccuracy, 3),
      utterances_per_second: report.utterancesPerSecond,
      ...(trainSeconds === undefined ? {} : { train_seconds: round(trainSeconds, 2) }),
      failures: report.failures.length,
      baseline: { name: `always "${majority}"`, intent_accuracy: round(majorityCount / report.total, 3) },
    });
  }
  emit(figures, {
    figure: 'nlu_report',
    engine: DEFAULT_ENGINE,
    markdown: renderNluReport(all.filter((s) => s.engine === DEFAULT_ENGINE)),
  });
}
