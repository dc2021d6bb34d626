/**
 * A donor on the blood service's site, in Chromium: signs in through the widget (Amplify against the
 * local Cognito), books a donation with the bot's buttons, reloads and finds the conversation, keeps
 * it through an ID token refresh, and signs out leaving nothing behind.
 */
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

describe('a donor in the widget', () => {
  it('signs in, books a donation through buttons, and finds the conversation after a reload', async () => {
    // Prepare
    const { page } = browser;
    const w = widget(page);
    await page.goto(app.url);
    await w.open();
    await w.botSaid(/I am the blood service assistant/).waitFor();

    // Act: sign in, then book with the bot's buttons (the day is typed: the bot offers no day buttons)
    await w.signIn('donor@example.org', DEMO_PASSWORD);
    await w.botSaid(/I can book or cancel your donation/).waitFor();
    await w.button('Book a donation').click();
    await w.botSaid('Which day would you like to come in?').waitFor();
    await w.say('tomorrow');
    await w.botSaid(/Free times on Wednesday 25 November/).waitFor();
    await w.choices().filter({ hasText: '10:00' }).click();
    await w.botSaid('Book a donation on 2026-11-25 at 10:00?').waitFor();
    await w.button('Yes').click();

    // Assess
    await w.botSaid(/Booked: whole blood at Central Donor Centre, Wednesday 25 November at 10:00/).waitFor();
    expect((await app.store.slotBookings('central', '2026-11-25'))['10:00']).toBe(1);
    // The chosen buttons' labels show as what the donor said.
    await expect(w.log.locator('.msg.user .bubble').allTextContents()).resolves.toEqual([
      'Book a donation',
      'tomorrow',
      '10:00',
      'Yes',
    ]);

    // Act: reload
    await page.reload();

    // Assess: the panel reopens (without taking focus) with the whole conversation, still signed in
    await w.botSaid(/Booked: whole blood/).waitFor();
    await expect(w.log.locator('.msg.user .bubble').count()).resolves.toBe(4);
    await expect(
      w.panel.getByText('Signed in as donor@example.org', { exact: true }).isVisible(),
    ).resolves.toBe(true);
    await expect(w.choices().count()).resolves.toBe(0);
    expect(browser.problems).toEqual([]);
  });

  it('keeps the conversation and the session through an ID token refresh', async () => {
    // Prepare: the donor from the first test is signed in; watch for Amplify's refresh call
    const { page } = browser;
    const w = widget(page);
    const refreshes: string[] = [];
    page.on('request', (request) => {
      if (request.headers()['x-amz-target']?.endsWith('.GetTokensFromRefreshToken'))
        refreshes.push(request.url());
    });
    await page.clock.install();
    const before = await w.log.locator('li').count();

    // Act: two hours later (ID tokens last one), the donor asks something only a donor can
    await page.clock.fastForward('02:00:00');
    await w.say('when can I donate again');

    // Assess: Amplify refreshed the token, the API accepted it as the same donor, nothing was lost
    await w
      .botSaid(/donate whole blood|You can donate|can't donate/)
      .last()
      .waitFor();
    expect(refreshes.length).toBeGreaterThan(0);
    await expect(w.log.locator('li').count()).resolves.toBeGreaterThan(before);
    await w.botSaid(/Booked: whole blood/).waitFor();
    await expect(
      w.panel.getByText('Signed in as donor@example.org', { exact: true }).isVisible(),
    ).resolves.toBe(true);
  });

  it('starts a new conversation on request, and leaves nothing behind on sign-out', async () => {
    // Prepare
    const { page } = browser;
    const w = widget(page);

    // Act: new conversation
    await w.button('New conversation').click();

    // Assess: a fresh greeting that knows the donor is now booked
    await w.botSaid(/Your next donation is/).waitFor();
    await expect(w.log.getByText(/Booked:/).count()).resolves.toBe(0);

    // Act: sign out, reload
    await w.button('Sign out').click();
    await w.log.getByText('Signed out. This conversation has been cleared.').waitFor();
    await page.reload();
    await w.input.waitFor();

    // Assess: anonymous again, nothing of the donor's conversation kept in the tab
    await expect(w.button('Sign in').isVisible()).resolves.toBe(true);
    const stored = await page.evaluate(() => sessionStorage.getItem('bloodbank-chat:conversation') ?? '');
    expect(stored).not.toMatch(/I can book or cancel|Your next donation|Booked/);
  });
});
