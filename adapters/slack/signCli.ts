/**
 * `npm run --silent slack:sign -- [--user U…] [--team T…] [--url http://127.0.0.1:3000] <text>`:
 * prints a curl command that posts a correctly signed `/blood <text>` to the local /slack/events,
 * using SLACK_SIGNING_SECRET from the environment. Run it within 5 minutes (Slack's replay window):
 *   eval "$(npm run --silent slack:sign -- stock O-)"
 * The answer goes to the response_url, a local sink; read it at /api/dev/outbox.
 */
import { parseArgs } from 'node:util';
import { signedHeaders, slashCommandBody } from './signing.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    user: { type: 'string', default: 'U0LOCALADMIN' },
    team: { type: 'string', default: 'T0LOCAL' },
    channel: { type: 'string', default: 'C0LOCAL' },
    url: { type: 'string', default: `http://127.0.0.1:${process.env.PORT ?? '3000'}` },
  },
});
const secret = process.env.SLACK_SIGNING_SECRET;
if (!secret) {
  console.error('Set SLACK_SIGNING_SECRET (the same value the server was started with).');
  process.exit(2);
}
const body = slashCommandBody({
  text: positionals.join(' '),
  teamId: values.team,
  userId: values.user,
  channelId: values.channel,
  responseUrl: `${values.url}/api/dev/slack/response`,
});
const headers = signedHeaders(secret, body, 'application/x-www-form-urlencoded');
const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
const args = Object.entries(headers).map(([k, v]) => `-H ${quote(`${k}: ${v}`)}`);
console.log(`curl -s -i ${quote(`${values.url}/slack/events`)} ${args.join(' ')} --data ${quote(body)}`);
