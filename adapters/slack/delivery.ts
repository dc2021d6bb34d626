/**
 * How a Slack answer leaves: commands and button clicks answer through their response_url (valid
 * for 30 minutes, up to 5 times; ephemeral, so stock figures and DINs stay with the person who
 * asked); DMs answer in the conversation through chat.postMessage; mentions answer in the thread,
 * except an answer meant for the asker only (`ephemeral`: personal data, DINs, report links), which
 * goes by chat.postEphemeral to them in that thread.
 */
import type { SlackMessage } from './blocks.js';
import type { SlackDelivery, SlackTurn } from './turn.js';

/** The Web API methods we call (Bolt's WebClient has them); in tests they talk to a local stub. */
export interface ChatPoster {
  chat: {
    postMessage(args: {
      channel: string;
      text: string;
      blocks: unknown[];
      thread_ts?: string;
    }): Promise<unknown>;
    /** Only the person who asked sees it: the second way to reach them when the first failed. */
    postEphemeral?(args: {
      channel: string;
      user: string;
      text: string;
      blocks: unknown[];
      thread_ts?: string;
    }): Promise<unknown>;
  };
}

export class SlackDeliveryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SlackDeliveryError';
  }
}

/** A response_url that is not Slack's: refused by policy, so nothing is sent anywhere else either. */
export class ResponseUrlRefusedError extends SlackDeliveryError {
  constructor() {
    super('response_url is not a Slack hooks URL');
    this.name = 'ResponseUrlRefusedError';
  }
}

/**
 * On AWS a response_url reaches the worker through the Slack work topic, so the worker checks it is
 * Slack's before posting an answer (stock figures, DINs) to it: https and a Slack hooks host.
 */
export function isSlackResponseUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (
      url.protocol === 'https:' &&
      (url.hostname === 'hooks.slack.com' || url.hostname === 'hooks.slack-gov.com')
    );
  } catch {
    return false;
  }
}

export function createSlackDelivery(options: {
  client: ChatPoster;
  fetch?: typeof fetch;
  /** Refuse response_urls that are not Slack's (on AWS); the local stand-in posts to a local stub. */
  slackHostsOnly?: boolean;
}): SlackDelivery {
  const doFetch = options.fetch ?? fetch;
  return {
    async deliver(turn: SlackTurn, message: SlackMessage) {
      if (turn.responseUrl) {
        if (options.slackHostsOnly && !isSlackResponseUrl(turn.responseUrl)) {
          throw new ResponseUrlRefusedError();
        }
        const response = await doFetch(turn.responseUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ response_type: 'ephemeral', replace_original: false, ...message }),
        });
        if (!response.ok) throw new SlackDeliveryError(`response_url answered ${response.status}`);
        return;
      }
      const thread = turn.threadTs ? { thread_ts: turn.threadTs } : {};
      if (message.ephemeral && turn.source === 'mention') {
        if (!options.client.chat.postEphemeral) throw new SlackDeliveryError('no way to answer privately');
        await options.client.chat.postEphemeral({
          channel: turn.channelId,
          user: turn.userId,
          text: message.text,
          blocks: message.blocks,
          ...thread,
        });
        return;
      }
      await options.client.chat.postMessage({
        channel: turn.channelId,
        text: message.text,
        blocks: message.blocks,
        ...thread,
      });
    },
    async notify(turn: SlackTurn, message: SlackMessage) {
      if (!options.client.chat.postEphemeral) throw new SlackDeliveryError('no second way to reach the user');
      await options.client.chat.postEphemeral({
        channel: turn.channelId,
        user: turn.userId,
        text: message.text,
        blocks: message.blocks,
      });
    },
  };
}

/** The embedded default also shows every Slack answer in the local outbox. */
export function recordingDelivery(
  delivery: SlackDelivery,
  record: (entry: { channel: 'slack'; to: string; text: string }) => void,
): SlackDelivery {
  const to = (turn: SlackTurn) => `${turn.teamId}/${turn.channelId}/${turn.userId}`;
  return {
    async deliver(turn, message) {
      record({ channel: 'slack', to: to(turn), text: message.text });
      await delivery.deliver(turn, message);
    },
    ...(delivery.notify
      ? {
          notify: async (turn: SlackTurn, message: SlackMessage) => {
            record({ channel: 'slack', to: to(turn), text: message.text });
            await delivery.notify?.(turn, message);
          },
        }
      : {}),
  };
}
