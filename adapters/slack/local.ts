/**
 * Slack in the embedded default: Bolt's own HTTPReceiver mounted at `/slack/events` on the local
 * server. It verifies Slack's signature and timestamp itself (401 otherwise; a stamp more than five
 * minutes ahead is refused here first, since Bolt only checks the past) and answers as soon as
 * a listener acks (processBeforeResponse false); the turn then runs in this process, tracked so
 * shutdown and tests can wait for in-flight turns to finish.
 */

import type { RequestListener } from 'node:http';
import type { Logger } from '@aws-lambda-powertools/logger';
import { HTTPReceiver, LogLevel, webApi } from '@slack/bolt';
import { createSlackApp } from './app.js';
import { createSlackDelivery, recordingDelivery } from './delivery.js';
import { runSlackTurnSafely } from './safeTurn.js';
import { isFreshSlackTimestamp } from './signing.js';
import type { SlackTurnDeps } from './turn.js';

export const SLACK_EVENTS_PATH = '/slack/events';

export interface LocalSlackOptions {
  signingSecret: string;
  botToken: string;
  botUserId?: string;
  slackApiUrl?: string;
  turn: Omit<SlackTurnDeps, 'delivery'>;
  /** True the first time a delivery key is seen (see ./app.ts). */
  claimDelivery: (key: string) => Promise<boolean>;
  now?: () => Date;
  /** Copies each answer to the local outbox. */
  record?: (entry: { channel: 'slack'; to: string; text: string }) => void;
  logger: Logger;
}

export interface LocalSlack {
  requestListener: RequestListener;
  /** Resolves once no turn is running. */
  idle(): Promise<void>;
}

export function createLocalSlack(options: LocalSlackOptions): LocalSlack {
  const receiver = new HTTPReceiver({
    signingSecret: options.signingSecret,
    endpoints: SLACK_EVENTS_PATH,
    processBeforeResponse: false,
    logLevel: LogLevel.ERROR,
    // Slack's payloads are a few kilobytes; Bolt's default would read up to 4 MB.
    bodyLimit: '100kb',
  });
  const client = new webApi.WebClient(options.botToken, {
    ...(options.slackApiUrl ? { slackApiUrl: options.slackApiUrl } : {}),
    logLevel: webApi.LogLevel.ERROR,
    retryConfig: { retries: 0 },
  });
  const base = createSlackDelivery({ client });
  const delivery = options.record ? recordingDelivery(base, options.record) : base;
  // Events being processed: a request is in here before its ack is sent, so idle() cannot miss it.
  const running = new Set<Promise<unknown>>();
  createSlackApp({
    receiver,
    botToken: options.botToken,
    ...(options.botUserId ? { botUserId: options.botUserId } : {}),
    ...(options.slackApiUrl ? { slackApiUrl: options.slackApiUrl } : {}),
    claimDelivery: options.claimDelivery,
    logger: options.logger,
    // The 200 is already on its way (ack); the turn runs inside the event's processing.
    defer: async (turn) => {
      await runSlackTurnSafely(turn, { ...options.turn, delivery });
    },
    observe: (work) => {
      const tracked = work.catch(() => undefined);
      running.add(tracked);
      void tracked.finally(() => running.delete(tracked));
    },
  });
  const now = options.now ?? (() => new Date());
  return {
    requestListener: (req, res) => {
      if (!isFreshSlackTimestamp(req.headers['x-slack-request-timestamp'], now().getTime())) {
        res.writeHead(401, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: 'stale_or_future_request' }));
        return;
      }
      receiver.requestListener(req, res);
    },
    async idle() {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
  };
}
