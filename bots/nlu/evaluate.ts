/**
 * Held-out evaluation of the local NLU (bots/heldout/heldout.jsonl, never used for training).
 *
 * - intentAccuracy: share of lines whose top interpretation is the expected intent.
 * - slotAccuracy: matched / (expected + spurious), summed over all lines, where `matched` counts
 *   expected slots whose interpretedValue is exactly right, and `spurious` counts filled slots the
 *   line does not expect. A wrong value costs one (the expected slot is missed); an invented slot
 *   costs one too, so filling everything in sight cannot score well. Slots come from the top
 *   interpretation, so a wrong intent usually loses its slots as well.
 * - utterancesPerSecond: interpret() throughput over the set, after training.
 */
import { readFile } from 'node:fs/promises';
import * as z from 'zod';
import { loadBot } from '../definition/index.js';
import type { BotDefinition } from '../schema.js';
import { createNlu } from './index.js';

export const HELD_OUT_PATH = new URL('../heldout/heldout.jsonl', import.meta.url);
/**
 * A second held-out set written after the NLU was frozen and never looked at while tuning it: the
 * first set was used to choose features and thresholds, so only this one measures generalisation.
 */
export const BLIND_PATH = new URL('../heldout/blind.jsonl', import.meta.url);
/** Lines without their own `now` are read as said at this moment (a Tuesday). */
export const HELD_OUT_DEFAULT_NOW = '2026-11-24T10:00:00Z';

export const heldOutLineSchema = z.object({
  text: z.string().min(1),
  now: z.iso.datetime({ offset: true }).optional(),
  activeContexts: z.array(z.string()).optional(),
  intent: z.string().min(1),
  slots: z.record(z.string(), z.string()).default({}),
});
export type HeldOutLine = z.infer<typeof heldOutLineSchema>;

export interface HeldOutFailure {
  text: string;
  expectedIntent: string;
  actualIntent: string;
  confidence: number;
  /** Expected slot → what was found instead (undefined when nothing was). */
  wrongSlots: Record<string, { expected: string; actual: string | undefined }>;
  spuriousSlots: Record<string, string>;
}

export interface HeldOutReport {
  intentAccuracy: number;
  slotAccuracy: number;
  total: number;
  utterancesPerSecond: number;
  failures: HeldOutFailure[];
}

export async function loadHeldOut(path: URL = HELD_OUT_PATH): Promise<HeldOutLine[]> {
  const raw = await readFile(path, 'utf8');
  return raw
    .split('\n')
    .filter((l) => l.trim())
    .map((l, i) => {
      const parsed = heldOutLineSchema.safeParse(JSON.parse(l));
      if (!parsed.success) throw new Error(`${path.pathname} line ${i + 1}: ${parsed.error.message}`);
      return parsed.data;
    });
}

export async function evaluateHeldOut(
  bot: BotDefinition = loadBot(),
  path: URL = HELD_OUT_PATH,
): Promise<HeldOutReport> {
  const lines = await loadHeldOut(path);
  const nlu = await createNlu(bot);
  let intentsRight = 0;
  let matched = 0;
  let denominator = 0;
  let elapsed = 0;
  const failures: HeldOutFailure[] = [];
  for (const line of lines) {
    const started = performance.now();
    const [top] = await nlu.interpret(line.text, {
      now: new Date(line.now ?? HELD_OUT_DEFAULT_NOW),
      activeContexts: line.activeContexts ?? [],
    });
    elapsed += performance.now() - started;
    const actual = Object.fromEntries(Object.entries(top!.slots).map(([k, v]) => [k, v.interpretedValue]));
    const wrongSlots: HeldOutFailure['wrongSlots'] = {};
    const spuriousSlots: Record<string, string> = {};
    for (const [name, expected] of Object.entries(line.slots)) {
      if (actual[name] === expected) matched += 1;
      else wrongSlots[name] = { expected, actual: actual[name] };
    }
    for (const [name, value] of Object.entries(actual))
      if (!(name in line.slots)) spuriousSlots[name] = value;
    denominator += Object.keys(line.slots).length + Object.keys(spuriousSlots).length;
    const intentRight = top!.intent === line.intent;
    if (intentRight) intentsRight += 1;
    if (!intentRight || Object.keys(wrongSlots).length > 0 || Object.keys(spuriousSlots).length > 0) {
      failures.push({
        text: line.text,
        expectedIntent: line.intent,
        actualIntent: top!.intent,
        confidence: top!.confidence,
        wrongSlots,
        spuriousSlots,
      });
    }
  }
  return {
    intentAccuracy: intentsRight / lines.length,
    slotAccuracy: denominator === 0 ? 1 : matched / denominator,
    total: lines.length,
    utterancesPerSecond: elapsed > 0 ? Math.round((lines.length / elapsed) * 1000) : 0,
    failures,
  };
}
