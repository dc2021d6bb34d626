/**
 * The Slack Lambda's design, proven: the API Gateway invocation (Bolt's AwsLambdaReceiver) verifies,
 * acks and only publishes the turn to SNS; nothing is answered yet. The SNS-delivered invocation then
 * runs the turn and answers through response_url. Signature, replay and retry rules hold on this path
 * too. The SNS client is faked at the SDK boundary (no local engine is used for it); everything else
 * is real: DynamoDB Local, the local bot, fulfillment, Bolt, and the Web API client against a stub.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import type { PublishCommand } from '@aws-sdk/client-sns';
import type { SNSEvent } from 'aws-lambda';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { seedDemo } from '../../../adapters/local/seed.js';
import { createSlackLambda } from '../../../adapters/slack/lambda.js';
import { signedHeaders, slashCommandBody } from '../../../adapters/slack/signing.js';
import { loadBot } from '../../../bots/definition/index.js';
import { createNlu } from '../../../bots/nlu/index.js';
import { LocalLexRuntime } from '../../../bots/runtime/local.js';
import { todayIn } from '../../../fulfillment/clock.js';
import { policyFor } from '../../../fulfillment/domain/policy.js';
import { createFulfillment } from '../../../fulfillment/handler.js';
import { DynamoIdentity } from '../../../fulfillment/store/dynamo/identity.js';
import type { DynamoStore } from '../../../fulfillment/store/dynamo/index.js';
import { type SlackStub, slackLambdaEvent, startSlackStub } from '../../support/channels.js';
import { TEST_SIGNING_KEY } from '../../support/lexEvents.js';
import { createTestStore } from '../../support/store.js';

const SECRET = 'lambda-slack-signing-secret';
const TOPIC = 'arn:aws:sns:eu-west-1:123456789012:slack-work';
const TEAM = 'T0LAMBDA';
const quiet = new Logger({ serviceName: 'slack-test', logLevel: 'ERROR' });
let store: DynamoStore;
let stub: SlackStub;
let published: Array<PublishCommand['input']>;
const elsewhere: string[] = [];
let handler: ReturnType<typeof createSlackLambda>;

/** What Slack sends; the worker only posts to Slack's hooks host (routed to the local stub below). */
const SLACK_RESPONSE_URL = 'https://hooks.slack.com/commands/T0LAMBDA/1/lambda';

function commandEvent(
  text: string,
  options: { timestamp?: number; tamper?: boolean; responseUrl?: string } = {},
) {
  const body = slashCommandBody({
    text,
    teamId: TEAM,
    userId: 'U0STAFF',
    channelId: 'C0LAMBDA',
    responseUrl: options.responseUrl ?? SLACK_RESPONSE_URL,
  });
  const headers = signedHeaders(SECRET, body, 'application/x-www-form-urlencoded', options.timestamp);
  return slackLambdaEvent(
    options.tamper ? body.replace('stock', 'steal') : body,
    'application/x-www-form-urlencoded',
    headers,
  );
}

function snsEvent(messages: string[]): SNSEvent {
  return {
    Records: messages.map((Message, i) => ({
      EventSource: 'aws:sns',
      EventVersion: '1.0',
      EventSubscriptionArn: `${TOPIC}:sub`,
      Sns: {
        Message,
        TopicArn: TOPIC,
        MessageId: `m-${i}`,
        Type: 'Notification',
        Timestamp: new Date().toISOString(),
      },
    })),
  } as unknown as SNSEvent;
}

beforeAll(async () => {
  stub = await startSlackStub();
  store = await createTestStore();
  const policy = policyFor('US');
  await seedDemo(store, { today: todayIn('UTC', new Date()), policy });
  const identity = new DynamoIdentity(store.options, store.client);
  await identity.linkSlackUser(
    { teamId: TEAM, slackUserId: 'U0STAFF', account: 'staff@example.org', role: 'staff' },
    { userId: 'setup', role: 'admin', channel: 'system' },
  );
  const fulfil = createFulfillment(
    {
      store,
      policy,
      timeZone: 'UTC',
      defaultSite: 'central',
      principalSigningKey: TEST_SIGNING_KEY,
      now: () => new Date(),
    },
    quiet,
  );
  const bot = loadBot();
  const runtime = new LocalLexRuntime(bot, await createNlu(bot), fulfil, { timeZone: 'UTC' });
  handler = createSlackLambda({
    signingSecret: SECRET,
    botToken: 'xoxb-lambda-test',
    slackApiUrl: stub.apiUrl,
    workTopicArn: TOPIC,
    // The SDK boundary: the one SNS call, captured instead of sent.
    publisher: {
      send: async (command: PublishCommand) => {
        published.push(command.input);
        return { MessageId: `msg-${published.length}`, $metadata: {} };
      },
    },
    claimDelivery: (key) => identity.claimOnce(`slack:${key}`, 3600),
    turn: {
      links: identity,
      accounts: null,
      runtime,
      signingKey: TEST_SIGNING_KEY,
      now: () => new Date(),
      logger: quiet,
    },
    logger: quiet,
    // Slack's hooks host is this test's stub; any other URL goes nowhere (and is counted).
    fetch: async (url, init) => {
      if (String(url).startsWith('https://hooks.slack.com/')) return fetch(stub.responseUrl('lambda'), init);
      elsewhere.push(String(url));
      return new Response(null, { status: 599 });
    },
  });
});
afterAll(async () => {
  store?.destroy();
  await stub?.close();
});
beforeEach(() => {
  published = [];
  stub.requests.length = 0;
});

describe('Slack on Lambda: ack first, work in a second invocation', () => {
  it('the API invocation acks and publishes the turn; the SNS invocation answers', async () => {
    // Act 1: Slack's request
    const ack = await handler(commandEvent('stock O-'), {});
    // Assess 1: acknowledged, nothing answered yet, one turn queued
    expect(ack).toMatchObject({ statusCode: 200 });
    expect(stub.requests).toHaveLength(0);
    expect(published).toHaveLength(1);
    expect(published[0]).toMatchObject({ TopicArn: TOPIC });
    expect(JSON.parse(published[0]!.Message!)).toMatchObject({
      source: 'command',
      teamId: TEAM,
      userId: 'U0STAFF',
      text: 'stock O-',
    });
    // Act 2: SNS delivers the queued turn to the same function
    const work = await handler(snsEvent([published[0]!.Message!]), {});
    // Assess 2
    expect(work).toEqual({ turns: 1 });
    expect(stub.requests.map((r) => r.path)).toEqual(['/response/lambda']);
    expect(stub.requests[0]?.body.text).toMatch(/O- red cells: \d+ units available/);
  });

  it("never posts an answer to a response_url that is not Slack's", async () => {
    // Prepare: a signed command whose response_url points somewhere else
    await handler(commandEvent('stock O-', { responseUrl: 'https://attacker.example/collect' }), {});
    const queued = published.at(-1)!.Message!;
    // Act
    await handler(snsEvent([queued]), {}).catch(() => undefined);
    // Assess: nothing went to the other host, nor to the stub
    expect(elsewhere).toEqual([]);
    expect(stub.requests).toHaveLength(0);
  });

  it.each([
    ['a tampered body', { tamper: true }],
    ['a stale timestamp', { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 }],
  ])('%s → 401 and nothing queued', async (_label, options) => {
    const response = await handler(commandEvent('stock O-', options), {});
    expect(response).toMatchObject({ statusCode: 401 });
    expect(published).toHaveLength(0);
  });

  it('a retried event (X-Slack-Retry-Num) is queued once', async () => {
    const body = JSON.stringify({
      team_id: TEAM,
      api_app_id: 'A0',
      type: 'event_callback',
      event_id: 'Ev0LAMBDARETRY',
      event_time: 1,
      event: {
        type: 'app_mention',
        user: 'U0STAFF',
        text: '<@U0BOT> stock',
        channel: 'C0LAMBDA',
        ts: '1.1',
        event_ts: '1.1',
      },
    });
    for (const retry of [undefined, '1', '2']) {
      const headers = {
        ...signedHeaders(SECRET, body, 'application/json'),
        ...(retry ? { 'x-slack-retry-num': retry } : {}),
      };
      expect(await handler(slackLambdaEvent(body, 'application/json', headers), {})).toMatchObject({
        statusCode: 200,
      });
    }
    expect(published).toHaveLength(1);
  });

  it('skips work items that are not turns', async () => {
    expect(await handler(snsEvent(['not json', JSON.stringify({ source: 'nope' })]), {})).toEqual({
      turns: 0,
    });
    expect(stub.requests).toHaveLength(0);
  });
});
