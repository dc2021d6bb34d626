/**
 * widget-chat.js: the full chat, loaded by widget.js on first open. It draws the panel into the
 * element's shadow root, restores the conversation from sessionStorage, signs people in with
 * Amplify Auth when the pool is configured, and talks to the bot through POST {api}/api/chat only.
 */
import { type ChatController, type Mount, OPEN_KEY } from '../contract.js';
import { ChatError, sendTurn, type Turn } from './api.js';
import { Auth, type SignedIn } from './auth.js';
import { showAuth } from './authViews.js';
import { loadSettings, type WidgetSettings } from './config.js';
import { type CardButton, ConversationStore, type Message, type NewMessage } from './conversation.js';
import { h } from './dom.js';
import { errorItem, renderMessage, spoken, typingIndicator } from './messages.js';
import { buildPanel, PanelState } from './panel.js';
import { CHAT_CSS } from './styles.js';

/** Sent, unseen, when a conversation starts, so the bot greets with what this person can do. */
const GREETING = 'hello';

export const mount: Mount = (options): ChatController => {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(CHAT_CSS);
  options.root.adoptedStyleSheets = [...options.root.adoptedStyleSheets, sheet];

  const parts = buildPanel(options.settings.title ?? 'Blood donation chat');
  options.root.append(parts.panel);
  const store = new ConversationStore();
  const panel = new PanelState(parts, options.launcher, options.onToggle, {
    set: (open) => {
      try {
        if (open) sessionStorage.setItem(OPEN_KEY, '1');
        else sessionStorage.removeItem(OPEN_KEY);
      } catch {
        // Storage blocked: the panel just won't reopen itself after a reload.
      }
    },
  });

  let auth: Auth | null = null;
  let paths: Pick<WidgetSettings, 'chatPath' | 'anonymousChatPath'> = {
    chatPath: '/api/chat',
    anonymousChatPath: '/api/chat',
  };
  let user: SignedIn | null = null;
  let busy = false;
  /** Turns run one after another, so each carries the session id the previous one returned. */
  let queue: Promise<void> = Promise.resolve();
  /** Bumped when the conversation is cleared: a reply still on its way then belongs to no one. */
  let generation = 0;
  let typing: HTMLLIElement | null = null;
  let errorEl: HTMLLIElement | null = null;

  // Identity first, then the conversation: a stored conversation of someone else is never drawn.
  const ready = (async () => {
    const settings = await loadSettings(options.settings, options.scriptUrl);
    paths = settings;
    if (settings.auth) {
      auth = new Auth(settings.auth);
      user = await auth.current();
    }
    store.adopt(user?.sub ?? 'anonymous');
    renderAll();
    renderAccount();
  })();

  function renderAll(): void {
    parts.log.replaceChildren(
      ...store.current.messages
        .map((m) => renderMessage(m, choose))
        .filter((li): li is HTMLLIElement => !!li),
    );
    panel.scrollToEnd();
  }

  function append(message: NewMessage): Message {
    const saved = store.add(message);
    const li = renderMessage(saved, choose);
    if (li) parts.log.insertBefore(li, typing ?? errorEl ?? null);
    return saved;
  }

  function renderAccount(): void {
    parts.account.hidden = !auth;
    parts.account.textContent = user ? 'Sign out' : 'Sign in';
    parts.who.textContent = user
      ? `Signed in as ${user.email || 'you'}`
      : auth
        ? 'Not signed in: you can still ask about stock and who can give.'
        : '';
  }

  function setBusy(on: boolean): void {
    busy = on;
    parts.log.setAttribute('aria-busy', String(on));
    typing?.remove();
    typing = on ? typingIndicator() : null;
    if (typing) parts.log.append(typing);
    panel.scrollToEnd();
  }

  function clearError(): void {
    errorEl?.remove();
    errorEl = null;
  }

  function showError(message: string, retry?: () => void, extra?: HTMLButtonElement): void {
    clearError();
    errorEl = errorItem(message, retry, extra);
    parts.log.append(errorEl);
    panel.scrollToEnd();
  }

  function post(text: string, token: string | undefined): Promise<Turn> {
    const url = `${options.api}${token ? paths.chatPath : paths.anonymousChatPath}`;
    return sendTurn(url, { text, sessionId: store.current.sessionId }, token);
  }

  async function turn(text: string, token: string | undefined): Promise<Turn> {
    try {
      return await post(text, token);
    } catch (error) {
      // An ID token the API refuses (expired between checks, revoked): refresh once and retry.
      if (!(error instanceof ChatError) || error.status !== 401 || !auth || !token) throw error;
      const fresh = await auth.idToken(true);
      if (!fresh) throw error;
      return post(text, fresh);
    }
  }

  /** Queues one message; `shown` is what the conversation shows for it (a button's label). */
  function say(text: string, shown: string | null = text): Promise<void> {
    queue = queue.then(() => runTurn(text, shown));
    return queue;
  }

  async function runTurn(text: string, shown: string | null): Promise<void> {
    await ready;
    const current = generation;
    clearError();
    store.useCards();
    parts.log.querySelectorAll<HTMLButtonElement>('button.choice').forEach((button) => {
      button.disabled = true;
    });
    if (shown !== null) append({ from: 'user', text: shown });
    setBusy(true);
    try {
      const token = auth ? await auth.idToken() : undefined;
      // Signed in but no token (the refresh token expired or was revoked): never fall back to
      // anonymous silently, the person would wonder where their bookings went.
      if (user && !token) throw new ChatError('Your sign-in has expired. Please sign in again.', 401, false);
      const result = await turn(text, token);
      setBusy(false);
      if (current !== generation) return;
      store.setSession(result.sessionId);
      const added: Message[] = [];
      for (const m of result.messages) {
        if (m.kind === 'text') added.push(append({ from: 'bot', text: m.text }));
        else {
          const { kind: _kind, ...card } = m;
          added.push(append({ from: 'bot', card }));
        }
      }
      // Lex asks "yes or no?" in words only; offer the two answers as buttons too.
      if (result.confirming && !result.messages.some((m) => m.kind === 'card')) {
        const yesNo = {
          title: '',
          buttons: [
            { text: 'Yes', value: 'yes' },
            { text: 'No', value: 'no' },
          ],
        };
        added.push(append({ from: 'bot', card: yesNo }));
      }
      panel.announce(added.map(spoken).join(' '));
      panel.scrollToEnd();
    } catch (error) {
      setBusy(false);
      if (current !== generation) return;
      const chatError =
        error instanceof ChatError
          ? error
          : new ChatError('Something went wrong. Please try again.', 0, true);
      if (chatError.status === 401 && auth) {
        await auth.signOut().catch(() => undefined);
        user = null;
        renderAccount();
        const signIn = h('button', { class: 'retry', text: 'Sign in', attrs: { type: 'button' } });
        signIn.addEventListener('click', () => openAuth());
        showError(chatError.message, undefined, signIn);
        return;
      }
      showError(chatError.message, chatError.retryable ? () => void retry(text) : undefined);
    }
  }

  async function retry(text: string): Promise<void> {
    parts.input.focus();
    await say(text, null);
  }

  function choose(button: CardButton): void {
    // The clicked button is about to be disabled: keep focus somewhere useful.
    parts.input.focus();
    void say(button.value, button.text);
  }

  function openAuth(): void {
    if (!auth) return;
    panel.show('auth');
    showAuth(
      {
        auth,
        container: parts.authView,
        done: () => void signedIn(),
        cancel: () => panel.show('chat'),
      },
      'sign-in',
    );
  }

  async function signedIn(): Promise<void> {
    user = (await auth?.current()) ?? null;
    store.adopt(user?.sub ?? 'anonymous');
    renderAll();
    renderAccount();
    panel.show('chat');
    append({ from: 'note', text: `Signed in as ${user?.email || 'you'}.` });
    await say(GREETING, null);
  }

  async function signOut(): Promise<void> {
    await auth?.signOut().catch(() => undefined);
    user = null;
    // Sign-out on a shared computer must leave nothing of the conversation behind.
    generation += 1;
    store.clear('anonymous');
    renderAll();
    renderAccount();
    append({ from: 'note', text: 'Signed out. This conversation has been cleared.' });
    parts.input.focus();
  }

  parts.account.addEventListener('click', () => {
    if (user) void signOut();
    else openAuth();
  });
  parts.reset.addEventListener('click', () => {
    generation += 1;
    store.clear();
    clearError();
    renderAll();
    parts.input.focus();
    panel.announce('New conversation started.');
    void say(GREETING, null);
  });
  parts.composer.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = parts.input.value.trim();
    if (!text) return;
    parts.input.value = '';
    void say(text);
  });

  return {
    open({ focus }) {
      panel.open(focus);
      void ready.then(() => {
        if (store.current.messages.length === 0 && !busy) void say(GREETING, null);
      });
    },
    close: () => panel.close(),
    get isOpen() {
      return panel.isOpen;
    },
  };
};
