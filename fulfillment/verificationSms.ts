/**
 * On AWS fulfillment texts phone verification codes itself (RegisterDonor, a donor registering
 * themselves): one SNS Publish to the number, Transactional, from the service's origination number
 * when one is configured. The same PublishCommand shape as the SMS channel's sender
 * (adapters/sms/sender.ts), which fulfillment may not import.
 */
import { PublishCommand, type PublishCommandOutput, SNSClient } from '@aws-sdk/client-sns';
import type { VerificationSms } from './usecases/phoneVerification.js';

/** The SDK boundary (faked in tests). */
export interface SmsPublisher {
  send(command: PublishCommand): Promise<PublishCommandOutput>;
}

export function snsClient(region?: string): SmsPublisher {
  return new SNSClient(region ? { region } : {});
}

export function snsVerificationSms(client: SmsPublisher, originationNumber?: string): VerificationSms {
  return {
    async send({ to, text }) {
      await client.send(
        new PublishCommand({
          PhoneNumber: to,
          Message: text,
          MessageAttributes: {
            'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
            ...(originationNumber
              ? { 'AWS.MM.SMS.OriginationNumber': { DataType: 'String', StringValue: originationNumber } }
              : {}),
          },
        }),
      );
    },
  };
}
