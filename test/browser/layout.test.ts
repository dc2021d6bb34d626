/**
 * The widget on screens from a 320 px phone to a desktop, in Chromium: full-screen panel on phones
 * with nothing overflowing, a corner panel on desktops, text contrast of at least 4.5:1, motion only
 * when the visitor has not asked for less, and the demo page's CSP holding with no violations.
 * Saves test-results/widget-375.png, the phone view, for people to look at.
 */
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { EmbeddedApp } from '../../adapters/local/app.js';
import { DEMO_PASSWORD, useBrowserApp } from './support/app.js';
import type { Browser } from './support/browser.js';
import { widget } from './support/widget.js';

let app: EmbeddedApp;
let browser: Browser;

useBrowserApp((a, b) => {
  app = a;
  browser = b;
});

function pageAt(width: number, height: number): Promise<Page> {
  return browser.freshPage(app.url, { width, height });
}

/** Overflow in the page and in the panel, in px (0 = nothing sticks out sideways). */
function overflow(page: Page) {
  return page.evaluate(() => {
    const panel = document.querySelector('blood-chat')!.shadowRoot!.querySelector('.panel')!;
    const log = panel.querySelector('.log')!;
    return {
      page: document.documentElement.scrollWidth - window.innerWidth,
      panel: panel.scrollWidth - panel.clientWidth,
      log: log.scrollWidth - log.clientWidth,
    };
  });
}

/** The lowest text contrast in the widget: each text's colour against the first opaque background. */
function lowestContrast(page: Page) {
  return page.evaluate(() => {
    const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number);
    const lum = ([r, g, b]: number[]) => {
      const f = (v: number) => (v / 255 <= 0.03928 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4);
      return 0.2126 * f(r!) + 0.7152 * f(g!) + 0.0722 * f(b!);
    };
    const background = (el: Element | null): number[] => {
      for (let e = el; e; e = e.parentElement ?? (e.getRootNode() as ShadowRoot).host ?? null) {
        const c = rgb(getComputedStyle(e).backgroundColor);
        if (c.length === 3 || c[3] === 1) return c.slice(0, 3);
      }
      return [255, 255, 255];
    };
    const root = document.querySelector('blood-chat')!.shadowRoot!;
    let lowest = { ratio: 21, text: '' };
    for (const el of Array.from(root.querySelectorAll('*'))) {
      const own = Array.from(el.childNodes).some(
        (n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim(),
      );
      const box = el.getBoundingClientRect();
      if (!own || box.width <= 1 || box.height <= 1) continue;
      const [a, b] = [lum(rgb(getComputedStyle(el).color)), lum(background(el))];
      const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
      if (ratio < lowest.ratio) lowest = { ratio, text: el.textContent!.trim().slice(0, 40) };
    }
    return lowest;
  });
}

describe('the widget on every screen', () => {
  it('fills a 375 px phone, overflows nothing, and looks right (test-results/widget-375.png)', async () => {
    // Prepare
    const page = await pageAt(375, 812);
    const w = widget(page);
    await w.open();
    await w.signIn('donor@example.org', DEMO_PASSWORD);
    await w.botSaid(/I can book or cancel your donation/).waitFor();
    await w.choices().filter({ hasText: 'When can I donate?' }).click();
    await w.botSaid(/donate whole blood/).waitFor();

    // Act
    mkdirSync('test-results', { recursive: true });
    await page.screenshot({ path: 'test-results/widget-375.png' });

    // Assess: the panel is the screen; the launcher steps aside; nothing sticks out
    await expect(w.panel.boundingBox()).resolves.toEqual({ x: 0, y: 0, width: 375, height: 812 });
    await expect(w.launcher.isHidden()).resolves.toBe(true);
    await expect(overflow(page)).resolves.toEqual({ page: 0, panel: 0, log: 0 });
    await page.close();
  });

  it('still fits a 320 px phone, with touch-sized buttons', async () => {
    // Prepare
    const page = await pageAt(320, 568);
    const w = widget(page);

    // Act
    await w.open();
    await w.botSaid(/I am the blood service assistant/).waitFor();

    // Assess
    await expect(overflow(page)).resolves.toEqual({ page: 0, panel: 0, log: 0 });
    for (const box of await w
      .choices()
      .evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON()))) {
      expect(box.height).toBeGreaterThanOrEqual(44);
      expect(box.right).toBeLessThanOrEqual(320);
    }
    await page.close();
  });

  it('sits in the corner of a desktop screen next to the launcher', async () => {
    // Prepare
    const page = await pageAt(1280, 800);
    const w = widget(page);

    // Act
    await w.open();

    // Assess
    const box = (await w.panel.boundingBox())!;
    expect(box.width).toBe(380);
    expect(box.x + box.width).toBe(1280 - 16);
    await expect(w.launcher.isVisible()).resolves.toBe(true);
    await page.close();
  });

  it('keeps every text at a contrast of at least 4.5:1', async () => {
    // Prepare: a conversation with bubbles, cards, answered cards and a note
    const page = await pageAt(1280, 800);
    const w = widget(page);
    await w.open();
    await w.choices().filter({ hasText: 'Can I give blood?' }).click();
    await w.botSaid(/In general you can donate/).waitFor();

    // Act
    const lowest = await lowestContrast(page);

    // Assess
    expect(lowest.ratio, `lowest contrast: "${lowest.text}"`).toBeGreaterThanOrEqual(4.5);
    await page.close();
  });

  it('animates only for visitors who have not asked for reduced motion', async () => {
    // Prepare
    const page = await pageAt(1280, 800);
    const w = widget(page);
    const animation = () => w.panel.evaluate((el) => getComputedStyle(el).animationName);

    // Act + Assess: reduced motion (the browser default in these tests)
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await w.open();
    await expect(animation()).resolves.toBe('none');

    // Act + Assess: no preference
    await page.emulateMedia({ reducedMotion: 'no-preference' });
    await expect(animation()).resolves.toBe('rise');
    await page.close();
  });

  it('serves the demo page with a strict CSP that the widget never trips', async () => {
    // Prepare
    const page = await pageAt(1280, 800);
    const violations: string[] = [];
    await page.exposeFunction('reportViolation', (v: string) => violations.push(v));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) =>
        (window as unknown as { reportViolation: (v: string) => void }).reportViolation(
          `${e.violatedDirective} ${e.blockedURI}`,
        ),
      );
    });

    // Act
    const response = await page.goto(app.url);
    const w = widget(page);
    await w.open();
    await w.signIn('staff@example.org', DEMO_PASSWORD);
    await w.botSaid(/request units/).waitFor();

    // Assess
    const csp = response!.headers()['content-security-policy'] ?? '';
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).toMatch(/style-src 'self'(;|$)/);
    expect(csp).not.toMatch(/unsafe-(inline|eval)/);
    expect(violations).toEqual([]);
    await page.close();
  });
});
