/**
 * Finding 2 (issue 12): Slack deliveries have one effect each. Real signed requests into Bolt's own
 * HTTPReceiver (the embedded default): the same signed `/blood request …` and the same "yes" click,
 * each sent twice (a replay, byte for byte), allocate once; slash commands, button clicks and events
 * are claimed by their identity. A request stamped more than five minutes from now in either
 * direction is refused (Bolt alone only refuses the past).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { type EmbeddedApp, startEmbedded } from '../../../adapters/local/app.js';
import { signedHeaders, slashCommandBody } from '../../../adapters/slack/signing.js';
import { anonymous } from '../../../fulfillment/auth/principal.js';
import { type SlackStub, startSlackStub, testConfig } from '../../support/channels.js';

const SECRET = 'hardening-slack-signing-secret';
const TEAM = 'T0ONCE';
const STAFF = 'U0ONCESTAFF';
let app: EmbeddedApp;
let stub: SlackStub;

type Signed = { body: string; headers: Record<string, string> };

/** A request signed once; sending it again is exactly what a replaying attacker or a retry sends. */
function sign(
  body: string,
  contentType: 'application/x-www-form-urlencoded' | 'application/json',
  at?: number,
) {
  return { body, headers: signedHeaders(SECRET, body, contentType, at) };
}

async function send(request: Signed): Promise<number> {
  const response = await fetch(`${app.url}/slack/events`, {
    method: 'POST',
    headers: request.headers,
    body: request.body,
  });
  await response.text();
  await app.slack!.idle();
  return response.status;
}

function commandRequest(id: string, text: string, at?: number): Signed {
  return sign(
    slashCommandBody({
      text,
      teamId: TEAM,
      userId: STAFF,
      channelId: 'C0ONCE',
      responseUrl: stub.responseUrl(id),
    }),
    'application/x-www-form-urlencoded',
    at,
  );
}

function clickRequest(id: string, value: string, triggerId: string): Signed {
  const payload = {
    type: 'block_actions',
    team: { id: TEAM, domain: 'bloodservice' },
    user: { id: STAFF, team_id: TEAM },
    api_app_id: 'A0ONCE',
    channel: { id: 'C0ONCE', name: 'bloodbank' },
    container: { type: 'message', message_ts: '1.0', channel_id: 'C0ONCE', is_ephemeral: true },
    trigger_id: triggerId,
    response_url: stub.responseUrl(id),
    actions: [
      {
        type: 'button',
        action_id: 'bot_reply_0',
        block_id: 'b1',
        value,
        text: { type: 'plain_text', text: value },
        action_ts: `${Date.now() / 1000}`,
      },
    ],
  };
  return sign(
    new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
    'application/x-www-form-urlencoded',
  );
}

const answersTo = (id: string) => stub.requests.filter((r) => r.path === `/response/${id}`);

async function slackAllocations(): Promise<number> {
  const audit = await app.store.auditByDay(new Date().toISOString().slice(0, 10));
  return audit.filter((e) => e.action === 'request.created' && e.actor.channel === 'slack').length;
}

beforeAll(async () => {
  stub = await startSlackStub();
  app = await startEmbedded(
    testConfig({ slack: { signingSecret: SECRET, botToken: 'xoxb-test-token', apiUrl: stub.apiUrl } }),
    { dynamoEndpoint: inject('dynamoEndpoint'), identify: async () => anonymous('web'), quiet: true },
  );
  await app.identityStore.linkSlackUser(
    { teamId: TEAM, slackUserId: STAFF, account: 'staff@example.org', role: 'staff' },
    { userId: 'setup', role: 'admin', channel: 'system' },
  );
  // Starting the embedded default (bot, NLU, seed) is slow on a shared machine.
}, 240_000);
afterAll(async () => {
  await app?.stop();
  await stub?.close();
});
beforeEach(() => {
  stub.requests.length = 0;
});

describe('exactly once through the local HTTPReceiver', () => {
  it('the same signed /blood request and its "yes" click, each sent twice, allocate once', async () => {
    // Prepare
    const before = await slackAllocations();
    const request = commandRequest('once-request', 'request 2 units of O+ red cells routine');
    // Act: ask, click yes (a button's value comes back as the next turn), then the attacker (or a flaky proxy) replays both
    const statuses = [await send(request)];
    const yes = clickRequest('once-yes', 'yes', '4242.once.yes');
    statuses.push(await send(yes), await send(request), await send(yes));
    // Assess: every delivery acknowledged, one answer each, one allocation
    expect(statuses).toEqual([200, 200, 200, 200]);
    expect(answersTo('once-request')).toHaveLength(1);
    expect(answersTo('once-yes').map((a) => a.body.text)).toEqual([
      expect.stringMatching(/Allocated 2 units of O\+ red cells/),
    ]);
    expect((await slackAllocations()) - before).toBe(1);
  });

  it('a replayed "yes" typed as a command confirms once', async () => {
    // Prepare
    const before = await slackAllocations();
    await send(commandRequest('typed-request', 'request 2 units of A+ red cells routine'));
    const yes = commandRequest('typed-yes', 'yes');
    // Act
    await send(yes);
    await send(commandRequest('typed-request-again', 'request 2 units of A+ red cells routine'));
    await send(yes);
    // Assess: the second request waits for its own confirmation; the replayed yes did nothing
    expect(answersTo('typed-yes')).toHaveLength(1);
    expect(answersTo('typed-request-again')[0]?.body.text).toMatch(/2 units of A\+ red cells/);
    expect((await slackAllocations()) - before).toBe(1);
  });

  it('two different clicks on the same message are two deliveries', async () => {
    // Prepare
    await send(commandRequest('help-1', 'help'));
    // Act
    await send(clickRequest('click-1', 'check stock', '1.click.one'));
    await send(clickRequest('click-2', 'check stock', '1.click.two'));
    // Assess
    expect(answersTo('click-1')).toHaveLength(1);
    expect(answersTo('click-2')).toHaveLength(1);
  });
});

describe('timestamps within five minutes of now, either way', () => {
  const nowSeconds = () => Math.floor(Date.now() / 1000);
  it.each([
    ['10 minutes in the future', 10 * 60, 401],
    ['6 minutes in the future', 6 * 60, 401],
    ['10 minutes in the past', -10 * 60, 401],
    ['4 minutes in the future', 4 * 60, 200],
    ['4 minutes in the past', -4 * 60, 200],
  ])('a correctly signed command stamped %s (%i s) → %i', async (_label, offset, expected) => {
    // Prepare
    const id = `skew-${offset}`;
    // Act
    const status = await send(commandRequest(id, 'stock O-', nowSeconds() + offset));
    // Assess
    expect(status).toBe(expected);
    expect(answersTo(id)).toHaveLength(expected === 200 ? 1 : 0);
  });
});
