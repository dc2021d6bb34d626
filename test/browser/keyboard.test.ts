/**
 * The whole donor journey by keyboard alone, in Chromium: reach the launcher with Tab, open with
 * Enter, sign in, book with the bot's buttons (Enter and Space), hear the answer through the live
 * region, close with Escape and land back on the launcher. No clicks, no fills: keys only.
 */
import { describe, expect, it } from 'vitest';
import type { EmbeddedApp } from '../../adapters/local/app.js';
import { DEMO_PASSWORD, useBrowserApp } from './support/app.js';
import type { Browser } from './support/browser.js';
import { focused, tabTo, widget } from './support/widget.js';

let app: EmbeddedApp;
let browser: Browser;

useBrowserApp((a, b) => {
  app = a;
  browser = b;
});

describe('the widget by keyboard alone', () => {
  it('signs in, books a donation, and closes with Escape back to the launcher', async () => {
    // Prepare
    const { page } = browser;
    const w = widget(page);
    const { keyboard } = page;
    await page.goto(app.url);

    // Act: Tab to the launcher and open it
    await tabTo(page, /^button:Chat with us$/);
    await keyboard.press('Enter');

    // Assess: focus is in the message box, the bot greets
    await w.botSaid(/I am the blood service assistant/).waitFor();
    await expect(focused(page)).resolves.toBe('input:Message');

    // Act: back to "Sign in", fill the form with keys, submit with Enter
    await tabTo(page, /^button:Sign in$/, { back: true });
    await keyboard.press('Enter');
    await expect(focused(page)).resolves.toBe('input:Email');
    await keyboard.type('donor@example.org');
    await keyboard.press('Tab');
    await expect(focused(page)).resolves.toBe('input:Password');
    await keyboard.type(DEMO_PASSWORD);
    await keyboard.press('Enter');

    // Assess: back in the conversation, focus in the message box
    await w.botSaid(/I can book or cancel your donation/).waitFor();
    await expect(focused(page)).resolves.toBe('input:Message');

    // Act: the bot's "Book a donation" button, reached backwards from the message box
    await tabTo(page, /^button:Book a donation$/, { back: true });
    await keyboard.press('Enter');
    await w.botSaid('Which day would you like to come in?').waitFor();
    // The pressed button went inactive; focus was put back in the message box, not lost.
    await expect(focused(page)).resolves.toBe('input:Message');
    await keyboard.type('tomorrow');
    await keyboard.press('Enter');
    await w.botSaid(/Free times on Wednesday 25 November/).waitFor();
    await tabTo(page, /^button:11:00$/, { back: true });
    await keyboard.press('Space');
    await w.botSaid('Book a donation on 2026-11-25 at 11:00?').waitFor();
    await tabTo(page, /^button:Yes$/, { back: true });
    await keyboard.press('Enter');

    // Assess: booked, and a screen reader hears it (polite live region)
    await w.botSaid(/Booked: whole blood at Central Donor Centre, Wednesday 25 November at 11:00/).waitFor();
    expect((await app.store.slotBookings('central', '2026-11-25'))['11:00']).toBe(1);
    const live = w.panel.locator('[aria-live="polite"]');
    // The widget clears the region and fills it 50 ms later (so a repeated message is heard again).
    await expect.poll(() => live.textContent()).toMatch(/^Booked: whole blood/);

    // Act: Escape closes
    await keyboard.press('Escape');

    // Assess: panel gone, focus back on the launcher, which says the panel is closed
    await expect(w.panel.isHidden()).resolves.toBe(true);
    await expect(focused(page)).resolves.toBe('button:Chat with us');
    await expect(w.launcher.getAttribute('aria-expanded')).resolves.toBe('false');

    // Act: Enter opens it again
    await keyboard.press('Enter');

    // Assess: same conversation, focus in the message box
    await expect(focused(page)).resolves.toBe('input:Message');
    await expect(w.launcher.getAttribute('aria-expanded')).resolves.toBe('true');
    await w.botSaid(/Booked: whole blood/).waitFor();
    expect(browser.problems).toEqual([]);
  });

  it('shows where focus is: a visible focus ring on every control reached by Tab', async () => {
    // Prepare: the panel is open from the previous test
    const { page } = browser;
    const rings: string[] = [];

    // Act: walk the panel's controls forwards
    for (let i = 0; i < 8; i += 1) {
      await page.keyboard.press('Tab');
      rings.push(
        await page.evaluate(() => {
          let el: Element | null = document.activeElement;
          while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
          const style = el ? getComputedStyle(el) : null;
          return style
            ? `${el!.tagName}:${style.outlineStyle}:${Number.parseFloat(style.outlineWidth) >= 2}`
            : '';
        }),
      );
    }

    // Assess: every focused control (in the widget or the page) draws a solid outline of 2 px or more
    // (BODY is focus leaving the document for the browser's own UI after the last control).
    const controls = rings.filter((r) => !r.startsWith('BODY'));
    expect(controls.length).toBeGreaterThan(4);
    for (const ring of controls) expect(ring).toMatch(/:solid:true$/);
  });
});
