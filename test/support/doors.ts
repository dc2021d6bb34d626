/**
 * The import rules ("rooms and doors", .dependency-cruiser.cjs) checked with dependency-cruiser's
 * API. `npm run lint` runs this file: it prints each import that crosses a boundary and exits 1. The
 * API rather than the `depcruise` CLI because the CLI refuses to start on Node 20, this project's
 * runtime; the rules and the known-violations file are the CLI's own formats, so on Node 22+
 * `npx depcruise --config .dependency-cruiser.cjs --ignore-known bots fulfillment adapters infra
 * web-widget test` checks the same.
 *
 * Known violations (.dependency-cruiser-known-violations.json) are reported but do not fail: they
 * are imports another change is removing. Delete an entry once its import is gone.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cruise, type ICruiseResult, type IViolation } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';

export const ROOT = join(import.meta.dirname, '..', '..');
export const CONFIG_FILE = join(ROOT, '.dependency-cruiser.cjs');
export const KNOWN_VIOLATIONS_FILE = join(ROOT, '.dependency-cruiser-known-violations.json');
/** The rooms: every folder whose imports the rules speak about. */
export const ROOMS = ['bots', 'fulfillment', 'adapters', 'infra', 'web-widget', 'test'];

export interface DoorViolation {
  rule: string;
  from: string;
  to: string;
  /** Listed in the known-violations file: reported, not failed on. */
  known: boolean;
}

export interface DoorsReport {
  modules: number;
  violations: DoorViolation[];
}

export interface DoorsOptions {
  /** The tree to check; the repository by default. Paths in the rules are relative to it. */
  baseDir?: string;
  /** Folders under baseDir to cruise; every room by default (the ones that exist). */
  paths?: string[];
  /** A tsconfig for resolving imports; the repository's by default, none for a fixture without one. */
  tsConfig?: string | null;
  /** Known violations to tolerate; the repository's file by default. */
  knownViolations?: IViolation[];
}

export function readKnownViolations(file = KNOWN_VIOLATIONS_FILE): IViolation[] {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as IViolation[]) : [];
}

export async function checkDoors(options: DoorsOptions = {}): Promise<DoorsReport> {
  const baseDir = options.baseDir ?? ROOT;
  const paths = (options.paths ?? ROOMS).filter((path) => existsSync(join(baseDir, path)));
  const tsConfig = options.tsConfig === undefined ? join(ROOT, 'tsconfig.json') : options.tsConfig;
  const cruiseOptions = await extractDepcruiseOptions(CONFIG_FILE);
  cruiseOptions.baseDir = baseDir;
  cruiseOptions.knownViolations = options.knownViolations ?? readKnownViolations();
  // A known violation is softened to severity "ignore": still listed, apart from the rest.
  cruiseOptions.ignoreKnown = true;
  if (tsConfig) cruiseOptions.tsConfig = { fileName: tsConfig };
  else delete cruiseOptions.tsConfig;
  const result = await cruise(
    paths,
    cruiseOptions,
    undefined,
    tsConfig ? { tsConfig: extractTSConfig(tsConfig) } : undefined,
  );
  const output = result.output as ICruiseResult;
  return {
    modules: output.summary.totalCruised,
    violations: output.summary.violations.map((violation) => ({
      rule: violation.rule.name,
      from: violation.from,
      to: violation.to,
      known: violation.rule.severity !== 'error',
    })),
  };
}

async function main(): Promise<void> {
  const { modules, violations } = await checkDoors();
  const known = violations.filter((v) => v.known);
  const wrong = violations.filter((v) => !v.known);
  for (const v of wrong) console.error(`✖ ${v.rule}: ${v.from} → ${v.to}`);
  for (const v of known) console.log(`  known ${v.rule}: ${v.from} → ${v.to}`);
  const found = new Set(known.map((v) => `${v.rule} ${v.from} ${v.to}`));
  for (const entry of readKnownViolations()) {
    if (!found.has(`${entry.rule.name} ${entry.from} ${entry.to}`)) {
      console.log(
        `  gone ${entry.rule.name}: ${entry.from} → ${entry.to} (delete it from the known-violations file)`,
      );
    }
  }
  const summary = `doors: ${modules} modules, ${wrong.length} wrong-way imports, ${known.length} known`;
  if (wrong.length > 0) {
    console.error(`${summary} (rules and reasons: .dependency-cruiser.cjs)`);
    process.exitCode = 1;
  } else {
    console.log(summary);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
