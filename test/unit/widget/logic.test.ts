/**
 * The widget's DOM-free parts, in Node: reading the chat API's answer defensively, and the
 * conversation kept in sessionStorage (here a Map-backed Storage). The browser tests cover the rest.
 */
import { describe, expect, it } from 'vitest';
import { ChatError, parseTurn } from '../../../web-widget/src/chat/api.js';
import { ConversationStore } from '../../../web-widget/src/chat/conversation.js';

function memoryStorage(): Storage {
  const data = new Map<string, string>();
  return {
    get length() {
      return data.size;
    },
    clear: () => data.clear(),
    getItem: (k) => data.get(k) ?? null,
    key: (i) => [...data.keys()][i] ?? null,
    removeItem: (k) => void data.delete(k),
    setItem: (k, v) => void data.set(k, String(v)),
  };
}

describe('parseTurn', () => {
  it('reads text, cards (at most 5 buttons) and a confirmation', () => {
    // Prepare
    const buttons = Array.from({ length: 7 }, (_, i) => ({ text: `B${i}`, value: `v${i}` }));
    // Act
    const turn = parseTurn({
      sessionId: 'abcdefgh',
      messages: [
        { contentType: 'PlainText', content: 'Book a donation on 2026-11-25 at 10:00?' },
        { contentType: 'ImageResponseCard', imageResponseCard: { title: 'Free times', buttons } },
      ],
      dialogAction: { type: 'ConfirmIntent' },
    });
    // Assess
    expect(turn.sessionId).toBe('abcdefgh');
    expect(turn.confirming).toBe(true);
    expect(turn.messages[0]).toEqual({ kind: 'text', text: 'Book a donation on 2026-11-25 at 10:00?' });
    expect(turn.messages[1]).toMatchObject({ kind: 'card', title: 'Free times' });
    expect((turn.messages[1] as { buttons: unknown[] }).buttons).toHaveLength(5);
  });

  it.each([
    ['SSML', { contentType: 'SSML', content: '<speak>hi</speak>' }],
    ['CustomPayload', { contentType: 'CustomPayload', content: '{"html":"<b>x</b>"}' }],
    ['a non-string content', { contentType: 'PlainText', content: { toString: 'x' } }],
    [
      'buttons without values',
      { contentType: 'ImageResponseCard', imageResponseCard: { buttons: [{ text: 'a' }] } },
    ],
  ])('drops what it does not show (%s)', (_label, message) => {
    const turn = parseTurn({ sessionId: 'abcdefgh', messages: [message] });
    const shown = turn.messages.flatMap((m): unknown[] => (m.kind === 'card' ? m.buttons : [m]));
    expect(shown).toEqual([]);
  });

  it('refuses an answer without a session id', () => {
    expect(() => parseTurn({ messages: [] })).toThrow(ChatError);
  });
});

describe('ConversationStore', () => {
  it('survives a reload: a new store on the same storage has the messages and session id', () => {
    // Prepare
    const storage = memoryStorage();
    const first = new ConversationStore(storage);
    first.adopt('sub-1');
    first.add({ from: 'user', text: 'book a donation' });
    first.setSession('session-1');
    // Act
    const second = new ConversationStore(storage);
    // Assess
    expect(second.current).toMatchObject({ owner: 'sub-1', sessionId: 'session-1' });
    expect(second.current.messages.map((m) => ('text' in m ? m.text : ''))).toEqual(['book a donation']);
  });

  it('keeps an anonymous conversation on sign-in, but drops another person’s', () => {
    const store = new ConversationStore(memoryStorage());
    store.add({ from: 'user', text: 'how is blood stock' });
    store.adopt('sub-1');
    expect(store.current.messages).toHaveLength(1);
    store.adopt('sub-2');
    expect(store.current).toEqual({ owner: 'sub-2', messages: [] });
  });

  it('marks cards used, so only the newest question takes button answers', () => {
    const store = new ConversationStore(memoryStorage());
    store.add({ from: 'bot', card: { title: 'Free times', buttons: [{ text: '10:00', value: '10:00' }] } });
    store.useCards();
    expect(store.current.messages[0]).toMatchObject({ used: true });
  });

  it('ignores a corrupted stored value and starts afresh', () => {
    const storage = memoryStorage();
    storage.setItem('bloodbank-chat:conversation', '{"owner": 42');
    expect(new ConversationStore(storage).current).toEqual({ owner: 'anonymous', messages: [] });
  });
});
