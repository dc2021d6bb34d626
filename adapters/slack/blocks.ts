/**
 * Bot messages → Block Kit. Pure. The bot speaks in lines; Slack gets structure from their shape:
 *   - a stock answer's data (CustomPayload `stock`, fulfillment/intents/checkStock.ts) → one pair
 *     of fields per group with its level emoji (🔴 red, 🟠 amber, 🟢 green), under the text's first
 *     line; the text's own lines stay the notification fallback;
 *   - "Label: https://…" lines (report and export links) → link buttons, not raw long URLs;
 *   - "label: value" lines after the first (stock per group) → two-column section fields, a table;
 *   - "• <DIN>, expires <date>, ..." lines (allocations) → a list with the DIN in code and the date bold;
 *   - a card's buttons → an actions block whose clicks come back as the button's value (action_id
 *     `bot_reply_<n>`), so "Yes"/"No" confirmations are one click; a confirmation the bot asks
 *     without a card (Lex's own confirmation prompt) gets "Yes"/"No" buttons all the same;
 *   - anything else → a mrkdwn section, escaped so user-supplied text cannot ping or link.
 */
import * as z from 'zod';
import type { BotMessage, DialogActionType } from '../../bots/runtime/port.js';
import { STOCK_PAYLOAD } from '../../fulfillment/intents/checkStock.js';

export const ACTION_PREFIX = 'bot_reply_';
/** Link buttons open their URL; Slack still sends the click, which is only acknowledged. */
export const LINK_ACTION_PREFIX = 'open_link_';

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
  value?: string;
  url?: string;
  style?: 'primary' | 'danger';
}

export interface SlackMessage {
  /** Plain fallback for notifications and screen readers. */
  text: string;
  blocks: Block[];
  /**
   * Only the person who asked may see it (it may carry personal data): where the channel is shared
   * (a mention), it goes as an ephemeral message, never into the thread.
   */
  ephemeral?: boolean;
}

/** Slack's mrkdwn control characters; escaping them keeps "<!channel>" or links inert. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const ROW = /^([^:•\n]{1,40}):\s+(.+)$/;
const LINK = /^([^:•\n]{1,40}):\s+(https?:\/\/\S{1,2900})$/;
const ALLOCATION = /^•\s+(.+?), expires (\d{4}-\d{2}-\d{2})(.*)$/;
const MAX_FIELDS = 10;
const MAX_SECTION_TEXT = 2900;

function mrkdwn(text: string): TextObject {
  return { type: 'mrkdwn', text: text.slice(0, MAX_SECTION_TEXT) };
}

function fieldSections(fields: TextObject[]): Block[] {
  const blocks: Block[] = [];
  for (let i = 0; i < fields.length; i += MAX_FIELDS) {
    blocks.push({ type: 'section', fields: fields.slice(i, i + MAX_FIELDS) });
  }
  return blocks;
}

function textBlocks(content: string): Block[] {
  const lines = content.split('\n').filter((l) => l.trim() !== '');
  const blocks: Block[] = [];
  let fields: TextObject[] = [];
  let list: string[] = [];
  let links: ButtonElement[] = [];
  const flush = () => {
    blocks.push(...fieldSections(fields));
    if (list.length) blocks.push({ type: 'section', text: mrkdwn(list.join('\n')) });
    if (links.length) blocks.push({ type: 'actions', elements: links.slice(0, 5) });
    fields = [];
    list = [];
    links = [];
  };
  lines.forEach((line, index) => {
    const link = LINK.exec(line);
    const allocation = ALLOCATION.exec(line);
    const row = index > 0 ? ROW.exec(line) : null;
    if (link) {
      if (fields.length || list.length) flush();
      links.push({
        type: 'button',
        action_id: `${LINK_ACTION_PREFIX}${links.length}`,
        text: { type: 'plain_text', text: `Open ${link[1]!}`.slice(0, 75) },
        url: link[2]!,
      });
    } else if (allocation) {
      if (fields.length) flush();
      const [, din, expires, rest] = allocation;
      list.push(`• \`${escapeMrkdwn(din!)}\` expires *${expires}*${escapeMrkdwn(rest!)}`);
    } else if (row) {
      if (list.length || links.length) flush();
      fields.push(mrkdwn(`*${escapeMrkdwn(row[1]!)}*`), mrkdwn(escapeMrkdwn(row[2]!)));
    } else {
      flush();
      blocks.push({ type: 'section', text: mrkdwn(escapeMrkdwn(line)) });
    }
  });
  flush();
  return blocks;
}

const LEVEL_EMOJI = { red: '🔴', amber: '🟠', green: '🟢' } as const;

const stockPayloadSchema = z.object({
  kind: z.literal(STOCK_PAYLOAD),
  rows: z
    .array(
      z.tuple([
        z.string().max(10),
        z.number().int().nonnegative(),
        z.number().nonnegative(),
        z.enum(['red', 'amber', 'green']),
        z.record(z.string().max(60), z.number().int().nonnegative()),
      ]),
    )
    .max(40),
});

/** "1 unit", "3 units"; "1 day", "1.5 days", "100+ days". */
export function units(n: number): string {
  return `${n} unit${n === 1 ? '' : 's'}`;
}
export function days(n: number): string {
  if (n >= 100) return '100+ days';
  return `${n} day${n === 1 ? '' : 's'}`;
}

function stockPayload(message: BotMessage | undefined): z.infer<typeof stockPayloadSchema> | null {
  if (message?.contentType !== 'CustomPayload' || !message.content) return null;
  try {
    const parsed = stockPayloadSchema.safeParse(JSON.parse(message.content));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function stockBlocks(header: string, stock: z.infer<typeof stockPayloadSchema>): Block[] {
  const fields = stock.rows.flatMap(([group, available, supply, level, bySite]) => {
    const sites = Object.entries(bySite)
      .map(([site, n]) => `${escapeMrkdwn(site)} ${n}`)
      .join(', ');
    return [
      mrkdwn(`*${escapeMrkdwn(group)}*  ${LEVEL_EMOJI[level]} ${level}`),
      mrkdwn(`${units(available)} · ${days(supply)} of supply${sites ? `\n${sites}` : ''}`),
    ];
  });
  return [{ type: 'section', text: mrkdwn(escapeMrkdwn(header)) }, ...fieldSections(fields)];
}

export interface RenderOptions {
  /** The bot's next step: ConfirmIntent gets "Yes"/"No" buttons when the bot sent none. */
  dialogAction?: DialogActionType;
}

export function toSlackMessage(messages: BotMessage[], options: RenderOptions = {}): SlackMessage {
  const blocks: Block[] = [];
  const plain: string[] = [];
  let buttonIndex = 0;
  let offered = false;
  messages.forEach((message, index) => {
    if (message.contentType === 'PlainText' && message.content) {
      plain.push(message.content);
      const stock = stockPayload(messages[index + 1]);
      blocks.push(
        ...(stock ? stockBlocks(message.content.split('\n')[0]!, stock) : textBlocks(message.content)),
      );
    } else if (message.contentType === 'ImageResponseCard' && message.imageResponseCard) {
      const card = message.imageResponseCard;
      const buttons = (card.buttons ?? []).slice(0, 5);
      if (card.title && buttons.length === 0)
        blocks.push({ type: 'section', text: mrkdwn(escapeMrkdwn(card.title)) });
      if (buttons.length) {
        offered = true;
        blocks.push({
          type: 'actions',
          elements: buttons.map((b) => ({
            type: 'button',
            // Unique per message: Slack rejects repeated action_ids in one message.
            action_id: `${ACTION_PREFIX}${buttonIndex++}`,
            text: { type: 'plain_text', text: b.text.slice(0, 75) || b.value },
            value: b.value.slice(0, 2000),
            ...(b.value.toLowerCase() === 'yes' ? { style: 'primary' as const } : {}),
          })),
        });
      }
    }
  });
  const confirm = options.dialogAction === 'ConfirmIntent' && !offered;
  // Slack takes 50 blocks; the confirmation buttons are the one block that must not be cut.
  const out = blocks.slice(0, confirm ? 49 : 50);
  if (confirm) {
    out.push({
      type: 'actions',
      elements: [
        {
          type: 'button',
          action_id: `${ACTION_PREFIX}${buttonIndex++}`,
          text: { type: 'plain_text', text: 'Yes' },
          value: 'yes',
          style: 'primary',
        },
        {
          type: 'button',
          action_id: `${ACTION_PREFIX}${buttonIndex++}`,
          text: { type: 'plain_text', text: 'No' },
          value: 'no',
        },
      ],
    });
  }
  return { text: plain.join('\n') || 'Done.', blocks: out };
}

/**
 * A short answer that is not from the bot (refusals, admin commands). `formatted` text is our own
 * mrkdwn (mentions like <@U123> must render) and must not contain anything a user typed unchecked.
 */
export function notice(text: string, formatted = false): SlackMessage {
  return { text, blocks: [{ type: 'section', text: mrkdwn(formatted ? text : escapeMrkdwn(text)) }] };
}
