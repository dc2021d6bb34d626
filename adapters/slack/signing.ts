/**
 * Slack's request signing (v0): HMAC-SHA256 of `v0:<timestamp>:<raw body>` with the app's signing
 * secret. Bolt verifies it on the way in; this side makes signed requests for local trials
 * (`npm run slack:sign`) and for the tests, which must look exactly like Slack's.
 */
import { createHmac, randomBytes } from 'node:crypto';

export function slackSignature(signingSecret: string, timestampSeconds: number, rawBody: string): string {
  return `v0=${createHmac('sha256', signingSecret).update(`v0:${timestampSeconds}:${rawBody}`).digest('hex')}`;
}

/** Slack refuses requests more than five minutes old; we refuse those stamped as far ahead too. */
export const MAX_CLOCK_SKEW_SECONDS = 5 * 60;

/**
 * True when `X-Slack-Request-Timestamp` is within five minutes of now in either direction. Bolt's
 * receivers only refuse old requests, so a request signed with a future stamp (by someone holding
 * the secret briefly, or a skewed clock) could be replayed for as long as the stamp lies ahead.
 */
export function isFreshSlackTimestamp(header: unknown, nowMs: number): boolean {
  const value = Array.isArray(header) ? header[0] : header;
  if (typeof value !== 'string' || !/^\d{1,12}$/.test(value)) return false;
  return Math.abs(Math.floor(nowMs / 1000) - Number(value)) <= MAX_CLOCK_SKEW_SECONDS;
}

export function signedHeaders(
  signingSecret: string,
  rawBody: string,
  contentType: 'application/x-www-form-urlencoded' | 'application/json',
  timestampSeconds = Math.floor(Date.now() / 1000),
): Record<string, string> {
  return {
    'content-type': contentType,
    'x-slack-request-timestamp': String(timestampSeconds),
    'x-slack-signature': slackSignature(signingSecret, timestampSeconds, rawBody),
  };
}

/** A `/blood <text>` slash command body, as Slack posts it (form-encoded). */
export function slashCommandBody(input: {
  text: string;
  teamId: string;
  userId: string;
  channelId: string;
  responseUrl: string;
  command?: string;
  /** Slack's id of this invocation; a fresh one unless given (the same id is a replay). */
  triggerId?: string;
}): string {
  return new URLSearchParams({
    token: 'unused-verification-token',
    team_id: input.teamId,
    team_domain: 'bloodservice',
    channel_id: input.channelId,
    channel_name: 'bloodbank',
    user_id: input.userId,
    user_name: 'someone',
    command: input.command ?? '/blood',
    text: input.text,
    api_app_id: 'A0LOCAL',
    is_enterprise_install: 'false',
    response_url: input.responseUrl,
    trigger_id: input.triggerId ?? `${Date.now()}.${randomBytes(6).toString('hex')}`,
  }).toString();
}
