/**
 * `npm run --silent nlu -- --now <ISO time> [--time-zone <IANA>] [--phone-country US|GB]`
 * JSON lines {"text","activeContexts"?} on stdin → {"intent","confidence","slots":{name: value}}
 * on stdout, one per line, in order. A bad line gets {"error"} and the run goes on. No database.
 *
 * `npm run --silent nlu -- --report [--set path.jsonl ...] [--engine linear|nlpjs|all] [--folds 5]`
 * prints the report (k-fold over the training data, then each set in the bots/heldout line format:
 * confusion matrix, per-intent precision/recall/F1, slot accuracy per type, worst misses).
 */
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import * as z from 'zod';
import { loadBot } from '../definition/index.js';
import { DEFAULT_ENGINE, ENGINE_NAMES, type EngineName } from '../nlu/engine.js';
import { createNlu } from '../nlu/index.js';
import { DEFAULT_SETS, renderNluReport, scoreAll } from '../nlu/report.js';

const lineSchema = z.object({
  text: z.string(),
  activeContexts: z.array(z.string()).optional(),
});

function fail(message: string): never {
  process.stderr.write(`nlu: ${message}\n`);
  process.exit(2);
}

interface CliValues {
  now?: string;
  'time-zone'?: string;
  'phone-country'?: string;
  report?: boolean;
  set?: string[];
  engine?: string;
  folds?: string;
}

function readArgs(): CliValues {
  try {
    return parseArgs({
      options: {
        now: { type: 'string' },
        'time-zone': { type: 'string' },
        'phone-country': { type: 'string' },
        report: { type: 'boolean' },
        set: { type: 'string', multiple: true },
        engine: { type: 'string' },
        folds: { type: 'string' },
      },
      strict: true,
    }).values;
  } catch (error) {
    fail((error as Error).message);
  }
}

async function report(values: CliValues): Promise<void> {
  const engineArg = values.engine ?? DEFAULT_ENGINE;
  if (engineArg !== 'all' && !(ENGINE_NAMES as readonly string[]).includes(engineArg)) {
    fail(`--engine must be one of ${ENGINE_NAMES.join(', ')} or all`);
  }
  const engines: EngineName[] = engineArg === 'all' ? [...ENGINE_NAMES] : [engineArg as EngineName];
  const folds = Number(values.folds ?? 5);
  if (!Number.isInteger(folds) || folds < 2 || folds > 20) fail('--folds must be an integer from 2 to 20');
  const sets = values.set?.length
    ? values.set.map((p) => pathToFileURL(resolve(process.cwd(), p)))
    : DEFAULT_SETS;
  try {
    const all = await scoreAll({ engines, sets, folds });
    process.stdout.write(`${renderNluReport(all)}\n`);
  } catch (error) {
    fail((error as Error).message);
  }
}

function readOptions(values: CliValues) {
  if (!values.now) fail('--now <ISO time> is required, e.g. --now 2026-11-24T10:00:00Z');
  const now = new Date(values.now);
  if (!/^\d{4}-\d{2}-\d{2}/.test(values.now) || Number.isNaN(now.getTime())) {
    fail(`--now must be an ISO 8601 time, got ${JSON.stringify(values.now)}`);
  }
  const timeZone = values['time-zone'] ?? 'UTC';
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
  } catch {
    fail(`--time-zone must be an IANA zone, got ${JSON.stringify(timeZone)}`);
  }
  const phoneCountry = values['phone-country'] ?? 'US';
  if (phoneCountry !== 'US' && phoneCountry !== 'GB') fail('--phone-country must be US or GB');
  return { now, timeZone, phoneCountry: phoneCountry as 'US' | 'GB' };
}

async function main(): Promise<void> {
  const values = readArgs();
  if (values.report) return report(values);
  const options = readOptions(values);
  const nlu = await createNlu(loadBot());
  const write = (obj: unknown) => process.stdout.write(`${JSON.stringify(obj)}\n`);
  for await (const raw of createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY })) {
    if (!raw.trim()) continue;
    let input: z.infer<typeof lineSchema>;
    try {
      const parsed = lineSchema.safeParse(JSON.parse(raw));
      // The message names what is wrong with the line, never the user's text.
      if (!parsed.success) {
        write({
          error: `expected {"text": string, "activeContexts"?: string[]}: ${parsed.error.issues[0]?.message}`,
        });
        continue;
      }
      input = parsed.data;
    } catch {
      write({ error: 'line is not valid JSON' });
      continue;
    }
    const [top] = await nlu.interpret(input.text, { ...options, activeContexts: input.activeContexts ?? [] });
    const slots = Object.fromEntries(Object.entries(top!.slots).map(([k, v]) => [k, v.interpretedValue]));
    write({ intent: top!.intent, confidence: top!.confidence, slots });
  }
}

await main();
