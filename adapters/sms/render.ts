/**
 * Bot messages → one SMS. Text messages are joined; a card's buttons become "Reply: A / B" when that
 * still fits in one 160-character segment (a longer answer is sent whole rather than cut). A text that
 * already says how to reply gets no second "Reply:", and a text that introduces its options ("…:")
 * always gets them, since an SMS cannot show the buttons it points to.
 */
import type { BotMessage } from '../../bots/runtime/port.js';

export const SEGMENT = 160;

export function toSmsText(messages: BotMessage[]): string {
  const text = messages
    .filter((m) => m.contentType === 'PlainText' && m.content)
    .map((m) => m.content!.trim())
    .join(' ')
    .replace(/\s*\n\s*/g, '; ');
  const buttons = messages.flatMap((m) => m.imageResponseCard?.buttons ?? []).map((b) => b.text);
  if (buttons.length === 0 || /\breply\b/i.test(text)) return text;
  if (text.endsWith(':')) return `${text} ${buttons.join(', ')}.`;
  const withOptions = `${text} Reply: ${buttons.join(' / ')}`;
  return withOptions.length <= SEGMENT || text.length === 0 ? withOptions : text;
}
