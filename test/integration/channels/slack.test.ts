/**
 * Slack end to end against the embedded default: real signed requests into Bolt's own HTTPReceiver
 * at /slack/events, the local bot and fulfillment, and answers caught by a local stand-in for the
 * Slack Web API and response_url (nothing leaves the machine). Signature, staleness, retries, the
 * staff link and its refusal, admin linking by command, Block Kit, buttons, mentions and DMs.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { NO_DIRECTORY } from '../../../adapters/identity/accounts.js';
import type { EmbeddedApp } from '../../../adapters/local/app.js';
import { signedHeaders, slashCommandBody } from '../../../adapters/slack/signing.js';
import { REFUSAL } from '../../../adapters/slack/turn.js';
import { type SlackStub, type SlackWorld, startSlackWorld } from '../../support/channels.js';

const SECRET = 'test-slack-signing-secret';
const TEAM = 'T0TEST';
const ADMIN = 'U0ADMIN';
const STAFF = 'U0STAFF';
let world: SlackWorld;
let app: EmbeddedApp;
let stub: SlackStub;
let seq = 0;

async function send(
  body: string,
  contentType: 'application/x-www-form-urlencoded' | 'application/json',
  options: { timestamp?: number; tamper?: boolean; retryNum?: number } = {},
) {
  const headers = signedHeaders(SECRET, body, contentType, options.timestamp);
  const response = await fetch(`${app.url}/slack/events`, {
    method: 'POST',
    headers: {
      ...headers,
      ...(options.retryNum
        ? { 'x-slack-retry-num': String(options.retryNum), 'x-slack-retry-reason': 'http_timeout' }
        : {}),
    },
    // A tampered request: the body changed after Slack signed it.
    body: options.tamper ? body.replace('stock', 'request+40+units') : body,
  });
  await app.slack!.idle();
  return response.status;
}

function command(userId: string, text: string, options: Parameters<typeof send>[2] = {}) {
  const id = `cmd-${++seq}`;
  const body = slashCommandBody({
    text,
    teamId: TEAM,
    userId,
    channelId: 'C0BLOODBANK',
    responseUrl: stub.responseUrl(id),
  });
  return { id, status: send(body, 'application/x-www-form-urlencoded', options) };
}

function eventBody(eventId: string, event: Record<string, unknown>): string {
  return JSON.stringify({
    token: 'unused',
    team_id: TEAM,
    api_app_id: 'A0TEST',
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    event: { event_ts: `${Date.now() / 1000}`, ts: `${Date.now() / 1000}`, ...event },
  });
}

const answersTo = (id: string) => stub.requests.filter((r) => r.path === `/response/${id}`);
const posts = () => stub.requests.filter((r) => r.path === '/api/chat.postMessage');
const blocksText = (body: Record<string, unknown>) => JSON.stringify(body.blocks);

beforeAll(async () => {
  world = await startSlackWorld({
    secret: SECRET,
    team: TEAM,
    channel: 'C0BLOODBANK',
    links: [
      { userId: ADMIN, account: 'admin@example.org', role: 'admin' },
      { userId: STAFF, account: 'staff@example.org', role: 'staff' },
    ],
  });
  ({ app, stub } = world);
}, 240_000);
afterAll(async () => {
  await world?.stop();
});
beforeEach(() => {
  stub.requests.length = 0;
});

describe('request verification by Bolt’s HTTPReceiver', () => {
  it('a correctly signed /blood command → 200 and an answer through response_url', async () => {
    const { id, status } = command(STAFF, 'stock O-');
    expect(await status).toBe(200);
    const [answer] = answersTo(id);
    expect(answer?.body).toMatchObject({ response_type: 'ephemeral' });
    expect(answer?.body.text).toMatch(/O- red cells: \d+ units? available/);
    // Block Kit: the group is a table row (fields) with its level emoji, from the answer's data.
    expect(answer?.body.blocks).toContainEqual({
      type: 'section',
      fields: [
        expect.objectContaining({ text: expect.stringMatching(/^\*O-\* {2}(🔴 red|🟠 amber|🟢 green)$/) }),
        expect.objectContaining({ text: expect.stringMatching(/^\d+ units? · [\d.+]+ days? of supply/) }),
      ],
    });
  });

  it('a tampered body → 401, nothing handled', async () => {
    const { id, status } = command(STAFF, 'stock O-', { tamper: true });
    expect(await status).toBe(401);
    expect(answersTo(id)).toHaveLength(0);
    expect(stub.requests).toHaveLength(0);
  });

  it('a correctly signed request older than 5 minutes → 401 (replay)', async () => {
    const { status } = command(STAFF, 'stock O-', { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 });
    expect(await status).toBe(401);
    expect(stub.requests).toHaveLength(0);
  });

  it('a retried event delivery (X-Slack-Retry-Num) has one effect', async () => {
    // Prepare
    const body = eventBody('Ev0RETRY', {
      type: 'app_mention',
      user: STAFF,
      text: '<@U0BOT> stock B+',
      channel: 'C0BLOODBANK',
    });
    // Act
    const first = await send(body, 'application/json');
    const retry = await send(body, 'application/json', { retryNum: 1 });
    const again = await send(body, 'application/json', { retryNum: 2 });
    // Assess
    expect([first, retry, again]).toEqual([200, 200, 200]);
    expect(posts()).toHaveLength(1);
    expect(posts()[0]?.body.text).toMatch(/B\+ red cells/);
  });
});

describe('who may use the Slack door', () => {
  it('an unlinked Slack user gets a polite refusal and nothing else', async () => {
    const { id, status } = command('U0STRANGER', 'request 4 units of O- red cells');
    expect(await status).toBe(200);
    expect(answersTo(id).map((a) => a.body.text)).toEqual([REFUSAL]);
    expect(await app.store.auditByDay(new Date().toISOString().slice(0, 10))).not.toContainEqual(
      expect.objectContaining({
        action: 'request.created',
        actor: expect.objectContaining({ channel: 'slack' }),
      }),
    );
  });

  it('staff cannot link users (linking by an admin: ./slackLink.test.ts)', async () => {
    const denied = command(STAFF, 'link <@U0NEW|newbie> staff staff@example.org');
    await denied.status;
    expect(answersTo(denied.id)[0]?.body.text).toMatch(/Only admins/);
    expect(await app.identityStore.slackLink(TEAM, 'U0NEW')).toBeNull();
  });

  it('without an account directory (no local Cognito) an admin links nobody', async () => {
    const refused = command(ADMIN, 'link <@U0NEW|newbie> staff staff@example.org');
    await refused.status;
    expect(answersTo(refused.id)[0]?.body.text).toBe(NO_DIRECTORY);
    expect(await app.identityStore.slackLink(TEAM, 'U0NEW')).toBeNull();
  });
});

describe('conversations', () => {
  // Each click is its own delivery (a fresh trigger_id and action_ts), as Slack sends them.
  function click(userId: string, value: string) {
    const id = `btn-${++seq}`;
    return { id, status: world.send(world.clickRequest(id, value, { userId })) };
  }

  it('requests units by command, confirms, and lists DINs with expiries', async () => {
    // Act
    const request = command(STAFF, 'request 2 units of O+ red cells routine');
    await request.status;
    const confirm = command(STAFF, 'yes');
    await confirm.status;
    // Assess
    expect(answersTo(request.id)[0]?.body.text).toMatch(/2 units of O\+ red cells/);
    const answer = answersTo(confirm.id)[0]!.body;
    expect(answer.text).toMatch(/Allocated 2 units of O\+ red cells/);
    expect(blocksText(answer)).toMatch(/`W1234 \d\d \d{6} \w` expires \*\d{4}-\d\d-\d\d\*/);
  });

  it('a unit request asks with Yes / No buttons, and "Yes" allocates through the same path as typed text', async () => {
    // Act
    const request = command(STAFF, 'request 2 units of A- red cells routine');
    await request.status;
    const asked = answersTo(request.id)[0]!.body;
    const buttons = (
      asked.blocks as Array<{ type: string; elements?: Array<{ value: string; text: { text: string } }> }>
    ).find((b) => b.type === 'actions');
    const yes = click(STAFF, 'yes');
    // Assess
    expect(asked.text).toMatch(/2 units of A- red cells/);
    expect(buttons?.elements?.map((e) => [e.text.text, e.value])).toEqual([
      ['Yes', 'yes'],
      ['No', 'no'],
    ]);
    expect(await yes.status).toBe(200);
    expect(answersTo(yes.id)[0]?.body.text).toMatch(/Allocated 2 units of A- red cells/);
  });

  it('"No" on the buttons allocates nothing', async () => {
    // Prepare
    const before = await world.slackAllocations();
    await command(STAFF, 'request 1 units of AB+ red cells routine').status;
    // Act
    const no = click(STAFF, 'no');
    // Assess
    expect(await no.status).toBe(200);
    expect(answersTo(no.id)[0]?.body.text).not.toMatch(/Allocated/);
    expect(await world.slackAllocations()).toBe(before);
  });

  it.each([
    [
      'staff',
      STAFF,
      ['/blood report', '/blood thresholds', '/blood status'],
      ['/blood link', '/blood threshold O-'],
    ],
    [
      'admin',
      ADMIN,
      [
        '/blood report',
        '/blood thresholds',
        '/blood threshold O-',
        '/blood link',
        '/blood unlink',
        '/blood status',
      ],
      [],
    ],
  ])('help for %s lists what that role may do', async (_role, user, present, absent) => {
    // Act
    const help = command(user, 'help');
    await help.status;
    const text = String(answersTo(help.id)[0]?.body.text);
    // Assess
    for (const usage of present) expect(text).toContain(usage);
    for (const usage of absent) expect(text).not.toContain(usage);
    expect(text).toContain('/blood request 2 units');
  });

  it('the stock report comes with chart and CSV buttons, not raw URLs', async () => {
    // Act
    const report = command(STAFF, 'report');
    await report.status;
    const answer = answersTo(report.id)[0]!.body;
    // Assess
    expect(answer).toMatchObject({ response_type: 'ephemeral' });
    const blocks = answer.blocks as Array<{
      type: string;
      text?: { text: string };
      elements?: Array<{ url?: string; text: { text: string } }>;
    }>;
    const links = blocks.find((b) => b.type === 'actions')?.elements ?? [];
    expect(links.map((e) => e.text.text)).toEqual(['Open Chart', 'Open CSV']);
    expect(links.every((e) => /^http:\/\/127\.0\.0\.1:\d+\/files\?t=/.test(e.url ?? ''))).toBe(true);
    expect(JSON.stringify(blocks.filter((b) => b.type === 'section'))).not.toContain('/files?t=');
  });

  it('a mention that allocates answers only the asker (ephemeral), never into the shared thread', async () => {
    // Act
    await send(
      eventBody('Ev0PRIVATE1', {
        type: 'app_mention',
        user: STAFF,
        text: '<@U0BOT> request 1 units of O+ red cells routine',
        channel: 'C0BLOODBANK',
        ts: '1700000001.000100',
      }),
      'application/json',
    );
    await send(
      eventBody('Ev0PRIVATE2', {
        type: 'app_mention',
        user: STAFF,
        text: '<@U0BOT> yes',
        channel: 'C0BLOODBANK',
        ts: '1700000001.000100',
        thread_ts: '1700000001.000100',
      }),
      'application/json',
    );
    // Assess
    const ephemeral = stub.requests.filter((r) => r.path === '/api/chat.postEphemeral');
    expect(posts()).toHaveLength(0);
    expect(ephemeral.map((r) => r.body)).toEqual([
      expect.objectContaining({ user: STAFF, channel: 'C0BLOODBANK', thread_ts: '1700000001.000100' }),
      expect.objectContaining({
        user: STAFF,
        text: expect.stringMatching(/Allocated 1 units? of O\+ red cells/),
      }),
    ]);
  });

  it('offers buttons, and a click comes back as the next turn', async () => {
    // Prepare
    const help = command(STAFF, 'help');
    await help.status;
    const actions = (
      answersTo(help.id)[0]!.body.blocks as Array<{ type: string; elements?: Array<{ value: string }> }>
    ).find((b) => b.type === 'actions');
    expect(actions?.elements?.map((e) => e.value)).toContain('check stock');
    // Act
    const clicked = click(STAFF, 'check stock');
    // Assess
    expect(await clicked.status).toBe(200);
    expect(answersTo(clicked.id)[0]?.body.text).toMatch(/units available/);
  });

  it('answers a mention in its thread', async () => {
    await send(
      eventBody('Ev0MENTION', {
        type: 'app_mention',
        user: STAFF,
        text: '<@U0BOT> hello',
        channel: 'C0BLOODBANK',
        ts: '1700000000.000100',
      }),
      'application/json',
    );
    expect(posts()).toHaveLength(1);
    expect(posts()[0]?.body).toMatchObject({ channel: 'C0BLOODBANK', thread_ts: '1700000000.000100' });
  });

  it('answers a direct message in the conversation, and ignores bot messages', async () => {
    await send(
      eventBody('Ev0DM', {
        type: 'message',
        channel_type: 'im',
        user: STAFF,
        text: 'stock A-',
        channel: 'D0STAFF',
      }),
      'application/json',
    );
    await send(
      eventBody('Ev0BOT', {
        type: 'message',
        channel_type: 'im',
        bot_id: 'B0BOT',
        text: 'echo',
        channel: 'D0STAFF',
      }),
      'application/json',
    );
    expect(posts()).toHaveLength(1);
    expect(posts()[0]?.body).toMatchObject({ channel: 'D0STAFF' });
    expect(posts()[0]?.body.text).toMatch(/A- red cells/);
  });

  it('copies each Slack answer to the local outbox', async () => {
    // Prepare: only what this command adds counts (shortage notices from earlier turns may land too).
    const before = app.outbox.list().length;
    // Act
    await command(STAFF, 'help').status;
    // Assess
    expect(app.outbox.list().slice(before)).toContainEqual(
      expect.objectContaining({ channel: 'slack', to: `${TEAM}/C0BLOODBANK/${STAFF}` }),
    );
  });
});
