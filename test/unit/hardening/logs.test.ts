/**
 * Logs keep every field (issue 12, finding 9): Powertools Logger drops an extra key that collides
 * with one of its own (`message`, `level`, …) and only warns, so the `sms duplicate` line lost its
 * field. This reads every logger call in the code base and refuses a reserved top-level key.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Logger } from '@aws-lambda-powertools/logger';
import { describe, expect, it } from 'vitest';

/** Powertools Logger's ReservedKeys (lib/esm/constants.js), not exported by the package. */
const RESERVED = ['level', 'message', 'sampling_rate', 'service', 'timestamp'];
const ROOTS = ['adapters', 'fulfillment', 'bots', 'web-widget', 'infra'];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sources(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Top-level keys of the object literal that starts at `open` (a `{`). */
function topLevelKeys(text: string, open: number): string[] {
  const keys: string[] = [];
  let depth = 0;
  let expectKey = true;
  for (let i = open; i < text.length; i++) {
    const c = text[i]!;
    if (c === "'" || c === '"' || c === '`') {
      const end = text.indexOf(c, i + 1);
      i = end < 0 ? text.length : end;
      continue;
    }
    if ('{[('.includes(c)) depth++;
    else if ('}])'.includes(c)) {
      depth--;
      if (depth === 0) break;
    } else if (depth === 1 && c === ',') expectKey = true;
    else if (depth === 1 && expectKey && /[A-Za-z_$]/.test(c)) {
      const key = /^[A-Za-z_$][\w$]*/.exec(text.slice(i))![0];
      keys.push(key);
      expectKey = false;
      i += key.length - 1;
    } else if (depth === 1 && c === '.') expectKey = false; // a spread
  }
  return keys;
}

function reservedUses(): string[] {
  const found: string[] = [];
  const call = /\b(?:logger|log)\.(?:debug|info|warn|error|critical)\(\s*(['"`])[^'"`]*\1\s*,\s*\{/g;
  for (const file of ROOTS.flatMap(sources)) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(call)) {
      const open = match.index + match[0].length - 1;
      for (const key of topLevelKeys(text, open)) {
        if (RESERVED.includes(key)) found.push(`${file}: ${key}`);
      }
    }
  }
  return found;
}

describe('log fields', () => {
  it('no logger call uses a key Powertools reserves', () => {
    expect(reservedUses()).toEqual([]);
  });

  it('the scan sees a reserved key when there is one (Powertools really drops it)', () => {
    // Prepare
    const lines: string[] = [];
    const logger = new Logger({ serviceName: 'probe', logLevel: 'INFO' });
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string) => {
      lines.push(String(chunk));
      return true;
    }) as typeof process.stdout.write;
    // Act
    try {
      logger.info('probe', { message: 'lost', inboundMessage: 'kept' });
    } finally {
      process.stdout.write = write;
    }
    // Assess
    expect(topLevelKeys("{ message: 'x', nested: { level: 1 }, ...rest, kept }", 0)).toEqual([
      'message',
      'nested',
      'kept',
    ]);
    const entry = lines
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((l) => l.message === 'probe');
    expect(entry?.inboundMessage).toBe('kept');
  });
});
