/**
 * widget.js: the loader a blood service's page includes with one script tag. It stays tiny: it
 * defines <blood-chat>, draws the launcher button in a shadow root (so the page's CSS and ours never
 * mix) and loads the full chat (widget-chat.js, with Amplify Auth) only when someone opens it, or
 * straight away when a reload should restore an open panel.
 *
 *   <script src="https://chat.example.org/widget/widget.js" data-api="https://api.example.org" defer></script>
 */
import { type ChatController, type Mount, OPEN_KEY } from './contract.js';

const TAG = 'blood-chat';

const CSS = `
:host { all: initial; }
.launcher {
  position: fixed; right: 16px; bottom: 16px; z-index: 2147483000;
  display: inline-flex; align-items: center; gap: 8px; min-height: 48px; padding: 0 20px;
  border: 2px solid #fff; border-radius: 24px; background: #a4001d; color: #fff;
  font: 600 16px/1.2 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  box-shadow: 0 2px 8px rgb(0 0 0 / 35%); cursor: pointer;
}
.launcher:hover { background: #7d0016; }
.launcher:focus-visible { outline: 3px solid #0b57d0; outline-offset: 3px; }
.launcher[aria-busy="true"] { cursor: progress; }
.drop { width: 14px; height: 18px; border-radius: 50% 50% 50% 50% / 60% 60% 40% 40%; background: #fff; }
:host([data-open]) .launcher { display: none; }
@media (min-width: 481px) { :host([data-open]) .launcher { display: inline-flex; } }
`;

function ownScript(): HTMLScriptElement | null {
  const current = document.currentScript;
  if (current instanceof HTMLScriptElement) return current;
  // type="module" or a script injected after load has no currentScript.
  return document.querySelector<HTMLScriptElement>('script[src*="widget.js"]');
}

function applyStyles(root: ShadowRoot, css: string): void {
  if ('adoptedStyleSheets' in root && typeof CSSStyleSheet.prototype.replaceSync === 'function') {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  } else {
    const style = document.createElement('style');
    style.textContent = css;
    root.append(style);
  }
}

const script = ownScript();
const scriptUrl = script?.src ?? new URL('widget.js', document.baseURI).href;
const settings: Record<string, string | undefined> = { ...(script?.dataset ?? {}) };

class BloodChat extends HTMLElement {
  private launcher!: HTMLButtonElement;
  private chat: ChatController | undefined;
  private loading: Promise<ChatController> | undefined;

  connectedCallback(): void {
    if (this.shadowRoot) return;
    const root = this.attachShadow({ mode: 'open' });
    applyStyles(root, CSS);
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'launcher';
    button.setAttribute('aria-haspopup', 'dialog');
    button.setAttribute('aria-expanded', 'false');
    const drop = document.createElement('span');
    drop.className = 'drop';
    drop.setAttribute('aria-hidden', 'true');
    const label = document.createElement('span');
    label.textContent = settings.label ?? 'Chat with us';
    button.append(drop, label);
    button.addEventListener('click', () => this.toggle());
    root.append(button);
    this.launcher = button;
    if (sessionStorage.getItem(OPEN_KEY) === '1') this.load().then((c) => c.open({ focus: false }), noop);
  }

  private toggle(): void {
    if (this.chat?.isOpen) {
      this.chat.close();
      return;
    }
    this.load().then((c) => c.open({ focus: true }), noop);
  }

  private load(): Promise<ChatController> {
    this.loading ??= this.import();
    return this.loading;
  }

  private async import(): Promise<ChatController> {
    this.launcher.setAttribute('aria-busy', 'true');
    try {
      const chatUrl = settings.chatSrc ?? new URL('widget-chat.js', scriptUrl).href;
      const module = (await import(chatUrl)) as { mount: Mount };
      this.chat = module.mount({
        root: this.shadowRoot!,
        launcher: this.launcher,
        api: new URL(settings.api ?? '/', document.baseURI).href.replace(/\/$/, ''),
        scriptUrl,
        settings,
        onToggle: (open) => {
          this.launcher.setAttribute('aria-expanded', String(open));
          this.toggleAttribute('data-open', open);
        },
      });
      return this.chat;
    } catch (error) {
      // Let a later click try again (a flaky network should not break the widget for good).
      this.loading = undefined;
      // Said on the button itself, so sighted and screen reader users both learn it.
      this.launcher.lastElementChild!.textContent = 'Chat unavailable: try again';
      throw error;
    } finally {
      this.launcher.removeAttribute('aria-busy');
    }
  }
}

function noop(): void {}

if (!customElements.get(TAG)) customElements.define(TAG, BloodChat);

function place(): void {
  if (!document.querySelector(TAG)) document.body.append(document.createElement(TAG));
}
if (document.body) place();
else document.addEventListener('DOMContentLoaded', place, { once: true });
