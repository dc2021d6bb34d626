/**
 * How the widget shows what the bot says, in Chromium: markup in a bot message stays inert text,
 * the typing indicator while a turn is on its way, and a failed turn shown as an error with a retry
 * that works. Anonymous visitors chat too.
 *
 * No path through the bot echoes arbitrary user text (names must be letters, and the NLU drops
 * markup from open values), so the markup test passes the real API answer through Playwright's
 * router and adds the hostile message to it: the widget under test is untouched, only its input is.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { EmbeddedApp } from '../../adapters/local/app.js';
import { useBrowserApp } from './support/app.js';
import type { Browser } from './support/browser.js';
import { widget } from './support/widget.js';

const MARKUP = '<img src=x onerror="window.__pwned=1">';

let app: EmbeddedApp;
let browser: Browser;

useBrowserApp((a, b) => {
  app = a;
  browser = b;
});

function freshPage(): Promise<Page> {
  return browser.freshPage(app.url);
}

describe('what the widget shows', () => {
  it('lets anonymous visitors ask, with the bot buttons that apply to them', async () => {
    // Prepare
    const page = await freshPage();
    const w = widget(page);
    await w.open();

    // Act
    await w.choices().filter({ hasText: 'Stock levels' }).click();

    // Assess: levels, not counts
    await w.botSaid(/stock levels: .*O- (ok|low|critical)/i).waitFor();
    await expect(w.log.getByText(/units/).count()).resolves.toBe(0);
    await page.close();
  });

  it('shows a bot message containing <img onerror> as inert text', async () => {
    // Prepare: the real answer, with a hostile message, card title and button added to it
    const page = await freshPage();
    const w = widget(page);
    await page.route('**/api/chat', async (route) => {
      const response = await route.fetch();
      if (route.request().postDataJSON()?.text === 'hello') return route.fulfill({ response });
      const body = (await response.json()) as { messages: unknown[] };
      body.messages = [
        { contentType: 'PlainText', content: `Thanks, ${MARKUP}! You're registered.` },
        {
          contentType: 'ImageResponseCard',
          imageResponseCard: { title: MARKUP, buttons: [{ text: MARKUP, value: 'how is blood stock' }] },
        },
        ...body.messages,
      ];
      await route.fulfill({ response, json: body });
    });

    // Act: the visitor types markup too
    await w.open();
    await w.botSaid(/I am the blood service assistant/).waitFor();
    await w.say(MARKUP);

    // Assess: the characters are on screen, no element was made from them, nothing ran
    await w.botSaid(`Thanks, ${MARKUP}! You're registered.`).waitFor();
    await expect(w.log.locator('.msg.user .bubble').last().textContent()).resolves.toBe(MARKUP);
    await expect(w.log.getByRole('button', { name: MARKUP }).first().isVisible()).resolves.toBe(true);
    await expect(page.locator('blood-chat img').count()).resolves.toBe(0);
    await expect(page.locator('img').count()).resolves.toBe(0);
    await expect(page.evaluate(() => (window as { __pwned?: number }).__pwned)).resolves.toBeUndefined();
    const live = w.panel.locator('[aria-live="polite"]');
    await expect.poll(() => live.textContent()).toContain(`Thanks, ${MARKUP}!`);
    await page.close();
  });

  it('shows a typing indicator while the answer is on its way', async () => {
    // Prepare: hold each turn for a moment
    const page = await freshPage();
    const w = widget(page);
    await page.route('**/api/chat', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1200));
      await route.continue();
    });
    await w.open();
    await w.botSaid(/I am the blood service assistant/).waitFor();

    // Act
    await w.say('can I give blood');

    // Assess: the indicator (announced as a status), then the answer replaces it
    const typing = w.log.getByRole('status');
    await typing.waitFor();
    await expect(typing.textContent()).resolves.toBe('The assistant is typing');
    await expect(w.log.getAttribute('aria-busy')).resolves.toBe('true');
    await w.botSaid(/In general you can donate/).waitFor();
    await expect(typing.count()).resolves.toBe(0);
    await page.close();
  });

  it('shows a failed turn as an error with a retry that sends it again', async () => {
    // Prepare: the greeting goes through, then the network fails once
    const page = await freshPage();
    const w = widget(page);
    await w.open();
    await w.botSaid(/I am the blood service assistant/).waitFor();
    await page.route('**/api/chat', (route) => route.abort('internetdisconnected'), { times: 1 });

    // Act
    await w.say('how is blood stock');

    // Assess: an alert with a retry control
    const alert = w.log.getByRole('alert');
    await alert.getByText(/couldn't reach the blood service/).waitFor();
    const retry = alert.getByRole('button', { name: 'Try again' });

    // Act: retry
    await retry.click();

    // Assess: answered, error gone, the message was not shown twice
    await w.botSaid(/Red cells stock levels/).waitFor();
    await expect(alert.count()).resolves.toBe(0);
    await expect(w.log.locator('.msg.user .bubble').allTextContents()).resolves.toEqual([
      'how is blood stock',
    ]);
    await page.close();
  });

  it('shows the API’s own message for a refused turn (rate limit) and offers a retry', async () => {
    // Prepare
    const page = await freshPage();
    const w = widget(page);
    await w.open();
    await w.botSaid(/I am the blood service assistant/).waitFor();
    await page.route(
      '**/api/chat',
      (route) =>
        route.fulfill({
          status: 429,
          json: { error: 'rate_limited', message: 'Too many messages. Please wait a moment and try again.' },
        }),
      { times: 1 },
    );

    // Act
    await w.say('how is blood stock');

    // Assess
    const alert = w.log.getByRole('alert');
    await alert.getByText('Too many messages. Please wait a moment and try again.').waitFor();
    await expect(alert.getByRole('button', { name: 'Try again' }).isVisible()).resolves.toBe(true);
    await page.close();
  });
});
