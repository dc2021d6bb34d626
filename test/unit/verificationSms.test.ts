/**
 * Phone codes texted by fulfillment on AWS (fulfillment/verificationSms.ts): the one SNS Publish it
 * makes, faked at the SDK boundary, and the configuration that names the number it is sent from.
 */
import type { PublishCommand } from '@aws-sdk/client-sns';
import { describe, expect, it } from 'vitest';
import { loadFulfillmentConfig } from '../../fulfillment/config.js';
import { snsVerificationSms } from '../../fulfillment/verificationSms.js';

const ENV = {
  TABLE_NAME: 't',
  PRINCIPAL_SIGNING_KEY: 'k'.repeat(32),
  PHONE_HASH_KEY: 'p'.repeat(32),
};

function recorder() {
  const sent: PublishCommand[] = [];
  const client = {
    send: async (command: PublishCommand) => {
      sent.push(command);
      return { MessageId: 'm-1', $metadata: {} };
    },
  };
  return { sent, client };
}

describe('verification SMS through SNS', () => {
  it.each([
    ['with an origination number', '+18005550100', { DataType: 'String', StringValue: '+18005550100' }],
    ['without one', undefined, undefined],
  ])('publishes one transactional SMS to the number, %s', async (_label, from, expected) => {
    // Prepare
    const { sent, client } = recorder();
    // Act
    await snsVerificationSms(client, from).send({ to: '+12025550123', text: 'your code is 123456' });
    // Assess
    expect(sent).toHaveLength(1);
    const input = sent[0]!.input;
    expect(input).toMatchObject({ PhoneNumber: '+12025550123', Message: 'your code is 123456' });
    expect(input.TopicArn).toBeUndefined();
    expect(input.MessageAttributes?.['AWS.SNS.SMS.SMSType']).toEqual({
      DataType: 'String',
      StringValue: 'Transactional',
    });
    expect(input.MessageAttributes?.['AWS.MM.SMS.OriginationNumber']).toEqual(expected);
  });

  it.each([
    [{}, undefined],
    [{ SMS_ORIGINATION_NUMBER: '+18005550100' }, '+18005550100'],
  ])('fulfillment config %j → origination number %s', (extra, expected) => {
    expect(loadFulfillmentConfig({ ...ENV, ...extra }).smsOriginationNumber).toBe(expected);
  });

  it('refuses an origination number that is not E.164 at cold start', () => {
    expect(() => loadFulfillmentConfig({ ...ENV, SMS_ORIGINATION_NUMBER: '0800 555 0100' })).toThrow(
      /SMS_ORIGINATION_NUMBER/,
    );
  });
});
