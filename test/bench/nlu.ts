/**
 * Figure 5: the local NLU's intent and slot accuracy and its speed, on both held-out sets. The first
 * set was used while tuning the NLU (so it flatters it); the blind set was written after the NLU was
 * frozen and is the honest figure. Baseline: always answering the set's most common intent.
 */
import { loadBot } from '../../bots/definition/index.js';
import { BLIND_PATH, evaluateHeldOut, HELD_OUT_PATH, loadHeldOut } from '../../bots/nlu/evaluate.js';
import { type BenchMode, emit, type Figure, progress, round } from './stats.js';

export async function benchNlu(_mode: BenchMode, figures: Figure[]): Promise<void> {
  const bot = loadBot();
  const sets = [
    { set: 'held-out (tuned against)', path: HELD_OUT_PATH },
    { set: 'blind (never tuned on)', path: BLIND_PATH },
  ];
  for (const { set, path } of sets) {
    progress(`nlu: ${set}`);
    const lines = await loadHeldOut(path);
    const counts = new Map<string, number>();
    for (const l of lines) counts.set(l.intent, (counts.get(l.intent) ?? 0) + 1);
    const [majority, majorityCount] = [...counts].sort((a, b) => b[1] - a[1])[0]!;
    const started = performance.now();
    const report = await evaluateHeldOut(bot, path);
    emit(figures, {
      figure: 'nlu_accuracy',
      set,
      utterances: report.total,
      intent_accuracy: round(report.intentAccuracy, 3),
      slot_accuracy: round(report.slotAccuracy, 3),
      utterances_per_second: report.utterancesPerSecond,
      // Training the classifier plus interpreting the set: the local runtime pays this once at start.
      train_and_eval_seconds: round((performance.now() - started) / 1000, 1),
      failures: report.failures.length,
      baseline: { name: `always "${majority}"`, intent_accuracy: round(majorityCount / lines.length, 3) },
    });
  }
}
