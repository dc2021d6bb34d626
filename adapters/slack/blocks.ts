/**
 * Bot messages → Block Kit. Pure. The bot speaks in lines; Slack gets structure from their shape:
 *   - "label: value" lines after the first (stock per group) → two-column section fields, a table;
 *   - "• <DIN>, expires <date>, ..." lines (allocations) → a list with the DIN in code and the date bold;
 *   - a card's buttons → an actions block whose clicks come back as the button's value (action_id
 *     `bot_reply_<n>`), so "Yes"/"No" confirmations are one click;
 *   - anything else → a mrkdwn section, escaped so user-supplied text cannot ping or link.
 */
import type { BotMessage } from '../../bots/runtime/port.js';

export const ACTION_PREFIX = 'bot_reply_';

interface TextObject {
  type: 'mrkdwn' | 'plain_text';
  text: string;
}
export type Block =
  | { type: 'section'; text?: TextObject; fields?: TextObject[] }
  | { type: 'actions'; block_id?: string; elements: ButtonElement[] }
  | { type: 'context'; elements: TextObject[] }
  | { type: 'header'; text: TextObject };

interface ButtonElement {
  type: 'button';
  action_id: string;
  text: { type: 'plain_text'; text: string };
  value: string;
}

export interface SlackMessage {
  /** Plain fallback for notifications and screen readers. */
  text: string;
  blocks: Block[];
}

/** Slack's mrkdwn control characters; escaping them keeps "<!channel>" or links inert. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const ROW = /^([^:•\n]{1,40}):\s+(.+)$/;
const ALLOCATION = /^•\s+(.+?), expires (\d{4}-\d{2}-\d{2})(.*)$/;
const MAX_FIELDS = 10;
const MAX_SECTION_TEXT = 2900;

function mrkdwn(text: string): TextObject {
  return { type: 'mrkdwn', text: text.slice(0, MAX_SECTION_TEXT) };
}

function textBlocks(content: string): Block[] {
  const lines = content.split('\n').filter((l) => l.trim() !== '');
  const blocks: Block[] = [];
  let fields: TextObject[] = [];
  let list: string[] = [];
  const flush = () => {
    for (let i = 0; i < fields.length; i += MAX_FIELDS) {
      blocks.push({ type: 'section', fields: fields.slice(i, i + MAX_FIELDS) });
    }
    if (list.length) blocks.push({ type: 'section', text: mrkdwn(list.join('\n')) });
    fields = [];
    list = [];
  };
  lines.forEach((line, index) => {
    const allocation = ALLOCATION.exec(line);
    const row = index > 0 ? ROW.exec(line) : null;
    if (allocation) {
      if (fields.length) flush();
      const [, din, expires, rest] = allocation;
      list.push(`• \`${escapeMrkdwn(din!)}\` expires *${expires}*${escapeMrkdwn(rest!)}`);
    } else if (row) {
      if (list.length) flush();
      fields.push(mrkdwn(`*${escapeMrkdwn(row[1]!)}*`), mrkdwn(escapeMrkdwn(row[2]!)));
    } else {
      flush();
      blocks.push({ type: 'section', text: mrkdwn(escapeMrkdwn(line)) });
    }
  });
  flush();
  return blocks;
}

export function toSlackMessage(messages: BotMessage[]): SlackMessage {
  const blocks: Block[] = [];
  const plain: string[] = [];
  let buttonIndex = 0;
  for (const message of messages) {
    if (message.contentType === 'PlainText' && message.content) {
      plain.push(message.content);
      blocks.push(...textBlocks(message.content));
    } else if (message.contentType === 'ImageResponseCard' && message.imageResponseCard) {
      const card = message.imageResponseCard;
      const buttons = (card.buttons ?? []).slice(0, 5);
      if (card.title && buttons.length === 0)
        blocks.push({ type: 'section', text: mrkdwn(escapeMrkdwn(card.title)) });
      if (buttons.length) {
        blocks.push({
          type: 'actions',
          elements: buttons.map((b) => ({
            type: 'button',
            // Unique per message: Slack rejects repeated action_ids in one message.
            action_id: `${ACTION_PREFIX}${buttonIndex++}`,
            text: { type: 'plain_text', text: b.text.slice(0, 75) || b.value },
            value: b.value.slice(0, 2000),
          })),
        });
      }
    }
  }
  return { text: plain.join('\n') || 'Done.', blocks: blocks.slice(0, 50) };
}

/**
 * A short answer that is not from the bot (refusals, admin commands). `formatted` text is our own
 * mrkdwn (mentions like <@U123> must render) and must not contain anything a user typed unchecked.
 */
export function notice(text: string, formatted = false): SlackMessage {
  return { text, blocks: [{ type: 'section', text: mrkdwn(formatted ? text : escapeMrkdwn(text)) }] };
}
