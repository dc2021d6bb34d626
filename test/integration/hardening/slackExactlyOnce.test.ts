/**
 * Finding 2 (issue 12): Slack deliveries have one effect each. Real signed requests into Bolt's own
 * HTTPReceiver (the embedded default): the same signed `/blood request …` and the same "yes" click,
 * each sent twice (a replay, byte for byte), allocate once; slash commands, button clicks and events
 * are claimed by their identity. A request stamped more than five minutes from now in either
 * direction is refused (Bolt alone only refuses the past).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type SlackWorld, startSlackWorld } from '../../support/channels.js';

const STAFF = 'U0ONCESTAFF';
let world: SlackWorld;

const send: SlackWorld['send'] = (request) => world.send(request);
const commandRequest = (id: string, text: string, at?: number) =>
  world.commandRequest(id, text, at === undefined ? {} : { at });
const clickRequest = (id: string, value: string, triggerId: string) =>
  world.clickRequest(id, value, { triggerId });
const answersTo = (id: string) => world.answersTo(id);
const slackAllocations = () => world.slackAllocations();

beforeAll(async () => {
  world = await startSlackWorld({
    secret: 'hardening-slack-signing-secret',
    team: 'T0ONCE',
    channel: 'C0ONCE',
    links: [{ userId: STAFF, account: 'staff@example.org', role: 'staff' }],
  });
  // Starting the embedded default (bot, NLU, seed) is slow on a shared machine.
}, 240_000);
afterAll(async () => {
  await world?.stop();
});
beforeEach(() => {
  world.stub.requests.length = 0;
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
