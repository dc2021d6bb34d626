/**
 * Figure 4: the chat widget's bundle, minified and gzipped, file by file and in total. The widget is
 * built by its own scripts (`npm run build:widget` → dist/widget/); this bench builds it when that
 * script exists and measures what landed there, so the figure is always of the current source.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { type BenchMode, emit, type Figure, progress } from './stats.js';

const ROOT = join(import.meta.dirname, '..', '..');
const DIST = join(ROOT, 'dist', 'widget');
const AIM_GZIP_BYTES = 100 * 1024;

function scripts(): Record<string, string> {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    scripts?: Record<string, string>;
  };
  return pkg.scripts ?? {};
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

function npm(script: string): string {
  const run = spawnSync('npm', ['run', '--silent', script], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 180_000,
  });
  if (run.status !== 0)
    throw new Error(`npm run ${script} failed (${run.status}): ${(run.stderr ?? '').slice(-600)}`);
  return run.stdout ?? '';
}

export async function benchWidget(_mode: BenchMode, figures: Figure[]): Promise<void> {
  const available = scripts();
  if (available['build:widget']) {
    progress('widget: npm run build:widget');
    npm('build:widget');
  }
  if (!existsSync(DIST)) {
    emit(figures, {
      figure: 'widget_bundle',
      status: 'not built yet',
      note: 'no dist/widget/ (npm run build:widget)',
    });
    return;
  }
  // What a page downloads: scripts and styles, not source maps or the build's own reports.
  const shipped = files(DIST).filter((f) => /\.(m?js|css)$/.test(f));
  let minified = 0;
  let gzipped = 0;
  for (const file of shipped) {
    const bytes = readFileSync(file);
    const gz = gzipSync(bytes, { level: 9 }).length;
    minified += bytes.length;
    gzipped += gz;
    emit(figures, {
      figure: 'widget_file',
      file: relative(ROOT, file),
      minified_bytes: bytes.length,
      gzip_bytes: gz,
    });
  }
  // The widget engineer's own size report, kept beside ours when it prints JSON.
  let reported: unknown = null;
  if (available['size:widget']) {
    const lines = npm('size:widget')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l.startsWith('{'));
    reported = lines.flatMap((l) => {
      try {
        return [JSON.parse(l) as unknown];
      } catch {
        return [];
      }
    });
  }
  emit(figures, {
    figure: 'widget_bundle',
    status: 'built',
    files: shipped.length,
    minified_bytes: minified,
    gzip_bytes: gzipped,
    baseline: { name: 'aim', gzip_bytes: AIM_GZIP_BYTES },
    under_aim: gzipped < AIM_GZIP_BYTES,
    size_widget: reported,
  });
}
