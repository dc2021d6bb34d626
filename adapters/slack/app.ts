/**
 * The Bolt app: transport-free listeners shared by the local HTTPReceiver and the Lambda's
 * AwsLambdaReceiver. Every listener acknowledges first and hands the slow part (bot turn, reply) to
 * `defer`, so Slack's 3-second deadline never waits on fulfillment:
 *   - locally, `defer` runs the turn right away: HTTPReceiver (processBeforeResponse false) has
 *     already sent the 200 when ack() returned;
 *   - on Lambda, AwsLambdaReceiver only answers when the listeners return, so `defer` just publishes
 *     the turn to SNS and a separate async invocation does the work (./lambda.ts).
 * Exactly once: every delivery is claimed by its identity before it has an effect — events (mentions,
 * DMs) by the event_id Slack repeats on retries (X-Slack-Retry-Num), slash commands by trigger_id,
 * button clicks by trigger_id and action_ts. A replayed or retried delivery is acknowledged and
 * dropped, so a signed `/blood request …` and its "yes" sent twice allocate once.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import { App, type AppOptions, LogLevel, type Receiver, type ReceiverEvent } from '@slack/bolt';
import { ACTION_PREFIX, LINK_ACTION_PREFIX } from './blocks.js';
import { type SlackTurn, stripMentions } from './turn.js';

export interface SlackAppOptions {
  receiver: Receiver;
  botToken: string;
  botUserId?: string;
  /** Slack Web API base URL; tests point it at a local stub. */
  slackApiUrl?: string;
  /** True the first time a delivery key (`event:…`, `command:…`, `action:…`) is seen. */
  claimDelivery: (key: string) => Promise<boolean>;
  defer: (turn: SlackTurn) => Promise<void>;
  logger: Logger;
  /** Sees each event's processing (ack, listeners, deferred work) so the host can wait for it. */
  observe?: (work: Promise<void>) => void;
}

/**
 * App.processEvent is Bolt's single door in; observing it (rather than the listeners) covers the
 * whole of an event's handling, from before the ack to the last listener.
 */
class ObservedApp extends App {
  constructor(
    options: AppOptions,
    private readonly observe?: (work: Promise<void>) => void,
  ) {
    super(options);
  }

  override processEvent(event: ReceiverEvent): Promise<void> {
    const work = super.processEvent(event);
    this.observe?.(work);
    return work;
  }
}

/** Slack allows longer texts than a bot turn needs; the work item's schema caps them here too. */
const clip = (text: string) => text.slice(0, 3000);

interface MessageLike {
  channel_type?: string;
  subtype?: string;
  bot_id?: string;
  user?: string;
  text?: string;
  channel?: string;
}

export function createSlackApp(options: SlackAppOptions): App {
  const { defer, logger } = options;
  const app = new ObservedApp(
    {
      receiver: options.receiver,
      // A fixed single-workspace authorization: no auth.test call at start, so it runs offline.
      authorize: async () => ({
        botToken: options.botToken,
        ...(options.botUserId ? { botUserId: options.botUserId } : {}),
      }),
      logLevel: LogLevel.ERROR,
      ...(options.slackApiUrl ? { clientOptions: { slackApiUrl: options.slackApiUrl } } : {}),
    },
    options.observe,
  );

  const firstDelivery = async (
    kind: 'event' | 'command' | 'action',
    identity: string | undefined,
    retryNum?: number,
  ) => {
    // Slack always sends these ids; a delivery without one has nothing to be a duplicate of.
    if (!identity) return true;
    if (await options.claimDelivery(`${kind}:${identity}`)) return true;
    logger.info('slack duplicate delivery ignored', { kind, retryNum: retryNum ?? 0 });
    return false;
  };

  app.command('/blood', async ({ command, ack }) => {
    await ack();
    if (!(await firstDelivery('command', command.trigger_id))) return;
    await defer({
      source: 'command',
      teamId: command.team_id,
      userId: command.user_id,
      channelId: command.channel_id,
      text: clip(command.text ?? ''),
      responseUrl: command.response_url,
    });
  });

  app.event('app_mention', async ({ event, body, context }) => {
    if (!event.user || event.bot_id) return;
    if (!(await firstDelivery('event', body.event_id, context.retryNum))) return;
    await defer({
      source: 'mention',
      teamId: body.team_id,
      userId: event.user,
      channelId: event.channel,
      threadTs: event.thread_ts ?? event.ts,
      text: clip(stripMentions(event.text ?? '')),
    });
  });

  app.message(async ({ message, body, context }) => {
    const m = message as MessageLike;
    // Direct messages only; edits, joins and bot messages (including ours) are not questions.
    if (m.channel_type !== 'im' || m.subtype || m.bot_id || !m.user || !m.channel) return;
    if (!(await firstDelivery('event', (body as { event_id?: string }).event_id, context.retryNum))) return;
    await defer({
      source: 'dm',
      teamId: (body as { team_id: string }).team_id,
      userId: m.user,
      channelId: m.channel,
      text: clip(stripMentions(m.text ?? '')),
    });
  });

  app.action(
    { type: 'block_actions', action_id: new RegExp(`^${ACTION_PREFIX}`) },
    async ({ ack, action, body }) => {
      await ack();
      const value = 'value' in action && typeof action.value === 'string' ? action.value : '';
      const teamId = body.team?.id ?? body.user.team_id;
      const channelId = body.channel?.id;
      if (!value || !teamId || !channelId) return;
      const actionTs = 'action_ts' in action ? action.action_ts : undefined;
      const identity = body.trigger_id && actionTs ? `${body.trigger_id}:${actionTs}` : undefined;
      if (!(await firstDelivery('action', identity))) return;
      await defer({
        source: 'action',
        teamId,
        userId: body.user.id,
        channelId,
        text: clip(value),
        ...(body.response_url ? { responseUrl: body.response_url } : {}),
      });
    },
  );

  // A link button opens its URL in the browser; Slack still reports the click and wants an ack.
  app.action({ type: 'block_actions', action_id: new RegExp(`^${LINK_ACTION_PREFIX}`) }, async ({ ack }) => {
    await ack();
  });

  app.error(async (error) => {
    logger.error('slack listener failed', { error: error.name });
  });
  return app;
}
