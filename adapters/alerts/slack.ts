/**
 * Staff notices to Slack: the configured channel through the Slack adapter's client interface
 * (ChatPoster, a Bolt WebClient on AWS), and the embedded default's stand-in that records each
 * notice in the outbox (channel "slack"), as the Slack adapter does for its answers.
 */
import type { StaffNotice, StaffNotifier } from '../../fulfillment/usecases/alerts/port.js';
import type { UnitNotice, UnitNotifier } from '../../fulfillment/usecases/units/notice.js';
import type { Outbox } from '../local/outbox.js';
import type { SlackMessage } from '../slack/blocks.js';
import type { ChatPoster } from '../slack/delivery.js';
import { staffMessage } from './staffMessage.js';

export class SlackStaffNotifier implements StaffNotifier, UnitNotifier {
  constructor(
    private readonly client: ChatPoster,
    private readonly channel: string,
  ) {}

  async notify(notice: StaffNotice): Promise<void> {
    const message = staffMessage(notice);
    await this.client.chat.postMessage({ channel: this.channel, text: message.text, blocks: message.blocks });
  }

  /** Unit notices (the lookback list) are plain text: DINs, components, hospitals and dates. */
  async notifyUnits(notice: UnitNotice): Promise<void> {
    await this.client.chat.postMessage({
      channel: this.channel,
      text: notice.text,
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: notice.text } }],
    });
  }

  /** A ready-made message (the morning expiring-units list, adapters/alerts/unitJobs.ts). */
  async post(message: SlackMessage): Promise<void> {
    await this.client.chat.postMessage({ channel: this.channel, text: message.text, blocks: message.blocks });
  }
}

export class OutboxStaffNotifier implements StaffNotifier, UnitNotifier {
  constructor(
    private readonly outbox: Pick<Outbox, 'add'>,
    private readonly channel: string,
  ) {}

  async notify(notice: StaffNotice): Promise<void> {
    this.outbox.add({ channel: 'slack', to: this.channel, text: staffMessage(notice).text });
  }

  async notifyUnits(notice: UnitNotice): Promise<void> {
    this.outbox.add({ channel: 'slack', to: this.channel, text: notice.text });
  }

  async post(message: SlackMessage): Promise<void> {
    this.outbox.add({ channel: 'slack', to: this.channel, text: message.text });
  }
}
