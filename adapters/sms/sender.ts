/**
 * Outbound SMS: the SmsSender port, its AWS implementation (SNS Publish to a phone number, sent from
 * the number the donor texted) and the embedded default's (the local outbox). `respectingOptOut`
 * wraps any sender so that nothing reaches a number that said STOP; only the STOP/HELP answers the
 * carriers require use the unwrapped sender.
 */
import { PublishCommand, type PublishCommandOutput, SNSClient } from '@aws-sdk/client-sns';
import type { Outbox } from '../local/outbox.js';

export interface SmsMessage {
  /** E.164. */
  to: string;
  text: string;
  /** The origination number (the one the donor texted), so replies arrive in the same thread. */
  from?: string;
}

export interface SmsSender {
  send(message: SmsMessage): Promise<void>;
}

/** The one SNS call we make: the SDK boundary, faked in tests. */
export interface SnsPublisher {
  send(command: PublishCommand): Promise<PublishCommandOutput>;
}

export class SnsSmsSender implements SmsSender {
  private readonly client: SnsPublisher;
  private readonly defaultFrom: string | undefined;

  constructor(options: { client?: SnsPublisher; region?: string; defaultOriginationNumber?: string } = {}) {
    this.client = options.client ?? new SNSClient(options.region ? { region: options.region } : {});
    this.defaultFrom = options.defaultOriginationNumber;
  }

  async send(message: SmsMessage): Promise<void> {
    const from = message.from ?? this.defaultFrom;
    await this.client.send(
      new PublishCommand({
        PhoneNumber: message.to,
        Message: message.text,
        MessageAttributes: {
          'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
          ...(from ? { 'AWS.MM.SMS.OriginationNumber': { DataType: 'String', StringValue: from } } : {}),
        },
      }),
    );
  }
}

export class OutboxSmsSender implements SmsSender {
  constructor(private readonly outbox: Outbox) {}

  async send(message: SmsMessage): Promise<void> {
    this.outbox.add({ channel: 'sms', to: message.to, text: message.text });
  }
}

export function respectingOptOut(
  sender: SmsSender,
  isOptedOut: (phoneE164: string) => Promise<boolean>,
): SmsSender {
  return {
    async send(message) {
      if (await isOptedOut(message.to)) return;
      await sender.send(message);
    },
  };
}
