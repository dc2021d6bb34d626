/**
 * The lab system's batch of results, as it arrives at `POST /api/lab-results`: JSON
 * (`{"results":[{"din","marker","result"} | {"din","group"}]}`) or CSV (`text/csv`, a header line
 * `din,marker,result` or `din,group`, columns in any order). Pure: text in, numbered rows or
 * numbered problems out. A row's number is its line in the CSV (the header is line 1) or its
 * position in the JSON array (from 1), so the lab can find it in what it sent.
 *
 * This layer checks the shape (the envelope, the CSV header, fields per line, each row an object of
 * short text cells, validated with zod); what a cell means (a marker, "POS", a group) is the use
 * case's to judge (fulfillment/usecases/units/labResultsBatch.ts), row by row, with the same line
 * numbers. A DIN with a row that fails here is held back whole, so no DIN is ever half-applied.
 */
import * as z from 'zod';
import { parseDin } from '../../fulfillment/domain/dinInput.js';

/** Bodies larger than this are refused before parsing (a day's results of a large centre fit). */
export const MAX_LAB_BODY_BYTES = 256 * 1024;
/** Rows per request: a larger run is sent in several requests. */
export const MAX_LAB_ROWS = 2000;

/** A cell as a lab system exports it: text, or a number a JSON exporter did not quote. */
const cell = z
  .union([z.string(), z.number()])
  .transform((v) => String(v).trim())
  .pipe(z.string().max(64, 'at most 64 characters'));

/** One row as sent: which fields a row has is for the use case to judge, by line. */
export const labRowSchema = z.strictObject({
  din: cell,
  marker: cell.optional(),
  result: cell.optional(),
  group: cell.optional(),
});

export type LabRow = z.output<typeof labRowSchema>;
/** A row and where it was in the request. */
export type NumberedRow = LabRow & { line: number };

export interface RowProblem {
  line: number;
  /** The canonical DIN when it could be read, so the lab sees which donation was held back. */
  din: string | null;
  message: string;
}

export type ParsedBatch =
  | { ok: true; rows: NumberedRow[]; problems: RowProblem[] }
  | { ok: false; status: 400 | 413 | 415; error: string; message: string };

const jsonBody = z.object({
  results: z.array(z.unknown()).min(1, 'results must not be empty').max(MAX_LAB_ROWS),
});

const CSV_HEADERS = [
  ['din', 'marker', 'result'],
  ['din', 'group'],
  ['din', 'marker', 'result', 'group'],
] as const;

function describe(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || 'row'}: ${i.message}`).join('; ');
}

function rowProblem(raw: unknown, line: number, error: z.ZodError): RowProblem {
  const given = typeof raw === 'object' && raw !== null ? (raw as { din?: unknown }).din : undefined;
  const din = typeof given === 'string' ? parseDin(given) : null;
  return { line, din: din?.ok ? din.din : null, message: describe(error) };
}

function validateRows(raw: Array<{ line: number; value: unknown }>): ParsedBatch {
  const rows: NumberedRow[] = [];
  const problems: RowProblem[] = [];
  for (const { line, value } of raw) {
    const parsed = labRowSchema.safeParse(value);
    if (parsed.success) rows.push({ ...parsed.data, line });
    else problems.push(rowProblem(value, line, parsed.error));
  }
  return { ok: true, rows, problems };
}

/**
 * One CSV line → fields. RFC 4180 quoting ("a,b" and "" for a quote) is accepted because
 * spreadsheet exports add it; a line with an unterminated quote is a problem of that line.
 */
export function csvFields(line: string): string[] | null {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    let field = '';
    if (line[i] === '"') {
      i++;
      for (;;) {
        if (i >= line.length) return null;
        if (line[i] === '"') {
          if (line[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += line[i++];
      }
      if (i < line.length && line[i] !== ',') return null;
    } else {
      const end = line.indexOf(',', i);
      field = end === -1 ? line.slice(i) : line.slice(i, end);
      i = end === -1 ? line.length : end;
    }
    fields.push(field.trim());
    if (i >= line.length) return fields;
    i++; // the comma
  }
}

export function parseCsv(text: string): ParsedBatch {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = csvFields(lines[0] ?? '')?.map((h) => h.toLowerCase()) ?? [];
  const form = CSV_HEADERS.find((h) => h.length === header.length && h.every((c) => header.includes(c)));
  if (!form) {
    return {
      ok: false,
      status: 400,
      error: 'invalid_request',
      message: 'line 1: the header must be "din,marker,result", "din,group" or "din,marker,result,group"',
    };
  }
  const raw: Array<{ line: number; value: unknown }> = [];
  const problems: RowProblem[] = [];
  lines.slice(1).forEach((text, i) => {
    const line = i + 2;
    if (text.trim() === '') return;
    const fields = csvFields(text);
    if (!fields || fields.length !== header.length) {
      const dinGuess = fields?.[header.indexOf('din')];
      const parsed = dinGuess ? parseDin(dinGuess) : null;
      problems.push({
        line,
        din: parsed?.ok ? parsed.din : null,
        message: fields
          ? `expected ${header.length} fields (${header.join(',')}), found ${fields.length}`
          : 'an unterminated quote',
      });
      return;
    }
    // An empty cell of the combined header is a field the row does not have.
    const cells = header.map((h, k) => [h, fields[k]] as const).filter(([, v]) => v !== '');
    raw.push({ line, value: Object.fromEntries(cells) });
  });
  if (raw.length + problems.length === 0) {
    return { ok: false, status: 400, error: 'invalid_request', message: 'the file has no result rows' };
  }
  if (raw.length + problems.length > MAX_LAB_ROWS) {
    return {
      ok: false,
      status: 413,
      error: 'too_many_rows',
      message: `at most ${MAX_LAB_ROWS} rows per request`,
    };
  }
  const checked = validateRows(raw);
  if (!checked.ok) return checked;
  return { ok: true, rows: checked.rows, problems: [...problems, ...checked.problems].sort(byLine) };
}

export function parseJson(text: string): ParsedBatch {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { ok: false, status: 400, error: 'invalid_json', message: 'The body is not valid JSON.' };
  }
  const parsed = jsonBody.safeParse(body);
  if (!parsed.success) {
    const tooMany = parsed.error.issues.some((i) => i.code === 'too_big');
    return tooMany
      ? {
          ok: false,
          status: 413,
          error: 'too_many_rows',
          message: `at most ${MAX_LAB_ROWS} rows per request`,
        }
      : { ok: false, status: 400, error: 'invalid_request', message: describe(parsed.error) };
  }
  return validateRows(parsed.data.results.map((value, i) => ({ line: i + 1, value })));
}

/** By the media type the lab declared: JSON or CSV, nothing else. */
export function parseLabBatch(contentType: string | undefined, body: string | undefined): ParsedBatch {
  if (Buffer.byteLength(body ?? '') > MAX_LAB_BODY_BYTES) {
    return {
      ok: false,
      status: 413,
      error: 'payload_too_large',
      message: `The body is larger than ${MAX_LAB_BODY_BYTES / 1024} KiB; send the results in several requests.`,
    };
  }
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/json') return parseJson(body ?? '');
  if (type === 'text/csv') return parseCsv(body ?? '');
  return {
    ok: false,
    status: 415,
    error: 'unsupported_media_type',
    message: 'Send application/json or text/csv.',
  };
}

/**
 * The rows that may be applied: every row of a DIN with no problem. A DIN with one bad row is held
 * back whole (its good rows are reported as held), so the donation is never half-updated.
 */
export function applicableRows(batch: { rows: NumberedRow[]; problems: RowProblem[] }): {
  rows: NumberedRow[];
  held: RowProblem[];
} {
  const spoilt = new Map<string, number[]>();
  for (const p of batch.problems) {
    if (p.din) spoilt.set(p.din, [...(spoilt.get(p.din) ?? []), p.line]);
  }
  const rows: NumberedRow[] = [];
  const held: RowProblem[] = [];
  for (const row of batch.rows) {
    const read = parseDin(row.din);
    const bad = read.ok ? spoilt.get(read.din) : undefined;
    if (!bad) rows.push(row);
    else
      held.push({
        line: row.line,
        din: read.ok ? read.din : null,
        message: `not applied: line ${bad.join(', ')} of the same DIN is wrong`,
      });
  }
  return { rows, held };
}

function byLine(a: { line: number }, b: { line: number }): number {
  return a.line - b.line;
}
