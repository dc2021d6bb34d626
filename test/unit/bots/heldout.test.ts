import { describe, expect, it } from 'vitest';
import { bot } from '../../../bots/definition/index.js';
import { evaluateHeldOut, loadHeldOut } from '../../../bots/nlu/evaluate.js';
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

  it('keeps intent accuracy ≥ 0.85 and slot accuracy ≥ 0.8 (a regression guard)', async () => {
    // Act
    const report = await evaluateHeldOut();

    // Assess
    expect(report.total).toBeGreaterThanOrEqual(180);
    expect(report.intentAccuracy).toBeGreaterThanOrEqual(0.85);
    expect(report.slotAccuracy).toBeGreaterThanOrEqual(0.8);
    expect(report.utterancesPerSecond).toBeGreaterThan(0);
  });
});
