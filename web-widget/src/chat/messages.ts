/**
 * Conversation items as DOM. Bot text is set with textContent (via `h`), so markup in a message —
 * a donor's name, an echoed answer — is shown as the characters it is and never parsed.
 */
import type { CardButton, Message } from './conversation.js';
import { h } from './dom.js';

export type Choose = (button: CardButton) => void;

function said(who: string, text: string, cls: string): HTMLLIElement {
  return h(
    'li',
    { class: `msg ${cls}` },
    h('span', { class: 'sr-only', text: `${who}: ` }),
    h('p', { class: 'bubble', text }),
  );
}

export function renderMessage(message: Message, choose: Choose): HTMLLIElement | null {
  if (message.from === 'user' && typeof message.text === 'string') return said('You', message.text, 'user');
  if (message.from === 'note' && typeof message.text === 'string')
    return h('li', { class: 'note', text: message.text });
  if (message.from !== 'bot') return null;
  if ('text' in message && typeof message.text === 'string') return said('Assistant', message.text, 'bot');
  if (!('card' in message) || !Array.isArray(message.card?.buttons)) return null;
  const { card } = message;
  const used = message.used === true;
  const buttons = card.buttons.map((b) =>
    h('button', {
      class: 'choice',
      text: b.text,
      attrs: { type: 'button', disabled: used },
      on: { click: () => choose(b) },
    }),
  );
  const title = card.title ? h('p', { class: 'card-title', text: card.title }) : null;
  const subtitle = card.subtitle ? h('p', { class: 'card-subtitle', text: card.subtitle }) : null;
  return h(
    'li',
    { class: 'msg card' },
    h(
      'div',
      { attrs: { role: 'group', 'aria-label': card.title || 'Choices' } },
      title,
      subtitle,
      h('div', { class: 'choices' }, ...buttons),
    ),
  );
}

/** What a screen reader hears for a new bot message (cards list their choices). */
export function spoken(message: Message): string {
  if ('text' in message) return message.text;
  if ('card' in message) {
    const choices = message.card.buttons.map((b) => b.text).join(', ');
    return `${message.card.title ? `${message.card.title}. ` : ''}Choices: ${choices}.`;
  }
  return '';
}

export function typingIndicator(): HTMLLIElement {
  return h(
    'li',
    { class: 'msg bot typing', attrs: { role: 'status' } },
    h('span', { class: 'sr-only', text: 'The assistant is typing' }),
    h(
      'span',
      { class: 'bubble dots', attrs: { 'aria-hidden': 'true' } },
      h('span', { class: 'dot' }),
      h('span', { class: 'dot' }),
      h('span', { class: 'dot' }),
    ),
  );
}

export function errorItem(
  text: string,
  retry: (() => void) | undefined,
  extra?: HTMLButtonElement,
): HTMLLIElement {
  return h(
    'li',
    { class: 'msg error', attrs: { role: 'alert' } },
    h('p', { class: 'bubble', text }),
    retry
      ? h('button', { class: 'retry', text: 'Try again', attrs: { type: 'button' }, on: { click: retry } })
      : null,
    extra ?? null,
  );
}
