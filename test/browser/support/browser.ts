/**
 * Debian's Chromium driven by playwright-core (no browser download): headless, no sandbox (CI runs
 * as root in a container), nothing phoning home, and a fresh profile per launch so no state leaks
 * between tests.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface Browser {
  context: BrowserContext;
  page: Page;
  /** A new tab on `url` with no one signed in (Amplify keeps tokens in localStorage, shared by tabs). */
  freshPage(url: string, size?: { width: number; height: number }): Promise<Page>;
  /** Console errors and CSP violations the page reported: a test can assert there were none. */
  problems: string[];
  close(): Promise<void>;
}

export async function launch(
  options: { width?: number; height?: number; reducedMotion?: boolean } = {},
): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'bloodbank-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    headless: true,
    viewport: { width: options.width ?? 1280, height: options.height ?? 800 },
    reducedMotion: options.reducedMotion === false ? 'no-preference' : 'reduce',
  });
  const problems: string[] = [];
  const watch = (page: Page) => {
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(String(error)));
  };
  context.on('page', watch);
  const page = context.pages()[0] ?? (await context.newPage());
  if (context.pages().length === 1) watch(page);
  return {
    context,
    page,
    problems,
    async freshPage(url, size) {
      const tab = await context.newPage();
      if (size) await tab.setViewportSize(size);
      await tab.goto(url);
      await tab.evaluate(() => {
        localStorage.clear();
        sessionStorage.clear();
      });
      await tab.reload();
      return tab;
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
