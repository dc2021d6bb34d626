/**
 * The widget as a person sees it, for the browser tests: everything is found by role and accessible
 * name (Playwright's locators reach into the open shadow root), so the tests also check that the
 * controls are labelled.
 */
import type { Locator, Page } from 'playwright-core';

export function widget(page: Page) {
  const panel = page.getByRole('dialog', { name: 'Blood donation chat' });
  const log = page.getByRole('list', { name: 'Conversation' });
  const input = page.getByRole('textbox', { name: 'Message' });
  const launcher = page.getByRole('button', { name: 'Chat with us' });

  return {
    panel,
    log,
    input,
    launcher,
    button: (name: string | RegExp) => panel.getByRole('button', { name, exact: typeof name === 'string' }),
    /** Active choice buttons (answered cards are disabled). */
    choices: () => log.locator('button.choice:not([disabled])'),
    botSaid: (text: string | RegExp): Locator => log.locator('.msg.bot .bubble').filter({ hasText: text }),

    async open(): Promise<void> {
      await launcher.click();
      await input.waitFor();
    },

    async say(text: string): Promise<void> {
      await input.fill(text);
      await input.press('Enter');
    },

    async signIn(email: string, password: string): Promise<void> {
      await panel.getByRole('button', { name: 'Sign in', exact: true }).click();
      const form = panel.getByRole('form', { name: 'Sign in' });
      await form.getByLabel('Email').fill(email);
      await form.getByLabel('Password').fill(password);
      await form.getByRole('button', { name: 'Sign in' }).click();
      await panel.getByText(`Signed in as ${email}`, { exact: true }).waitFor();
    },
  };
}

/** The focused element, looking through shadow roots, described by role-ish tag and name. */
export async function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    if (!el) return '';
    const name =
      el.getAttribute('aria-label') ?? (el as HTMLInputElement).labels?.[0]?.textContent ?? el.textContent;
    return `${el.tagName.toLowerCase()}:${(name ?? '').trim()}`;
  });
}

/** Presses Tab (or Shift+Tab) until the focused element matches, as a keyboard user would. */
export async function tabTo(
  page: Page,
  target: RegExp,
  options: { back?: boolean; max?: number } = {},
): Promise<void> {
  const key = options.back ? 'Shift+Tab' : 'Tab';
  const seen: string[] = [];
  for (let i = 0; i < (options.max ?? 40); i += 1) {
    const now = await focused(page);
    if (target.test(now)) return;
    seen.push(now);
    await page.keyboard.press(key);
  }
  throw new Error(`Never reached ${target} by ${key}; focus went through: ${seen.join(' → ')}`);
}
