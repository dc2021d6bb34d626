/**
 * Finding 3 (issue 12): when Slack does not take an answer after a committed change, the user is
 * told the truth by a second way (chat.postEphemeral) — "Done … say `/blood status`" — never
 * "nothing was changed"; `/blood status` shows the kept answer, and repeating "yes" allocates no
 * second time. Real signed requests into the embedded default's HTTPReceiver; the response_url of
 * the failing turns points at a port where nothing listens.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { type EmbeddedApp, startEmbedded } from '../../../adapters/local/app.js';
import { DELIVERY_LOST, SORRY } from '../../../adapters/slack/safeTurn.js';
import { signedHeaders, slashCommandBody } from '../../../adapters/slack/signing.js';
import { NO_EARLIER_ANSWER } from '../../../adapters/slack/turn.js';
import { anonymous } from '../../../fulfillment/auth/principal.js';
import { type SlackStub, startSlackStub, testConfig } from '../../support/channels.js';

const SECRET = 'truth-slack-signing-secret';
const TEAM = 'T0TRUTH';
const STAFF = 'U0TRUTH';
/** Nothing listens here: a response_url POST to it fails like Slack being unreachable. */
const DEAD_URL = 'http://127.0.0.1:9/response/lost';
let app: EmbeddedApp;
let stub: SlackStub;

async function command(text: string, responseUrl: string, channelId = 'C0TRUTH'): Promise<number> {
  const body = slashCommandBody({ text, teamId: TEAM, userId: STAFF, channelId, responseUrl });
  const response = await fetch(`${app.url}/slack/events`, {
    method: 'POST',
    headers: signedHeaders(SECRET, body, 'application/x-www-form-urlencoded'),
    body,
  });
  await response.text();
  await app.slack!.idle();
  return response.status;
}

const ephemerals = () => stub.requests.filter((r) => r.path === '/api/chat.postEphemeral');
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
}, 240_000);
afterAll(async () => {
  await app?.stop();
  await stub?.close();
});
beforeEach(() => {
  stub.requests.length = 0;
});

describe('an answer Slack did not take', () => {
  it('after a committed allocation: "Done … /blood status" by postEphemeral, status shows it, a repeated yes allocates nothing', async () => {
    // Prepare
    const before = await slackAllocations();
    await command('request 2 units of B+ red cells routine', stub.responseUrl('ask'));
    expect(answersTo('ask')[0]?.body.text).toMatch(/2 units of B\+ red cells/);
    // Act 1: "yes" commits, and its answer cannot be delivered
    expect(await command('yes', DEAD_URL)).toBe(200);
    // Assess 1: committed once, and told so — by the second way, to this user only
    expect((await slackAllocations()) - before).toBe(1);
    expect(ephemerals().map((r) => r.body)).toEqual([
      expect.objectContaining({ channel: 'C0TRUTH', user: STAFF, text: DELIVERY_LOST }),
    ]);
    expect(JSON.stringify(stub.requests)).not.toContain('nothing was changed');
    expect(SORRY).toContain('nothing was changed');
    // Act 2: the staff member asks what happened
    await command('status', stub.responseUrl('status'));
    // Assess 2: the kept answer, DINs and all
    const status = answersTo('status')[0]?.body;
    expect(status?.text).toMatch(/Your last answer here .*Allocated 2 units of B\+ red cells/);
    expect(JSON.stringify(status?.blocks)).toMatch(/W1234 \d\d \d{6} \w/);
    // Act 3: a retry of the confirmation is a new message; it must not allocate again
    await command('yes', stub.responseUrl('again'));
    // Assess 3
    expect((await slackAllocations()) - before).toBe(1);
    expect(answersTo('again')[0]?.body.text).not.toMatch(/Allocated/);
  });

  it('status in a conversation with no earlier answer says so', async () => {
    await command('status', stub.responseUrl('empty'), 'C0NEVER');
    expect(answersTo('empty')[0]?.body.text).toBe(NO_EARLIER_ANSWER);
  });
});
