/**
 * Use case: a batch of results from the lab system (`POST /api/lab-results`, JSON or CSV rows given
 * here as objects with their line number). API → use case → recordTestResults.
 * Primary course: every row validated with zod first (a DIN, and a marker with its result or an
 * ABO/RhD group, in the words lab systems use) → rows grouped by DIN → a DIN with any bad row, or
 * rows that contradict each other, is not applied at all (its good rows say why) → each remaining
 * DIN's results go through recordTestResults, so release, quarantine and reactive handling are the
 * same as in chat. Every row gets an outcome with its line number.
 */
import * as z from 'zod';
import { describeDinRejection, parseDin } from '../../domain/dinInput.js';
import { MARKERS, type Marker, type TestResult } from '../../domain/unitVocabulary.js';
import { type BloodGroup, isBloodGroup } from '../../domain/vocabulary.js';
import type { Actor } from '../../store/port.js';
import { parseInput, type UnitDeps } from './deps.js';
import { recordTestResults } from './recordTestResults.js';

export const MAX_LAB_ROWS = 2_000;

const cell = z.union([z.string(), z.number()]).transform((v) => String(v).trim());

export const labRow = z.object({
  line: z.number().int().min(1),
  din: cell.pipe(z.string().min(1, 'the DIN is missing')),
  marker: cell.optional(),
  result: cell.optional(),
  group: cell.optional(),
  abo: cell.optional(),
});
export type LabRow = z.input<typeof labRow>;

export const labResultsBatchInput = z.object({
  rows: z.array(z.record(z.string(), z.unknown())).min(1).max(MAX_LAB_ROWS),
});
export type LabResultsBatchInput = z.input<typeof labResultsBatchInput>;

const MARKER_ALIASES: Record<string, Marker> = {
  ...Object.fromEntries(MARKERS.map((m) => [m, m])),
  hiv12: 'hiv',
  hiv1: 'hiv',
  hivab: 'hiv',
  hivnat: 'hiv',
  hbsag: 'hbv',
  hbvnat: 'hbv',
  antihbc: 'hbv',
  hepb: 'hbv',
  hcvnat: 'hcv',
  antihcv: 'hcv',
  hepc: 'hcv',
  htlv12: 'htlv',
  htlvi: 'htlv',
  htlvii: 'htlv',
  htlviii: 'htlv',
  tpha: 'syphilis',
  treponemal: 'syphilis',
  westnile: 'wnv',
  wnvnat: 'wnv',
  tcruzi: 'chagas',
  hepe: 'hev',
  hevnat: 'hev',
};

const RESULT_ALIASES: Record<string, TestResult> = {
  negative: 'negative',
  neg: 'negative',
  nonreactive: 'negative',
  nr: 'negative',
  reactive: 'reactive',
  positive: 'reactive',
  pos: 'reactive',
  r: 'reactive',
};

export function labMarker(text: string): Marker | null {
  return MARKER_ALIASES[text.toLowerCase().replace(/[^a-z0-9]/g, '')] ?? null;
}

export function labResult(text: string): TestResult | null {
  return RESULT_ALIASES[text.toLowerCase().replace(/[^a-z]/g, '')] ?? null;
}

/** "O+", "O POS", "O Rh+", "AB RhD negative", "Oneg" → the canonical group. */
export function labGroup(text: string): BloodGroup | null {
  const t = text.toUpperCase().replace(/\s+/g, '');
  const m = /^(AB|A|B|O)(?:RHD?)?(\+|-|−|POS(?:ITIVE)?|NEG(?:ATIVE)?)$/.exec(t);
  if (!m) return null;
  const sign = m[2] === '+' || m[2]?.startsWith('POS') ? '+' : '-';
  const group = `${m[1]}${sign}`;
  return isBloodGroup(group) ? group : null;
}

export type ValidRow = {
  line: number;
  din: string;
  marker?: Marker;
  result?: TestResult;
  group?: BloodGroup;
};

/** One row → what it says, or why not (in words, for the lab's report). */
export function validateRow(
  raw: unknown,
  index: number,
): { ok: true; row: ValidRow } | { ok: false; line: number; din: string | null; message: string } {
  const fallbackLine =
    raw && typeof raw === 'object' && typeof (raw as { line?: unknown }).line === 'number'
      ? (raw as { line: number }).line
      : index + 1;
  const parsed = labRow.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      ok: false,
      line: fallbackLine,
      din: null,
      message: `${issue?.path.join('.') || 'row'}: ${issue?.message ?? 'invalid'}`,
    };
  }
  const r = parsed.data;
  const read = parseDin(r.din);
  if (!read.ok) return { ok: false, line: r.line, din: null, message: describeDinRejection(read.reason) };
  const bad = (message: string) => ({ ok: false as const, line: r.line, din: read.din, message });
  const row: ValidRow = { line: r.line, din: read.din };
  const hasMarker = Boolean(r.marker) || Boolean(r.result);
  if (hasMarker) {
    if (!r.marker) return bad('a result without its marker');
    if (!r.result) return bad(`no result for ${r.marker}`);
    const marker = labMarker(r.marker);
    if (!marker) return bad(`unknown marker ${JSON.stringify(r.marker)}`);
    const result = labResult(r.result);
    if (!result) return bad(`a result must be negative or reactive, not ${JSON.stringify(r.result)}`);
    row.marker = marker;
    row.result = result;
  }
  const groupText = r.group || r.abo;
  if (groupText) {
    const group = labGroup(groupText);
    if (!group) return bad(`unknown blood group ${JSON.stringify(groupText)}`);
    row.group = group;
  }
  if (!hasMarker && !groupText) return bad('a row needs a marker and result, or a blood group');
  return { ok: true, row };
}

export type LabRowOutcome = {
  line: number;
  din: string | null;
  status: 'applied' | 'rejected' | 'skipped' | 'refused';
  /** For applied rows: what the donation became. */
  outcome?: 'released' | 'quarantined' | 'unsafe';
  message: string;
};

export interface LabPlan {
  /** DIN → its results, applied together. */
  apply: Map<
    string,
    { lines: number[]; results: Partial<Record<Marker, TestResult>>; testedGroup?: BloodGroup }
  >;
  /** Rows not applied, with why. */
  notApplied: LabRowOutcome[];
}

/** Validates every row, groups by DIN, and keeps back every DIN with a bad or contradictory row. Pure. */
export function planLabBatch(rows: readonly unknown[]): LabPlan {
  const valid: ValidRow[] = [];
  const notApplied: LabRowOutcome[] = [];
  const badDins = new Map<string, number[]>();
  rows.forEach((raw, i) => {
    const v = validateRow(raw, i);
    if (v.ok) valid.push(v.row);
    else {
      notApplied.push({ line: v.line, din: v.din, status: 'rejected', message: v.message });
      if (v.din) badDins.set(v.din, [...(badDins.get(v.din) ?? []), v.line]);
    }
  });
  const byDin = new Map<string, ValidRow[]>();
  for (const row of valid) byDin.set(row.din, [...(byDin.get(row.din) ?? []), row]);
  const apply: LabPlan['apply'] = new Map();
  for (const [din, dinRows] of byDin) {
    const results: Partial<Record<Marker, TestResult>> = {};
    const contradictions: string[] = [];
    let testedGroup: BloodGroup | undefined;
    for (const row of dinRows) {
      if (row.marker && row.result) {
        const was = results[row.marker];
        if (was && was !== row.result) contradictions.push(`${row.marker} is both ${was} and ${row.result}`);
        results[row.marker] = row.result;
      }
      if (row.group) {
        if (testedGroup && testedGroup !== row.group)
          contradictions.push(`group is both ${testedGroup} and ${row.group}`);
        testedGroup = row.group;
      }
    }
    const bad = badDins.get(din);
    if (bad || contradictions.length > 0) {
      const why = bad
        ? `not applied: line${bad.length > 1 ? 's' : ''} ${bad.join(', ')} of the same DIN ${bad.length > 1 ? 'are' : 'is'} bad`
        : `not applied: ${contradictions.join('; ')}`;
      for (const row of dinRows) {
        notApplied.push({
          line: row.line,
          din,
          status: contradictions.length > 0 && !bad ? 'rejected' : 'skipped',
          message: why,
        });
      }
      continue;
    }
    apply.set(din, { lines: dinRows.map((r) => r.line), results, ...(testedGroup ? { testedGroup } : {}) });
  }
  return { apply, notApplied };
}

export type LabResultsBatchResult =
  | { ok: true; rows: LabRowOutcome[]; applied: number; notApplied: number }
  | { ok: false; reason: 'invalid_input'; message: string };

export async function labResultsBatch(
  deps: UnitDeps,
  input: LabResultsBatchInput,
  actor: Actor,
): Promise<LabResultsBatchResult> {
  const parsed = parseInput(labResultsBatchInput, input);
  if (!parsed.ok) return parsed;
  const plan = planLabBatch(parsed.value.rows);
  const outcomes: LabRowOutcome[] = [...plan.notApplied];
  // One DIN at a time: a donor's donations may share a lookback, and the lab's order is kept.
  for (const [din, entry] of plan.apply) {
    const result = await recordTestResults(
      deps,
      { din, results: entry.results, ...(entry.testedGroup ? { testedGroup: entry.testedGroup } : {}) },
      actor,
    );
    for (const line of entry.lines) {
      outcomes.push(
        result.ok
          ? { line, din, status: 'applied', outcome: result.outcome, message: result.message }
          : { line, din, status: 'refused', message: result.message },
      );
    }
  }
  outcomes.sort((a, b) => a.line - b.line);
  const applied = outcomes.filter((o) => o.status === 'applied').length;
  return { ok: true, rows: outcomes, applied, notApplied: outcomes.length - applied };
}
