/**
 * Staff notices to Slack: the configured channel through the Slack adapter's client interface
 * (ChatPoster, a Bolt WebClient on AWS), and the embedded default's stand-in that records each
 * notice in the outbox (channel "slack"), as the Slack adapter does for its answers.
 */
import type { StaffNotice, StaffNotifier } from '../../fulfillment/usecases/alerts/port.js';
import type { Outbox } from '../local/outbox.js';
import type { ChatPoster } from '../slack/delivery.js';
import { staffMessage } from './staffMessage.js';

export class SlackStaffNotifier implements StaffNotifier {
  constructor(
    private readonly client: ChatPoster,
    private readonly channel: string,
  ) {}

  async notify(notice: StaffNotice): Promise<void> {
    const message = staffMessage(notice);
    await this.client.chat.postMessage({ channel: this.channel, text: message.text, blocks: message.blocks });
  }
}

export class OutboxStaffNotifier implements StaffNotifier {
  constructor(
    private readonly outbox: Pick<Outbox, 'add'>,
    private readonly channel: string,
  ) {}

  async notify(notice: StaffNotice): Promise<void> {
    this.outbox.add({ channel: 'slack', to: this.channel, text: staffMessage(notice).text });
  }
}
