/**
 * The panel's skeleton and its keyboard and focus rules: a labelled dialog with a header (who is
 * signed in, sign in/out, new conversation, close), the conversation view (log, composer) and the
 * sign-in view. Escape closes from anywhere inside; focus goes to the composer on open and back to
 * the launcher on close. New bot messages are read out through one polite live region.
 */
import { h } from './dom.js';

export interface PanelParts {
  panel: HTMLElement;
  who: HTMLParagraphElement;
  account: HTMLButtonElement;
  reset: HTMLButtonElement;
  close: HTMLButtonElement;
  chatView: HTMLElement;
  log: HTMLOListElement;
  composer: HTMLFormElement;
  input: HTMLInputElement;
  send: HTMLButtonElement;
  authView: HTMLElement;
  announcer: HTMLElement;
}

export function buildPanel(title: string): PanelParts {
  const titleId = 'bc-title';
  const inputId = 'bc-input';
  const who = h('p', { class: 'who' });
  const account = h('button', { text: 'Sign in', attrs: { type: 'button' } });
  const reset = h('button', { text: 'New conversation', attrs: { type: 'button' } });
  const close = h('button', {
    class: 'close',
    text: '×',
    attrs: { type: 'button', 'aria-label': 'Close chat' },
  });
  // Focusable so keyboard users can scroll a long conversation.
  const log = h('ol', { class: 'log', attrs: { tabindex: '0', 'aria-label': 'Conversation' } });
  const input = h('input', {
    id: inputId,
    attrs: {
      type: 'text',
      name: 'message',
      autocomplete: 'off',
      maxlength: '1000',
      enterkeyhint: 'send',
      placeholder: 'Type your message',
    },
  });
  const send = h('button', { class: 'primary', text: 'Send', attrs: { type: 'submit' } });
  const composer = h(
    'form',
    { class: 'composer', attrs: { 'aria-label': 'Send a message' } },
    h('label', { class: 'sr-only', text: 'Message', attrs: { for: inputId } }),
    input,
    send,
  );
  const chatView = h('div', { class: 'view' }, log, composer);
  const authView = h('div', { class: 'view auth', attrs: { hidden: true } });
  const announcer = h('div', { class: 'sr-only', attrs: { 'aria-live': 'polite' } });
  const panel = h(
    'section',
    {
      class: 'panel',
      attrs: { role: 'dialog', 'aria-labelledby': titleId, 'aria-modal': 'false', hidden: true },
    },
    h(
      'header',
      {},
      h('div', { class: 'title-row' }, h('h2', { id: titleId, text: title }), close),
      who,
      h('div', { class: 'tools' }, account, reset),
    ),
    chatView,
    authView,
    announcer,
  );
  return { panel, who, account, reset, close, chatView, log, composer, input, send, authView, announcer };
}

export class PanelState {
  private opened = false;

  constructor(
    private readonly parts: PanelParts,
    private readonly launcher: HTMLButtonElement,
    private readonly onToggle: (open: boolean) => void,
    private readonly storage: { set(open: boolean): void },
  ) {
    parts.panel.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        this.close();
      }
    });
    parts.close.addEventListener('click', () => this.close());
  }

  get isOpen(): boolean {
    return this.opened;
  }

  open(focus: boolean): void {
    if (!this.opened) {
      this.parts.panel.hidden = false;
      this.opened = true;
      this.onToggle(true);
      this.storage.set(true);
    }
    if (focus) this.focusCurrentView();
    this.scrollToEnd();
  }

  close(): void {
    if (!this.opened) return;
    this.parts.panel.hidden = true;
    this.opened = false;
    this.onToggle(false);
    this.storage.set(false);
    this.launcher.focus();
  }

  /** Shows the conversation or the sign-in screens. */
  show(view: 'chat' | 'auth'): void {
    this.parts.chatView.hidden = view !== 'chat';
    this.parts.authView.hidden = view !== 'auth';
    // The header's sign-in and new-conversation buttons make no sense on the sign-in screens.
    this.parts.panel.toggleAttribute('data-auth', view === 'auth');
    if (view === 'chat') this.focusCurrentView();
  }

  focusCurrentView(): void {
    if (!this.parts.chatView.hidden) this.parts.input.focus();
    else this.parts.authView.querySelector<HTMLElement>('input, h3')?.focus();
  }

  scrollToEnd(): void {
    const log = this.parts.log;
    log.scrollTop = log.scrollHeight;
  }

  /** Reads text out once; clearing first makes a repeated identical message heard again. */
  announce(text: string): void {
    const region = this.parts.announcer;
    region.textContent = '';
    setTimeout(() => {
      region.textContent = text;
    }, 50);
  }
}
