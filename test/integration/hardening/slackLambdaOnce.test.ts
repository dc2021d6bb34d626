/**
 * Finding 2 on the Lambda path (issue 12): the API Gateway door (Bolt's AwsLambdaReceiver) claims
 * each delivery before it queues the turn, so a replayed slash command or click is acknowledged but
 * queued once; a request stamped more than five minutes ahead is refused before Bolt. The SNS client
 * is faked at the SDK boundary; DynamoDB Local holds the claims.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import type { PublishCommand } from '@aws-sdk/client-sns';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSlackLambda } from '../../../adapters/slack/lambda.js';
import { signedHeaders, slashCommandBody } from '../../../adapters/slack/signing.js';
import type { BotRuntime } from '../../../bots/runtime/port.js';
import { DynamoIdentity } from '../../../fulfillment/store/dynamo/identity.js';
import type { DynamoStore } from '../../../fulfillment/store/dynamo/index.js';
import { slackLambdaEvent } from '../../support/channels.js';
import { createTestStore } from '../../support/store.js';

const SECRET = 'lambda-once-signing-secret';
const TOPIC = 'arn:aws:sns:eu-west-1:123456789012:slack-work';
const quiet = new Logger({ serviceName: 'slack-test', logLevel: 'ERROR' });
let store: DynamoStore;
let published: Array<PublishCommand['input']>;
let handler: ReturnType<typeof createSlackLambda>;

function command(text: string, at?: number) {
  const body = slashCommandBody({
    text,
    teamId: 'T0LONCE',
    userId: 'U0STAFF',
    channelId: 'C0LONCE',
    responseUrl: 'https://hooks.slack.com/commands/T0LONCE/1/once',
  });
  return slackLambdaEvent(body, 'application/x-www-form-urlencoded', {
    ...signedHeaders(SECRET, body, 'application/x-www-form-urlencoded', at),
  });
}

function click(triggerId: string, actionTs: string) {
  const payload = {
    type: 'block_actions',
    team: { id: 'T0LONCE', domain: 'x' },
    user: { id: 'U0STAFF', team_id: 'T0LONCE' },
    api_app_id: 'A0',
    channel: { id: 'C0LONCE', name: 'x' },
    trigger_id: triggerId,
    response_url: 'https://hooks.slack.com/actions/T0LONCE/1/once',
    actions: [{ type: 'button', action_id: 'bot_reply_0', block_id: 'b', value: 'yes', action_ts: actionTs }],
  };
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  return slackLambdaEvent(body, 'application/x-www-form-urlencoded', {
    ...signedHeaders(SECRET, body, 'application/x-www-form-urlencoded'),
  });
}

beforeAll(async () => {
  store = await createTestStore();
  const identity = new DynamoIdentity(store.options, store.client);
  // The HTTP door never reaches the bot (the worker does); a runtime that would fail loudly.
  const runtime: BotRuntime = {
    recognizeText: async () => {
      throw new Error('the HTTP door must not run turns');
    },
  } as unknown as BotRuntime;
  handler = createSlackLambda({
    signingSecret: SECRET,
    botToken: 'xoxb-once',
    workTopicArn: TOPIC,
    publisher: {
      send: async (cmd: PublishCommand) => {
        published.push(cmd.input);
        return { MessageId: `m-${published.length}`, $metadata: {} };
      },
    },
    claimDelivery: (key) => identity.claimOnce(`slack:${key}`, 3600),
    turn: {
      links: identity,
      accounts: null,
      runtime,
      signingKey: 'k'.repeat(40),
      now: () => new Date(),
      logger: quiet,
    },
    logger: quiet,
  });
});
afterAll(() => store?.destroy());
beforeEach(() => {
  published = [];
});

describe('exactly once on the Lambda door', () => {
  it('a replayed slash command is acknowledged each time and queued once', async () => {
    // Prepare
    const event = command('request 2 units of O+ red cells routine');
    // Act
    const first = await handler(event, {});
    const replay = await handler(event, {});
    // Assess
    expect([first, replay]).toMatchObject([{ statusCode: 200 }, { statusCode: 200 }]);
    expect(published).toHaveLength(1);
  });

  it('a replayed click is queued once; another click is its own delivery', async () => {
    // Act
    await handler(click('9.9.yes', '1700000000.1'), {});
    await handler(click('9.9.yes', '1700000000.1'), {});
    await handler(click('9.9.other', '1700000000.2'), {});
    // Assess
    expect(published).toHaveLength(2);
  });

  it.each([
    ['10 minutes ahead', 10 * 60, 401],
    ['10 minutes behind', -10 * 60, 401],
    ['1 minute ahead', 60, 200],
  ])('a correctly signed command stamped %s → %i', async (_label, offset, expected) => {
    const response = await handler(command('stock O-', Math.floor(Date.now() / 1000) + offset), {});
    expect(response).toMatchObject({ statusCode: expected });
    expect(published).toHaveLength(expected === 200 ? 1 : 0);
  });
});
