/**
 * The SNS side of alerts. Design (README "Shortage alerts"): one Publish per donor, to the donor's
 * phone number, paced by the SMS rate limiter; topic fan-out only for the alert's lifecycle events.
 *
 * - Appeals reuse the SMS adapter's SnsSmsSender (adapters/sms/sender.ts): the PublishCommand it
 *   builds is the one that runs on AWS. Locally its SNS client is OutboxSnsClient, which writes the
 *   same request objects to the outbox; the benchmark replaces it with a counting fake.
 * - PublishBatch cannot carry appeals: it takes only a TopicArn (no PhoneNumber), and a topic would
 *   need a filter policy per donor to reach exactly the selected ones (SNS allows 200 per topic).
 * - Lifecycle events (started / escalated / recovered / progress) go to the shortage-alerts topic,
 *   one Publish each, with message attributes so subscribers can filter by group, level and kind.
 */
import { PublishCommand, type PublishCommandOutput } from '@aws-sdk/client-sns';
import type {
  AlertRecord,
  AppealSender,
  AppealSms,
  StaffNotice,
  StaffNotifier,
} from '../../fulfillment/usecases/alerts/port.js';
import type { Outbox } from '../local/outbox.js';
import type { SmsSender, SnsPublisher } from '../sms/sender.js';

/** Appeals through the SMS channel's sender (its opt-out and origination-number handling). */
export function appealSender(sms: SmsSender, originationNumber?: string): AppealSender {
  return {
    send: (appeal: AppealSms) =>
      sms.send({
        to: appeal.to,
        text: appeal.text,
        ...(originationNumber ? { from: originationNumber } : {}),
      }),
  };
}

/** The lifecycle event as published to the topic: ids and counts only, no personal data. */
export function lifecyclePublish(topicArn: string, notice: StaffNotice): PublishCommand {
  const a: AlertRecord = notice.alert;
  const attribute = (value: string) => ({ DataType: 'String', StringValue: value });
  return new PublishCommand({
    TopicArn: topicArn,
    Subject: `Blood stock ${a.group} ${a.level}: alert ${notice.kind}`,
    Message: JSON.stringify({
      kind: notice.kind,
      alertId: a.alertId,
      group: a.group,
      component: a.component,
      level: a.level,
      status: a.status,
      daysOfSupply: notice.row?.daysOfSupply ?? a.daysOfSupply,
      unitsNeeded: a.unitsNeeded,
      counts: a.counts,
    }),
    MessageAttributes: {
      kind: attribute(notice.kind),
      group: attribute(a.group),
      level: attribute(a.level),
    },
  });
}

export class TopicNotifier implements StaffNotifier {
  constructor(
    private readonly client: SnsPublisher,
    private readonly topicArn: string,
  ) {}

  async notify(notice: StaffNotice): Promise<void> {
    await this.client.send(lifecyclePublish(this.topicArn, notice));
  }
}

/**
 * The embedded default's SNS: each Publish to a phone number lands in the outbox as the SMS it
 * would have sent; topic publishes are kept in memory (they have no person to show them to).
 */
export class OutboxSnsClient implements SnsPublisher {
  readonly topicMessages: PublishCommand['input'][] = [];
  private sequence = 0;

  constructor(private readonly outbox: Pick<Outbox, 'add'>) {}

  async send(command: PublishCommand): Promise<PublishCommandOutput> {
    const input = command.input;
    if (input.PhoneNumber)
      this.outbox.add({ channel: 'sms', to: input.PhoneNumber, text: input.Message ?? '' });
    else this.topicMessages.push(input);
    return { MessageId: `local-${++this.sequence}`, $metadata: {} };
  }
}
