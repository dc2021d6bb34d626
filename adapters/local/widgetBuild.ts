/**
 * Builds the widget with esbuild: widget.js (the loader, a classic script so a plain <script> tag
 * works anywhere) and widget-chat.js (the chat with Amplify Auth, an ES module the loader imports on
 * first open). Minified, for browsers from 2021 on.
 *
 *   npm run build:widget          → dist/widget/, laid out like the hosting bucket's root:
 *                                   widget.js, widget-chat.js (+ maps), and with these set
 *     WIDGET_API_URL              → index.html + demo.css, the demo page pointing at that API
 *     WIDGET_USER_POOL_ID, WIDGET_USER_POOL_CLIENT_ID
 *                                 → widget-config.json (SRP sign-in, /api/chat/anonymous signed out)
 *   buildWidget()                 → the scripts in memory (the embedded default serves these)
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BuildOptions, build } from 'esbuild';

// The widget is browser code in its own package: built from its files by path, never imported.
const ROOT = join(import.meta.dirname, '..', '..');
const SRC = join(ROOT, 'web-widget', 'src');
const DEMO_DIR = join(ROOT, 'web-widget', 'demo');
export const DIST = join(ROOT, 'dist', 'widget');

export interface WidgetFiles {
  /** File name (widget.js, widget-chat.js, and their .map) → contents. */
  files: Map<string, Uint8Array>;
}

const common: BuildOptions = {
  bundle: true,
  minify: true,
  sourcemap: 'linked',
  target: ['chrome100', 'firefox100', 'safari16'],
  legalComments: 'none',
  write: false,
  logLevel: 'silent',
  // Amplify reads process.env.NODE_ENV in a few places; browsers have no `process`.
  define: { 'process.env.NODE_ENV': '"production"' },
};

export async function buildWidget(): Promise<WidgetFiles> {
  const [loader, chat] = await Promise.all([
    build({ ...common, entryPoints: [join(SRC, 'loader.ts')], format: 'iife', outfile: 'widget.js' }),
    build({
      ...common,
      entryPoints: [join(SRC, 'chat', 'index.ts')],
      format: 'esm',
      outfile: 'widget-chat.js',
    }),
  ]);
  const files = new Map<string, Uint8Array>();
  for (const out of [...(loader.outputFiles ?? []), ...(chat.outputFiles ?? [])]) {
    files.set(out.path.split(/[\\/]/).pop()!, out.contents);
  }
  return { files };
}

let cached: Promise<WidgetFiles> | undefined;
/** One build per process: every embedded app started by the tests shares it. */
export function widgetFiles(): Promise<WidgetFiles> {
  cached ??= buildWidget();
  return cached;
}

/** The demo page with its script tag's data-api set; `api` must be a plain http(s) origin or URL. */
export async function demoPage(api: string): Promise<string> {
  if (!/^(https?:\/\/[\w.:[\]-]+[\w./-]*|\/)$/.test(api)) throw new Error(`Not an API URL: ${api}`);
  return (await readFile(join(DEMO_DIR, 'index.html'), 'utf8')).replace('{{API_ORIGIN}}', api);
}

export function demoCss(): Promise<string> {
  return readFile(join(DEMO_DIR, 'demo.css'), 'utf8');
}

async function main(env: NodeJS.ProcessEnv): Promise<void> {
  const { files } = await buildWidget();
  await rm(DIST, { recursive: true, force: true });
  await mkdir(DIST, { recursive: true });
  for (const [name, contents] of files) await writeFile(join(DIST, name), contents);
  if (env.WIDGET_API_URL) {
    await writeFile(join(DIST, 'index.html'), await demoPage(env.WIDGET_API_URL.replace(/\/$/, '')));
    await writeFile(join(DIST, 'demo.css'), await demoCss());
  }
  if (env.WIDGET_USER_POOL_ID && env.WIDGET_USER_POOL_CLIENT_ID) {
    const config = {
      userPoolId: env.WIDGET_USER_POOL_ID,
      userPoolClientId: env.WIDGET_USER_POOL_CLIENT_ID,
      authFlow: 'USER_SRP_AUTH',
      chatPath: '/api/chat',
      // The deployed API's JWT authorizer cannot be optional, so signed-out turns have their own route.
      anonymousChatPath: env.WIDGET_ANONYMOUS_CHAT_PATH ?? '/api/chat/anonymous',
    };
    await writeFile(join(DIST, 'widget-config.json'), `${JSON.stringify(config, null, 2)}\n`);
  }
  console.log(`widget built into ${DIST}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await main(process.env);
}
