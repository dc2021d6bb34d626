/**
 * The conversation the panel shows, kept in sessionStorage so it survives a reload (and a token
 * refresh, which never touches it) but not the closing of the tab.
 *
 * Why sessionStorage and not localStorage: a donor's conversation holds personal details (name, date
 * of birth, appointments) and the widget runs on public and shared computers. sessionStorage is
 * scoped to this tab and gone when it closes, so the next person at the library computer does not
 * find it; localStorage would keep it indefinitely and share it across tabs. Each conversation also
 * records whose it is, and is dropped when a different person (or nobody) is signed in.
 */

export interface CardButton {
  text: string;
  value: string;
}

export type Message =
  | { id: string; from: 'user'; text: string }
  | { id: string; from: 'bot'; text: string }
  | {
      id: string;
      from: 'bot';
      card: { title: string; subtitle?: string; buttons: CardButton[] };
      used?: boolean;
    }
  | { id: string; from: 'note'; text: string };

/** A message before the store gives it an id (Omit over each member of the union). */
export type NewMessage = Message extends infer M ? (M extends Message ? Omit<M, 'id'> : never) : never;

export interface Conversation {
  /** The web API's session id; absent until the first answer. */
  sessionId?: string;
  /** Cognito sub of the signed-in person, or "anonymous". */
  owner: string;
  messages: Message[];
}

const KEY = 'bloodbank-chat:conversation';
/** Enough for any real conversation; keeps storage bounded if a tab stays open for days. */
const MAX_MESSAGES = 200;

function empty(owner: string): Conversation {
  return { owner, messages: [] };
}

function isConversation(value: unknown): value is Conversation {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.owner === 'string' &&
    Array.isArray(v.messages) &&
    (v.sessionId === undefined || typeof v.sessionId === 'string')
  );
}

export class ConversationStore {
  private state: Conversation;
  private next = 0;

  constructor(private readonly storage: Storage | undefined = safeSessionStorage()) {
    this.state = this.read() ?? empty('anonymous');
  }

  get current(): Readonly<Conversation> {
    return this.state;
  }

  /** Keeps the conversation for `owner`; another person's is dropped. */
  adopt(owner: string): void {
    if (this.state.owner === owner) return;
    // Someone anonymous who signs in keeps talking; anyone else starts afresh.
    this.state = this.state.owner === 'anonymous' ? { ...this.state, owner } : empty(owner);
    this.save();
  }

  add(message: NewMessage): Message {
    this.next += 1;
    const full = { ...message, id: `m${Date.now().toString(36)}${this.next}` } as Message;
    const messages = [...this.state.messages, full].slice(-MAX_MESSAGES);
    this.state = { ...this.state, messages };
    this.save();
    return full;
  }

  /** Marks every card as answered: only the newest bot question takes button answers. */
  useCards(): void {
    const messages = this.state.messages.map((m) => ('card' in m && !m.used ? { ...m, used: true } : m));
    this.state = { ...this.state, messages };
    this.save();
  }

  setSession(sessionId: string): void {
    if (this.state.sessionId === sessionId) return;
    this.state = { ...this.state, sessionId };
    this.save();
  }

  /** "New conversation", sign-out: nothing of the old one remains. */
  clear(owner = this.state.owner): void {
    this.state = empty(owner);
    this.save();
  }

  private read(): Conversation | undefined {
    try {
      const parsed: unknown = JSON.parse(this.storage?.getItem(KEY) ?? 'null');
      return isConversation(parsed) ? parsed : undefined;
    } catch {
      return undefined;
    }
  }

  private save(): void {
    try {
      this.storage?.setItem(KEY, JSON.stringify(this.state));
    } catch {
      // Storage full or blocked (private mode): the conversation still works, it just won't survive a reload.
    }
  }
}

function safeSessionStorage(): Storage | undefined {
  try {
    return window.sessionStorage;
  } catch {
    return undefined;
  }
}
