/**
 * The stock report as staff see it, in Chromium: the staff page signs in through the local Cognito
 * and shows the chart and the table, and the report's SVG chart renders at a readable size. Leaves
 * test-results/staff-page.png and test-results/stock-report.png for people to look at.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { STAFF_PAGE_PATH } from '../../adapters/documents/local.js';
import type { EmbeddedApp } from '../../adapters/local/app.js';
import { postJson } from '../support/channels.js';
import { DEMO_PASSWORD, useBrowserApp } from './support/app.js';
import type { Browser } from './support/browser.js';

let app: EmbeddedApp;
let browser: Browser;
let chartUrl: string;

useBrowserApp((a, b) => {
  app = a;
  browser = b;
});

beforeAll(async () => {
  // The first report of the day, made on demand as a staff member would from the API.
  const login = await postJson(`${app.url}/api/dev/login`, {
    username: 'staff@example.org',
    password: DEMO_PASSWORD,
  });
  const headers = { authorization: `Bearer ${login.body.idToken as string}` };
  const made = await fetch(`${app.url}/api/reports/stock`, { method: 'POST', headers });
  if (made.status !== 201) throw new Error(`POST /api/reports/stock answered ${made.status}`);
  const latest = await fetch(`${app.url}/api/reports/stock/latest`, { headers });
  chartUrl = ((await latest.json()) as { chartUrl: string }).chartUrl;
  mkdirSync('test-results', { recursive: true });
});

describe('stock report in the browser', () => {
  it('the staff page shows a signed-in staff member the chart and the table', async () => {
    // Prepare
    const page = await browser.freshPage(`${app.url}${STAFF_PAGE_PATH}`, { width: 1280, height: 1000 });

    // Act
    await page.fill('#username', 'staff@example.org');
    await page.fill('#password', DEMO_PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForSelector('#report:not([hidden])');
    await page.waitForFunction(() => (document.getElementById('chart') as HTMLImageElement).naturalWidth > 0);
    await page.screenshot({ path: 'test-results/staff-page.png', fullPage: true });

    // Assess
    expect(await page.textContent('#summary')).toMatch(/^Stock report for /);
    expect(await page.locator('#rows tr').count()).toBe(41);
    expect(await page.isVisible('#signin')).toBe(false);
    await page.close();
  });

  it('the chart renders as a wide image (a PNG screenshot of the SVG)', async () => {
    // Prepare
    const svg = await (await fetch(chartUrl)).text();
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });

    // Act
    await page.setContent(`<body style="margin:0">${svg}</body>`);
    const box = await page.locator('svg').first().boundingBox();
    await page.screenshot({ path: 'test-results/stock-report.png', clip: box ?? undefined });

    // Assess
    expect(box?.width).toBeGreaterThan(600);
    expect(existsSync('test-results/stock-report.png')).toBe(true);
    await page.close();
  });
});
