import { describe, expect, it } from 'vitest';
import { bot } from '../../../bots/definition/index.js';
import { BLIND_PATH, HELD_OUT_PATH, loadHeldOut, scoreLines } from '../../../bots/nlu/evaluate.js';
import { createNlu, type LocalNlu } from '../../../bots/nlu/index.js';
import { phraseKey } from '../../../bots/nlu/text.js';

describe('held-out evaluation', () => {
  it('is a real held-out set: big enough, covering every intent, never a training utterance', async () => {
    // Prepare
    const lines = await loadHeldOut();
    const training = new Set(
      bot.intents
        .flatMap((i) => [...i.sampleUtterances, ...i.slots.flatMap((s) => s.sampleUtterances)])
        .map(phraseKey),
    );

    // Assess
    expect(lines.length).toBeGreaterThanOrEqual(180);
    expect(new Set(lines.map((l) => l.intent))).toEqual(new Set(bot.intents.map((i) => i.name)));
    expect(lines.filter((l) => training.has(phraseKey(l.text)))).toEqual([]);
  });

  // Measured (BENCHMARKS.md): held-out 0.978 intent / 0.992 slot, blind 0.960 / 1.000; guarded a
  // little below, so a change that costs a sentence or two fails here. Both are tuning sets now.
  it.each([
    ['heldout.jsonl', HELD_OUT_PATH, 0.95, 0.95],
    ['blind.jsonl', BLIND_PATH, 0.92, 0.95],
  ])(
    '%s keeps intent ≥ %s and slot accuracy ≥ %s (a regression guard)',
    async (_name, path, intent, slot) => {
      // Act
      const report = await scoreLines(await trained(), bot, await loadHeldOut(path));

      // Assess
      expect(report.intentAccuracy).toBeGreaterThanOrEqual(intent);
      expect(report.slotAccuracy).toBeGreaterThanOrEqual(slot);
      expect(report.utterancesPerSecond).toBeGreaterThan(0);
    },
    120_000,
  );

  it('reports a confusion matrix, per-intent F1 and slot accuracy per type', async () => {
    // Act
    const report = await scoreLines(await trained(), bot, await loadHeldOut(BLIND_PATH));

    // Assess
    const rows = Object.values(report.confusion).reduce(
      (a, row) => a + Object.values(row).reduce((x, y) => x + y, 0),
      0,
    );
    expect(rows).toBe(report.total);
    expect(report.intents.map((i) => i.intent)).toContain('CheckStock');
    for (const i of report.intents) expect(i.f1).toBeGreaterThanOrEqual(0);
    expect(report.slotTypes.map((t) => t.slotType)).toContain('BloodGroup');
  }, 120_000);
});

let nlu: Promise<LocalNlu> | undefined;
const trained = () => {
  nlu ??= createNlu(bot);
  return nlu;
};
