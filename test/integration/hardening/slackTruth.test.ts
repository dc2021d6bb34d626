/**
 * Finding 3 (issue 12): when Slack does not take an answer after a committed change, the user is
 * told the truth by a second way (chat.postEphemeral) — "Done … say `/blood status`" — never
 * "nothing was changed"; `/blood status` shows the kept answer, and repeating "yes" allocates no
 * second time. Real signed requests into the embedded default's HTTPReceiver; the response_url of
 * the failing turns points at a port where nothing listens.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DELIVERY_LOST, SORRY } from '../../../adapters/slack/safeTurn.js';
import { NO_EARLIER_ANSWER } from '../../../adapters/slack/turn.js';
import { type SlackWorld, startSlackWorld } from '../../support/channels.js';

const STAFF = 'U0TRUTH';
/** Nothing listens here: a response_url POST to it fails like Slack being unreachable. */
const DEAD_URL = 'http://127.0.0.1:9/response/lost';
let world: SlackWorld;
let stub: SlackWorld['stub'];

let seq = 0;
function command(text: string, responseUrl: string, channelId = 'C0TRUTH'): Promise<number> {
  return world.send(world.commandRequest(`truth-${++seq}`, text, { responseUrl, channelId }));
}

const ephemerals = () => stub.requests.filter((r) => r.path === '/api/chat.postEphemeral');
const answersTo = (id: string) => world.answersTo(id);
const slackAllocations = () => world.slackAllocations();

beforeAll(async () => {
  world = await startSlackWorld({
    secret: 'truth-slack-signing-secret',
    team: 'T0TRUTH',
    channel: 'C0TRUTH',
    links: [{ userId: STAFF, account: 'staff@example.org', role: 'staff' }],
  });
  stub = world.stub;
}, 240_000);
afterAll(async () => {
  await world?.stop();
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
