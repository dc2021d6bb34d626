/**
 * Slack in the embedded default: Bolt's own HTTPReceiver mounted at `/slack/events` on the local
 * server. It verifies Slack's signature and timestamp itself (401 otherwise; a stamp more than five
 * minutes ahead is refused here first, since Bolt only checks the past) and answers as soon as
 * a listener acks (processBeforeResponse false); the turn then runs in this process, tracked so
 * shutdown and tests can wait for in-flight turns to finish.
 */

import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import type { Logger } from '@aws-lambda-powertools/logger';
import { HTTPReceiver, isValidSlackRequest, LogLevel, webApi } from '@slack/bolt';
import { type HttpResponse, json } from '../shared/http.js';
import { createSlackApp } from './app.js';
import { createSlackDelivery, recordingDelivery } from './delivery.js';
import { runSlackTurnSafely } from './safeTurn.js';
import { isFreshSlackTimestamp } from './signing.js';
import type { SlackTurnDeps } from './turn.js';

export const SLACK_EVENTS_PATH = '/slack/events';

/** Slack's payloads are a few kilobytes; Bolt's default would read up to 4 MB. */
export const SLACK_BODY_LIMIT_BYTES = 100_000;

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
  /** For LocalServer.rawRoute: the body is already read (within SLACK_BODY_LIMIT_BYTES). */
  requestListener: (req: IncomingMessage, res: ServerResponse, body: Buffer) => void;
  /** Resolves once no turn is running. */
  idle(): Promise<void>;
}

export function createLocalSlack(options: LocalSlackOptions): LocalSlack {
  const receiver = new HTTPReceiver({
    signingSecret: options.signingSecret,
    endpoints: SLACK_EVENTS_PATH,
    processBeforeResponse: false,
    logLevel: LogLevel.ERROR,
    bodyLimit: SLACK_BODY_LIMIT_BYTES,
    // Bolt's own refusals carry no body; ours say what happened, in JSON, like every other route.
    unhandledRequestHandler: ({ response }) => {
      if (!response.headersSent)
        reply(response, json(404, { error: 'not_handled', message: 'Nothing handles this.' }));
    },
    processEventErrorHandler: async ({ error, response }) => {
      options.logger.error('slack event failed', { error: error.name });
      if (response.headersSent) return false;
      reply(response, json(500, { error: 'internal', message: 'Something went wrong.' }));
      return false;
    },
    dispatchErrorHandler: async ({ response }) => {
      if (!response.headersSent) reply(response, json(404, { error: 'not_found' }));
    },
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
    requestListener: (req, res, body) => {
      const refusal = refuse(req, body, options.signingSecret);
      if (refusal) return reply(res, refusal);
      // Bolt checks only that a request is not too old; one stamped in the future is a replay too.
      // (Every signed request has passed refuse() with its timestamp; only the ssl_check probe has none.)
      const stamp = req.headers['x-slack-request-timestamp'];
      if (stamp !== undefined && !isFreshSlackTimestamp(stamp, now().getTime())) {
        return reply(
          res,
          json(401, {
            error: 'unauthorized',
            message: 'The request timestamp is more than 5 minutes from now.',
          }),
        );
      }
      // Bolt reads no further when the request already carries its raw body (BufferedIncomingMessage).
      Object.assign(req, { rawBody: body });
      receiver.requestListener(req, res);
    },
    async idle() {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
  };
}

function reply(res: ServerResponse, response: HttpResponse): void {
  res.writeHead(response.status, response.headers);
  res.end(response.body);
}

/**
 * What Bolt's HTTPReceiver must never see: it reads `body.ssl_check` of whatever the body parses to,
 * so a signed `null` (JSON) or `payload=null` (form) threw outside any catch and ended the process.
 * Here the signature is checked first (a JSON 401), then the body must parse, the way Bolt parses
 * it, to an object. Slack's unsigned `ssl_check=1` probe passes through (Bolt answers it).
 */
function refuse(req: IncomingMessage, body: Buffer, signingSecret: string) {
  const contentType = req.headers['content-type'];
  const text = body.toString('utf8');
  const form = contentType === 'application/x-www-form-urlencoded' ? parseQuery(text) : null;
  if (form?.ssl_check === '1') return null;
  if (req.method !== 'POST') return json(405, { error: 'method_not_allowed', message: 'Use POST.' });
  const signature = req.headers['x-slack-signature'];
  const timestamp = Number(req.headers['x-slack-request-timestamp']);
  const signed =
    typeof signature === 'string' &&
    Number.isInteger(timestamp) &&
    isValidSlackRequest({
      signingSecret,
      body: text,
      headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': timestamp },
    });
  if (!signed)
    return json(401, { error: 'unauthorized', message: 'The Slack signature is missing or wrong.' });
  let parsed: unknown;
  try {
    parsed = form ? (typeof form.payload === 'string' ? JSON.parse(form.payload) : form) : JSON.parse(text);
  } catch {
    return json(400, { error: 'invalid_body', message: 'The body is not a Slack payload.' });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return json(400, { error: 'invalid_body', message: 'The body is not a Slack payload.' });
  }
  return null;
}
