/**
 * SMS end to end against the embedded default: End User Messaging's inbound JSON at
 * /api/sms/inbound, replies read from /api/dev/outbox. A donor's conversation, the carrier keywords
 * (STOP and synonyms persist an opt-out of everything; HELP; START), an unknown number, a repeated
 * inboundMessageId. Then the SNS-delivered Lambda entry with the SNS SDK faked at its boundary:
 * what it publishes, and a failed send that is retried rather than lost.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import type { PublishCommand } from '@aws-sdk/client-sns';
import type { SNSEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type EmbeddedApp, startEmbedded } from '../../../adapters/local/app.js';
import type { OutboxEntry } from '../../../adapters/local/outbox.js';
import { DEMO_DONOR_PHONE } from '../../../adapters/local/seed.js';
import { smsSessionId } from '../../../adapters/sms/inbound.js';
import { SMS_TEXT } from '../../../adapters/sms/keywords.js';
import { createSmsHandler } from '../../../adapters/sms/lambda.js';
import { SnsSmsSender } from '../../../adapters/sms/sender.js';
import { anonymous } from '../../../fulfillment/auth/principal.js';
import { createPhoneHasher } from '../../../fulfillment/privacy.js';
import { postJson, TEST_PHONE_KEY, testConfig } from '../../support/channels.js';

const SERVICE_NUMBER = '+18005550100';
const STAFF = 'Bearer staff-test-token';
let app: EmbeddedApp;
let seq = 0;

async function inbound(from: string, body: string, messageId = `in-${++seq}`) {
  const response = await postJson(`${app.url}/api/sms/inbound`, {
    originationNumber: from,
    destinationNumber: SERVICE_NUMBER,
    messageKeyword: 'KEYWORD_123456789012',
    messageBody: body,
    inboundMessageId: messageId,
    previousPublishedMessageId: 'prev-1',
  });
  return response.body.outcome as string;
}

async function outbox(): Promise<OutboxEntry[]> {
  const response = await fetch(`${app.url}/api/dev/outbox`, { headers: { authorization: STAFF } });
  return (await response.json()) as OutboxEntry[];
}

async function repliesDuring(action: () => Promise<unknown>): Promise<OutboxEntry[]> {
  const before = (await outbox()).length;
  await action();
  return (await outbox()).slice(before);
}

beforeAll(async () => {
  app = await startEmbedded(testConfig(), {
    dynamoEndpoint: inject('dynamoEndpoint'),
    // The outbox is a staff door (issue 12); this header stands for a staff member's token.
    identify: async (authorization) =>
      authorization === STAFF ? { userId: 'staff-1', role: 'staff', channel: 'web' } : anonymous('web'),
    quiet: true,
  });
});
afterAll(async () => {
  await app?.stop();
});

describe('a donor texting in', () => {
  it('is recognised by their number and answered about their own record', async () => {
    // Act
    const replies = await repliesDuring(async () =>
      expect(await inbound(DEMO_DONOR_PHONE, 'when can I donate again?')).toBe('replied'),
    );
    // Assess
    expect(replies).toEqual([expect.objectContaining({ channel: 'sms', to: DEMO_DONOR_PHONE })]);
    expect(replies[0]?.text).toMatch(/you can donate whole blood now|again from/);
    expect(replies[0]?.text).not.toMatch(/In general/);
  });

  it('talks to the bot under a session id derived from the phone hash, not the number', () => {
    const id = smsSessionId(createPhoneHasher(TEST_PHONE_KEY)(DEMO_DONOR_PHONE));
    expect(id).toMatch(/^sms-[0-9a-f]{40}$/);
    expect(id).not.toContain(DEMO_DONOR_PHONE.slice(2));
  });
});

describe('carrier keywords', () => {
  const PHONE = DEMO_DONOR_PHONE;

  it('STOP opts the number out of everything, persistently; HELP still answers; START opts back in', async () => {
    // STOP: one confirmation, then the number is out.
    const stop = await repliesDuring(async () => expect(await inbound(PHONE, 'STOP')).toBe('opted_out'));
    expect(stop.map((r) => r.text)).toEqual([SMS_TEXT.stopped]);
    expect(await app.identityStore.isPhoneOptedOut(PHONE)).toBe(true);
    expect((await app.store.donorById(app.seed.demoDonorId!))?.smsOptIn).toBe(false);

    // Anything else: no reply at all, and the bot is not asked.
    const silent = await repliesDuring(async () =>
      expect(await inbound(PHONE, 'book a donation')).toBe('suppressed'),
    );
    expect(silent).toEqual([]);

    // HELP is answered even when opted out (carriers require it).
    const help = await repliesDuring(async () => expect(await inbound(PHONE, 'help')).toBe('help'));
    expect(help.map((r) => r.text)).toEqual([SMS_TEXT.help]);

    // START: back in, and the conversation works again.
    const start = await repliesDuring(async () => expect(await inbound(PHONE, 'start')).toBe('opted_in'));
    expect(start.map((r) => r.text)).toEqual([SMS_TEXT.started]);
    expect((await app.store.donorById(app.seed.demoDonorId!))?.smsOptIn).toBe(true);
    expect(await inbound(PHONE, 'when can I donate')).toBe('replied');
  });

  it.each(['unsubscribe', 'Cancel', 'quit', 'STOPALL'])('%s is a STOP', async (word) => {
    const phone = '+12025550177';
    expect(await inbound(phone, word)).toBe('opted_out');
    expect(await app.identityStore.isPhoneOptedOut(phone)).toBe(true);
    await inbound(phone, 'START');
  });

  it('HELP says who we are and how to stop, in one segment', async () => {
    const replies = await repliesDuring(() => inbound('+12025550188', 'HELP'));
    expect(replies[0]?.text).toMatch(/Blood Service/);
    expect(replies[0]?.text).toMatch(/STOP/);
    expect(replies[0]?.text.length).toBeLessThanOrEqual(160);
  });
});

describe('words people text', () => {
  it.each(['Stop texting me', 'please no more messages', 'take me off your list'])(
    '"%s" opts the number out like STOP',
    async (body) => {
      // Prepare
      const phone = '+12025550144';
      // Act
      const replies = await repliesDuring(async () => expect(await inbound(phone, body)).toBe('opted_out'));
      // Assess
      expect(replies.map((r) => r.text)).toEqual([SMS_TEXT.stopped]);
      expect(await app.identityStore.isPhoneOptedOut(phone)).toBe(true);
      await inbound(phone, 'START');
    },
  );

  it('gibberish gets one helpful line, not a menu the SMS cannot show', async () => {
    const replies = await repliesDuring(() => inbound(DEMO_DONOR_PHONE, 'qwzx plmk vvv'));
    expect(replies.map((r) => r.text)).toEqual([SMS_TEXT.notUnderstood]);
  });

  it('a YES with no appeal waiting is told so', async () => {
    const replies = await repliesDuring(() => inbound(DEMO_DONOR_PHONE, 'YES'));
    expect(replies.map((r) => r.text)).toEqual([SMS_TEXT.noAppeal]);
  });
});

describe('unknown numbers and repeats', () => {
  it('an unknown number gets a short reply that reveals nothing', async () => {
    const replies = await repliesDuring(async () =>
      expect(await inbound('+12025550166', 'is Dana registered? cancel her appointment')).toBe(
        'unknown_number',
      ),
    );
    expect(replies.map((r) => r.text)).toEqual([SMS_TEXT.unknown]);
    expect(replies[0]?.text).not.toMatch(/Dana|appointment|stock|\d{4}/);
  });

  it('a repeated inboundMessageId is handled once', async () => {
    const replies = await repliesDuring(async () => {
      expect(await inbound(DEMO_DONOR_PHONE, 'how is blood stock', 'dup-1')).toBe('replied');
      expect(await inbound(DEMO_DONOR_PHONE, 'how is blood stock', 'dup-1')).toBe('duplicate');
    });
    expect(replies).toHaveLength(1);
  });

  it('a payload that is not an inbound SMS → 400, nothing sent', async () => {
    const replies = await repliesDuring(async () => {
      const response = await postJson(`${app.url}/api/sms/inbound`, {
        originationNumber: 'not a number',
        messageBody: 'hi',
      });
      expect(response.status).toBe(400);
    });
    expect(replies).toEqual([]);
  });
});

describe('SMS Lambda (SNS-delivered) with the SNS SDK faked at its boundary', () => {
  const snsEvent = (message: unknown): SNSEvent =>
    ({
      Records: [{ EventSource: 'aws:sns', Sns: { Message: JSON.stringify(message) } }],
    }) as unknown as SNSEvent;

  it('answers through SNS Publish from the number texted, and a failed send is retried, not lost', async () => {
    // Prepare: an SNS client whose first Publish fails (throttled), then succeeds.
    const published: Array<PublishCommand['input']> = [];
    let calls = 0;
    const sender = new SnsSmsSender({
      client: {
        send: async (command: PublishCommand) => {
          calls++;
          if (calls === 1) throw Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
          published.push(command.input);
          return { MessageId: 'sns-1', $metadata: {} };
        },
      },
    });
    const handler = createSmsHandler({
      identity: app.identityStore,
      donorIdByPhone: (p) => app.store.donorIdByPhone(p),
      hashPhone: createPhoneHasher(TEST_PHONE_KEY),
      runtime: app.runtime,
      signingKey: app.config.principalSigningKey,
      now: () => new Date(),
      sender,
      logger: new Logger({ serviceName: 'sms-test', logLevel: 'ERROR' }),
    });
    const message = {
      originationNumber: DEMO_DONOR_PHONE,
      destinationNumber: SERVICE_NUMBER,
      messageBody: 'when can I donate',
      inboundMessageId: 'lambda-retry-1',
    };
    // Act: the first delivery fails; Lambda's async retry delivers the same event again.
    await expect(handler(snsEvent(message))).rejects.toThrow(/Rate exceeded/);
    const retried = await handler(snsEvent(message));
    const again = await handler(snsEvent(message));
    // Assess
    expect(retried).toEqual({ outcomes: ['replied'] });
    expect(again).toEqual({ outcomes: ['duplicate'] });
    expect(published).toHaveLength(1);
    expect(published[0]).toMatchObject({
      PhoneNumber: DEMO_DONOR_PHONE,
      MessageAttributes: {
        'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
        'AWS.MM.SMS.OriginationNumber': { DataType: 'String', StringValue: SERVICE_NUMBER },
      },
    });
  });
});
