/**
 * Slack's request signing (v0): HMAC-SHA256 of `v0:<timestamp>:<raw body>` with the app's signing
 * secret. Bolt verifies it on the way in; this side makes signed requests for local trials
 * (`npm run slack:sign`) and for the tests, which must look exactly like Slack's.
 */
import { createHmac } from 'node:crypto';

export function slackSignature(signingSecret: string, timestampSeconds: number, rawBody: string): string {
  return `v0=${createHmac('sha256', signingSecret).update(`v0:${timestampSeconds}:${rawBody}`).digest('hex')}`;
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
    trigger_id: `${Date.now()}.local`,
  }).toString();
}
