/**
 * The real embedded default for browser tests: server, local Lex runtime, fulfillment, DynamoDB Local
 * (the run's engine, a unique table) and the local Cognito with its demo users — no injected
 * identity, so the widget signs in exactly as it does after `npm start`. The clock starts on a fixed
 * Tuesday and then runs, so "tomorrow" is always an open day and rate limits still expire.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, inject } from 'vitest';
import { type EmbeddedApp, startEmbedded } from '../../../adapters/local/app.js';
import { loadLocalConfig } from '../../../adapters/local/config.js';
import { type Browser, launch } from './browser.js';

export const DEMO_PASSWORD = 'Widget-Test-2026!';
export const START = Date.parse('2026-11-24T10:00:00Z');

export async function startBrowserApp(): Promise<EmbeddedApp> {
  const config = loadLocalConfig({
    DATA_DIR: mkdtempSync(join(tmpdir(), 'bloodbank-browser-')),
    PORT: '0',
    TABLE_NAME: `browser-${randomUUID()}`,
    DEMO_PASSWORD,
  });
  const started = Date.now();
  const app = await startEmbedded(config, {
    dynamoEndpoint: inject('dynamoEndpoint'),
    quiet: true,
    now: () => new Date(START + (Date.now() - started)),
  });
  if (!app.cognito) throw new Error('The embedded default started without its local Cognito');
  return app;
}

/**
 * The sign-up code the local Cognito "sent": cognito-local keeps it with the user in its data file
 * (on AWS it arrives by email).
 */
export function signUpCode(app: EmbeddedApp, email: string): string {
  const file = join(app.config.dataDir, 'cognito', '.cognito', 'db', `${app.cognito!.userPoolId}.json`);
  const db = JSON.parse(readFileSync(file, 'utf8')) as {
    Users: Record<string, { Attributes: Array<{ Name: string; Value: string }>; ConfirmationCode?: string }>;
  };
  const user = Object.values(db.Users).find((u) =>
    u.Attributes.some((a) => a.Name === 'email' && a.Value === email),
  );
  if (!user?.ConfirmationCode) throw new Error(`No confirmation code for ${email}`);
  return user.ConfirmationCode;
}

/**
 * The lifecycle every browser test file shares: one embedded app and one Chromium for the file,
 * handed to the file through `use`, both stopped afterwards.
 */
export function useBrowserApp(use: (app: EmbeddedApp, browser: Browser) => void): void {
  let app: EmbeddedApp | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    app = await startBrowserApp();
    browser = await launch();
    use(app, browser);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });
}
