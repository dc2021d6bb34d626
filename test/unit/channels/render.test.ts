/**
 * The pure parts of the channels: Block Kit rendering, Slack admin commands and mentions, SMS
 * keywords and rendering, CORS decisions and the in-memory rate window. No engines, no network.
 */
import { describe, expect, it } from 'vitest';
import { MemoryRateLimiter } from '../../../adapters/shared/rateLimit.js';
import { parseAdminCommand } from '../../../adapters/slack/admin.js';
import { ACTION_PREFIX, escapeMrkdwn, toSlackMessage } from '../../../adapters/slack/blocks.js';
import { slackSessionId, stripMentions } from '../../../adapters/slack/turn.js';
import { asksToStop, isBareAnswer, keywordOf, SMS_TEXT } from '../../../adapters/sms/keywords.js';
import { toSmsText } from '../../../adapters/sms/render.js';
import { corsFor, preflight } from '../../../adapters/web/cors.js';
import type { BotMessage } from '../../../bots/runtime/port.js';

const plain = (content: string): BotMessage => ({ contentType: 'PlainText', content });
const card = (...buttons: Array<[string, string]>): BotMessage => ({
  contentType: 'ImageResponseCard',
  imageResponseCard: { title: 'Choose one', buttons: buttons.map(([text, value]) => ({ text, value })) },
});

describe('Block Kit rendering', () => {
  it('renders a staff stock answer as a two-column table', () => {
    // Prepare
    const content = [
      'Red cells: 120 units available.',
      'O+: 38 units (central 30, northside 8), 12.0 days of supply, OK',
      'O-: 9 units (central 9), 1.9 days of supply, AMBER',
    ].join('\n');
    // Act
    const { blocks, text } = toSlackMessage([plain(content)]);
    // Assess
    expect(text).toBe(content);
    expect(blocks[0]).toEqual({
      type: 'section',
      text: { type: 'mrkdwn', text: 'Red cells: 120 units available.' },
    });
    expect(blocks[1]).toEqual({
      type: 'section',
      fields: [
        { type: 'mrkdwn', text: '*O+*' },
        { type: 'mrkdwn', text: '38 units (central 30, northside 8), 12.0 days of supply, OK' },
        { type: 'mrkdwn', text: '*O-*' },
        { type: 'mrkdwn', text: '9 units (central 9), 1.9 days of supply, AMBER' },
      ],
    });
  });

  it('splits a long table into sections of at most 10 fields', () => {
    const rows = ['O+', 'O-', 'A+', 'A-', 'B+', 'B-', 'AB+', 'AB-'].map((g) => `${g}: 1 units`);
    const { blocks } = toSlackMessage([plain(['Header', ...rows].join('\n'))]);
    const fieldCounts = blocks
      .filter((b) => b.type === 'section' && 'fields' in b)
      .map((b) => (b as { fields: unknown[] }).fields.length);
    expect(fieldCounts).toEqual([10, 6]);
  });

  it('lists allocations with the DIN in code and the expiry bold', () => {
    const { blocks } = toSlackMessage([
      plain(
        'Allocated 2 units of O- red cells (urgent), first-expiring first:\n• W1234 26 000001 7, expires 2026-12-01, at central\n• W1234 26 000002 X, expires 2026-12-03, at northside [O-]\nRequest ab12cd34.',
      ),
    ]);
    expect(blocks[1]).toEqual({
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: '• `W1234 26 000001 7` expires *2026-12-01*, at central\n• `W1234 26 000002 X` expires *2026-12-03*, at northside [O-]',
      },
    });
    expect(blocks[2]).toMatchObject({ type: 'section', text: { text: 'Request ab12cd34.' } });
  });

  it('turns card buttons into an actions block whose values come back as replies', () => {
    const { blocks } = toSlackMessage([plain('Allocate 4 units?'), card(['Yes', 'yes'], ['No', 'no'])]);
    expect(blocks[1]).toEqual({
      type: 'actions',
      elements: [
        {
          type: 'button',
          action_id: `${ACTION_PREFIX}0`,
          text: { type: 'plain_text', text: 'Yes' },
          value: 'yes',
          style: 'primary',
        },
        {
          type: 'button',
          action_id: `${ACTION_PREFIX}1`,
          text: { type: 'plain_text', text: 'No' },
          value: 'no',
        },
      ],
    });
  });

  it('escapes Slack control characters so text cannot ping or link', () => {
    expect(escapeMrkdwn('<!channel> & <https://x|y>')).toBe('&lt;!channel&gt; &amp; &lt;https://x|y&gt;');
    const { blocks } = toSlackMessage([plain('I don\'t know a site called "<!here>".')]);
    expect(JSON.stringify(blocks)).not.toContain('<!here>');
  });
});

describe('Slack admin commands and mentions', () => {
  it.each([
    [
      'link <@U012ABC|alice> staff alice@example.org',
      { kind: 'link', slackUserId: 'U012ABC', role: 'staff', account: 'alice@example.org' },
    ],
    ['LINK <@U012ABC> admin bob', { kind: 'link', slackUserId: 'U012ABC', role: 'admin', account: 'bob' }],
    [
      'link U012ABC staff carol@example.org',
      { kind: 'link', slackUserId: 'U012ABC', role: 'staff', account: 'carol@example.org' },
    ],
    ['unlink <@U012ABC>', { kind: 'unlink', slackUserId: 'U012ABC' }],
    ['link <@U012ABC> donor alice', { kind: 'usage' }],
    ['link <@U012ABC> staff', { kind: 'usage' }],
    ['link someone staff alice', { kind: 'usage' }],
    ['link <@U012ABC> staff <script>', { kind: 'usage' }],
    ['stock O-', null],
    ['linked units?', null],
  ])('%s', (text, expected) => {
    expect(parseAdminCommand(text)).toEqual(expected);
  });

  it('strips mentions of the bot from a question', () => {
    expect(stripMentions('<@U0BOT> how many  O- red cells?')).toBe('how many O- red cells?');
  });

  it('keys a Slack session by team, user and channel, with no Slack ids in it', () => {
    const id = slackSessionId({ teamId: 'T1', userId: 'U1', channelId: 'C1' });
    expect(id).toMatch(/^slack-[0-9a-f]{40}$/);
    expect(id).not.toBe(slackSessionId({ teamId: 'T1', userId: 'U2', channelId: 'C1' }));
  });
});

describe('SMS keywords and rendering', () => {
  it.each([
    ['STOP', 'stop'],
    ['stop', 'stop'],
    [' Stop. ', 'stop'],
    ['UNSUBSCRIBE', 'stop'],
    ['cancel', 'stop'],
    ['opt out', 'stop'],
    ['STOPALL', 'stop'],
    ['QUIT', 'stop'],
    ['END', 'stop'],
    ['start', 'start'],
    ['UNSTOP', 'start'],
    ['help', 'help'],
    ['Info', 'help'],
    ['cancel my appointment', null],
    ['yes', null],
    ['stop the alerts please', null],
  ])('%j → %s', (body, keyword) => {
    expect(keywordOf(body)).toBe(keyword);
  });

  it('keeps every fixed answer within one segment and free of personal data', () => {
    for (const text of Object.values(SMS_TEXT)) expect(text.length).toBeLessThanOrEqual(160);
  });

  it('adds reply options when they fit in one segment, and drops them when they do not', () => {
    expect(toSmsText([plain('Stock is low.'), card(['Book a donation', 'book a donation'])])).toBe(
      'Stock is low. Reply: Book a donation',
    );
    const long = 'x'.repeat(150);
    expect(toSmsText([plain(long), card(['Book a donation', 'book'])])).toBe(long);
    expect(toSmsText([plain('Line one\nLine two')])).toBe('Line one; Line two');
  });

  it.each([
    ['Stop texting me', true],
    ['I want to stop receiving texts', true],
    ['please stop sending me messages', true],
    ['no more texts please', true],
    ['unsubscribe me', true],
    ['opt me out', true],
    ['take me off your list', true],
    ['Please do not contact me', true],
    ["don't text me again", true],
    ["I don't know, text me later", false],
    ['I never got your text', false],
    ['can you text me the address', false],
    ['cancel my appointment', false],
    ['stop', false],
  ])('"%s" asks to stop all texts: %s', (body, expected) => {
    expect(asksToStop(body)).toBe(expected);
  });

  it.each([
    ['yes', true],
    ['YES!', true],
    ['no thanks', true],
    ['Nope.', true],
    ['yes please book friday', false],
    ['no, thursday instead', false],
  ])('"%s" is a bare answer: %s', (body, expected) => {
    expect(isBareAnswer(body)).toBe(expected);
  });

  it('adds no second "Reply:" to a text that already says how to reply', () => {
    const offer = 'Thank you! Earliest: Thu 3 Dec 09:00 at Central. Reply YES to book it or NO to skip.';
    expect(toSmsText([plain(offer), card(['Yes', 'yes'], ['No', 'no'])])).toBe(offer);
  });

  it('always lists the options a text introduces with a colon, however long', () => {
    const text = "Sorry, I didn't understand that. Here is what I can help with:";
    const options: Array<[string, string]> = [
      ['Book a donation', 'book'],
      ['Cancel my appointment', 'cancel'],
      ['When can I donate?', 'when'],
      ['Register as a donor', 'register'],
      ['Stock levels', 'stock'],
    ];
    expect(toSmsText([plain(text), card(...options)])).toBe(
      `${text} Book a donation, Cancel my appointment, When can I donate?, Register as a donor, Stock levels.`,
    );
  });
});

describe('CORS allow-list', () => {
  const allowed = ['https://donate.example.org'];
  const request = (origin?: string, method = 'POST') => ({
    method,
    headers: { ...(origin ? { origin } : {}), 'access-control-request-method': 'POST' },
    body: undefined,
  });

  it('lets requests without an Origin through (curl, server to server)', () => {
    expect(corsFor(request(), allowed)).toEqual({ kind: 'no_origin' });
  });

  it('allows a listed origin, case and trailing slash aside, and echoes it', () => {
    expect(corsFor(request('https://Donate.Example.org/'), allowed)).toEqual({
      kind: 'allowed',
      headers: { 'access-control-allow-origin': 'https://Donate.Example.org/', vary: 'Origin' },
    });
  });

  it('refuses any other origin with a 403 JSON error', () => {
    const decision = corsFor(request('https://evil.example'), allowed);
    expect(decision.kind).toBe('refused');
    if (decision.kind === 'refused') {
      expect(decision.response.status).toBe(403);
      expect(JSON.parse(decision.response.body)).toMatchObject({ error: 'origin_not_allowed' });
    }
  });

  it('answers a preflight for POST with the allowed headers', () => {
    const response = preflight(request('https://donate.example.org', 'OPTIONS'), { vary: 'Origin' });
    expect(response.status).toBe(204);
    expect(response.headers['access-control-allow-headers']).toBe('authorization, content-type');
  });
});

describe('in-memory rate window', () => {
  it('allows `limit` hits per key per window', async () => {
    let now = new Date('2026-11-24T10:00:05Z');
    const limiter = new MemoryRateLimiter({ limit: 2, windowSeconds: 60 }, () => now);
    expect((await limiter.hit('a')).allowed).toBe(true);
    expect((await limiter.hit('a')).allowed).toBe(true);
    expect(await limiter.hit('a')).toEqual({ allowed: false, retryAfterSeconds: 55 });
    expect((await limiter.hit('b')).allowed).toBe(true);
    now = new Date('2026-11-24T10:01:00Z');
    expect((await limiter.hit('a')).allowed).toBe(true);
  });
});
