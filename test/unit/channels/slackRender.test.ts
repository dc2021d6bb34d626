/**
 * Slack done properly (issue 15), the pure parts: confirm buttons on every confirmation, stock as
 * fields with level emoji from the stock answer's data, report links as buttons, "1 unit", help
 * read from the authorization table per role, and answers for the asker only going ephemeral in a
 * shared thread. No engines, no network.
 */
import { describe, expect, it } from 'vitest';
import {
  ACTION_PREFIX,
  type Block,
  days,
  LINK_ACTION_PREFIX,
  toSlackMessage,
  units,
} from '../../../adapters/slack/blocks.js';
import { createSlackDelivery } from '../../../adapters/slack/delivery.js';
import { SLACK_COMMANDS, slackCapabilities, slackHelp } from '../../../adapters/slack/help.js';
import type { SlackTurn } from '../../../adapters/slack/turn.js';
import { bot } from '../../../bots/definition/index.js';
import type { BotMessage } from '../../../bots/runtime/port.js';
import { authorize } from '../../../fulfillment/auth/authorize.js';

const plain = (content: string): BotMessage => ({ contentType: 'PlainText', content });
const payload = (value: unknown): BotMessage => ({
  contentType: 'CustomPayload',
  content: JSON.stringify(value),
});
const actions = (blocks: Block[]) =>
  blocks.filter((b): b is Extract<Block, { type: 'actions' }> => b.type === 'actions');

describe('confirmations carry Yes / No buttons', () => {
  it('adds them when the bot confirms with text only (Lex’s own confirmation prompt)', () => {
    // Act
    const { blocks, text } = toSlackMessage([plain('Request 2 units of O+ red cells, routine?')], {
      dialogAction: 'ConfirmIntent',
    });
    // Assess
    expect(text).toBe('Request 2 units of O+ red cells, routine?');
    expect(actions(blocks)).toEqual([
      {
        type: 'actions',
        elements: [
          expect.objectContaining({
            action_id: `${ACTION_PREFIX}0`,
            value: 'yes',
            text: { type: 'plain_text', text: 'Yes' },
            style: 'primary',
          }),
          expect.objectContaining({
            action_id: `${ACTION_PREFIX}1`,
            value: 'no',
            text: { type: 'plain_text', text: 'No' },
          }),
        ],
      },
    ]);
  });

  it('does not add a second pair when the bot already sent its buttons', () => {
    // Act
    const { blocks } = toSlackMessage(
      [
        plain('Book 10:00 at central?'),
        {
          contentType: 'ImageResponseCard',
          imageResponseCard: {
            title: 'Confirm',
            buttons: [
              { text: 'Yes', value: 'yes' },
              { text: 'No', value: 'no' },
            ],
          },
        },
      ],
      { dialogAction: 'ConfirmIntent' },
    );
    // Assess
    expect(actions(blocks)).toHaveLength(1);
    expect(actions(blocks)[0]!.elements.map((e) => e.value)).toEqual(['yes', 'no']);
  });

  it.each(['ElicitSlot', 'Close', 'ElicitIntent'] as const)('adds none for %s', (dialogAction) => {
    expect(actions(toSlackMessage([plain('How many units?')], { dialogAction }).blocks)).toEqual([]);
  });

  it('keeps the buttons even when the answer fills Slack’s 50 blocks', () => {
    // Prepare
    const long = Array.from({ length: 60 }, (_, n) => `paragraph ${n}`).join('\n');
    // Act
    const { blocks } = toSlackMessage([plain(long)], { dialogAction: 'ConfirmIntent' });
    // Assess
    expect(blocks).toHaveLength(50);
    expect(blocks.at(-1)?.type).toBe('actions');
  });
});

describe('stock as fields with level emoji', () => {
  const text = [
    'Red cells: 12 units available.',
    'O-: 1 unit (central 1), 0.4 days of supply, RED',
    'A+: 8 units (central 5, north 3), 2.5 days of supply, AMBER',
    'B+: 3 units, 100+ days of supply, GREEN',
  ].join('\n');
  const stock = payload({
    kind: 'stock',
    rows: [
      ['O-', 1, 0.4, 'red', { central: 1 }],
      ['A+', 8, 2.5, 'amber', { central: 5, north: 3 }],
      ['B+', 3, 100, 'green', {}],
    ],
  });

  it('renders one pair of fields per group, under the first line; the text stays the fallback', () => {
    // Act
    const { blocks, text: fallback } = toSlackMessage([plain(text), stock]);
    // Assess
    expect(fallback).toBe(text);
    expect(blocks).toEqual([
      { type: 'section', text: { type: 'mrkdwn', text: 'Red cells: 12 units available.' } },
      {
        type: 'section',
        fields: [
          { type: 'mrkdwn', text: '*O-*  🔴 red' },
          { type: 'mrkdwn', text: '1 unit · 0.4 days of supply\ncentral 1' },
          { type: 'mrkdwn', text: '*A+*  🟠 amber' },
          { type: 'mrkdwn', text: '8 units · 2.5 days of supply\ncentral 5, north 3' },
          { type: 'mrkdwn', text: '*B+*  🟢 green' },
          { type: 'mrkdwn', text: '3 units · 100+ days of supply' },
        ],
      },
    ]);
  });

  it.each([
    ['not JSON', { contentType: 'CustomPayload', content: '{nope' }],
    ['another kind', payload({ kind: 'chart', rows: [] })],
    ['a bad level', payload({ kind: 'stock', rows: [['O-', 1, 0.4, 'purple', {}]] })],
  ] as const)('falls back to the text lines when the payload is %s', (_label, message) => {
    // Act
    const { blocks } = toSlackMessage([plain(text), message as BotMessage]);
    // Assess: the line-shaped table, as before
    expect(blocks[1]).toMatchObject({
      type: 'section',
      fields: expect.arrayContaining([{ type: 'mrkdwn', text: '*O-*' }]),
    });
  });

  it.each([
    [0, '0 units'],
    [1, '1 unit'],
    [2, '2 units'],
  ])('units(%i) → %s', (n, said) => expect(units(n)).toBe(said));

  it.each([
    [1, '1 day'],
    [0.5, '0.5 days'],
    [2, '2 days'],
    [100, '100+ days'],
  ])('days(%d) → %s', (n, said) => expect(days(n)).toBe(said));
});

describe('report and export links', () => {
  it('become link buttons instead of raw URLs', () => {
    // Prepare
    const chart = `http://127.0.0.1:3000/files?t=${'a'.repeat(250)}`;
    const csv = `https://bucket.s3.amazonaws.com/reports/2026-11-24.csv?X-Amz-Signature=${'b'.repeat(64)}`;
    // Act
    const { blocks } = toSlackMessage([
      plain(
        `Stock report for 2026-11-24: 2 groups amber.\nChart: ${chart}\nCSV: ${csv}\nThese links work for 15 minutes.`,
      ),
    ]);
    // Assess
    expect(blocks).toEqual([
      { type: 'section', text: { type: 'mrkdwn', text: 'Stock report for 2026-11-24: 2 groups amber.' } },
      {
        type: 'actions',
        elements: [
          {
            type: 'button',
            action_id: `${LINK_ACTION_PREFIX}0`,
            text: { type: 'plain_text', text: 'Open Chart' },
            url: chart,
          },
          {
            type: 'button',
            action_id: `${LINK_ACTION_PREFIX}1`,
            text: { type: 'plain_text', text: 'Open CSV' },
            url: csv,
          },
        ],
      },
      { type: 'section', text: { type: 'mrkdwn', text: 'These links work for 15 minutes.' } },
    ]);
    expect(JSON.stringify(blocks.filter((b) => b.type === 'section'))).not.toContain('http');
  });
});

describe('/blood help, from the authorization table', () => {
  const all = { report: true, thresholds: true, status: true };
  const offered = ['Help', 'SmallTalk', 'FallbackIntent'];

  it.each(['staff', 'admin'] as const)(
    'lists for %s exactly the intents and commands the table allows',
    (role) => {
      // Prepare
      const allowedIntents = bot.intents
        .map((i) => i.name)
        .filter((name) => !offered.includes(name))
        .filter((name) => authorize(name as Parameters<typeof authorize>[0], role).allowed);
      const allowedCommands = SLACK_COMMANDS.filter(
        (c) => c.action === null || authorize(c.action, role).allowed,
      ).map((c) => c.usage);
      // Act
      const { intents, commands } = slackCapabilities(role, all);
      // Assess
      expect(intents.map((e) => e.key)).toEqual(allowedIntents);
      expect(commands.map((e) => e.key)).toEqual(allowedCommands);
    },
  );

  it('gives staff report, thresholds, status and help, and no admin commands', () => {
    // Act
    const { commands, intents } = slackCapabilities('staff', all);
    // Assess
    expect(commands.map((c) => c.key)).toEqual(['report', 'thresholds', 'status', 'help']);
    expect(intents.map((e) => e.key)).toEqual(
      expect.arrayContaining(['CheckStock', 'RequestUnits', 'StockReport']),
    );
    expect(intents.map((e) => e.key)).not.toContain('RespondToAlert');
  });

  it('gives admins the threshold change and linking too', () => {
    expect(slackCapabilities('admin', all).commands.map((c) => c.key)).toEqual([
      'report',
      'thresholds',
      'threshold O- amber 3 red 1.5',
      'link @someone staff|admin <account>',
      'unlink @someone',
      'status',
      'help',
    ]);
  });

  it('leaves out what this deployment has not wired', () => {
    const keys = slackCapabilities('admin', { report: false, thresholds: false, status: false }).commands.map(
      (c) => c.key,
    );
    expect(keys).toEqual(['link @someone staff|admin <account>', 'unlink @someone', 'help']);
  });

  it('offers one-click buttons for questions only', () => {
    // Act
    const help = slackHelp('staff', all);
    // Assess
    expect(help.text).toMatch(/^What you can do here as staff/);
    expect(actions(help.blocks)[0]!.elements.map((e) => e.value)).toEqual([
      'check stock',
      'show me the stock report',
      'can I give blood',
    ]);
  });
});

describe('answers for the asker only', () => {
  function poster() {
    const calls: Array<{ method: string; args: Record<string, unknown> }> = [];
    return {
      calls,
      chat: {
        postMessage: async (args: Record<string, unknown>) => calls.push({ method: 'postMessage', args }),
        postEphemeral: async (args: Record<string, unknown>) => calls.push({ method: 'postEphemeral', args }),
      },
    };
  }
  const turn = (source: SlackTurn['source']): SlackTurn => ({
    source,
    teamId: 'T0',
    userId: 'U0STAFF',
    channelId: source === 'dm' ? 'D0STAFF' : 'C0SHARED',
    threadTs: '1.1',
    text: 'x',
  });

  it.each([
    ['a mention, for the asker only', 'mention', true, 'postEphemeral'],
    ['a mention, shareable', 'mention', false, 'postMessage'],
    ['a direct message, for the asker only', 'dm', true, 'postMessage'],
  ] as const)('%s → chat.%s', async (_label, source, ephemeral, method) => {
    // Prepare
    const client = poster();
    const delivery = createSlackDelivery({ client });
    // Act
    await delivery.deliver(turn(source), { text: 'DINs', blocks: [], ephemeral });
    // Assess
    expect(client.calls).toEqual([
      { method, args: expect.objectContaining({ channel: turn(source).channelId, thread_ts: '1.1' }) },
    ]);
    if (method === 'postEphemeral') expect(client.calls[0]!.args.user).toBe('U0STAFF');
  });
});
