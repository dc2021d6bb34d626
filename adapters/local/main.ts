/**
 * `npm start`: the whole product on this machine, no AWS account. Prints where it listens and how
 * to try it; stops cleanly on Ctrl-C (DynamoDB Local keeps its data under DATA_DIR).
 */
import { startEmbedded } from './app.js';
import { loadLocalConfig } from './config.js';
import { DEMO_DONOR_PHONE } from './seed.js';

// Node 20 is the Lambda runtime this project targets; the SDK's notice about it is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const config = loadLocalConfig();
const app = await startEmbedded(config);

console.log(`
Blood bank assistant (embedded default) is running.
  Chat page:    ${app.url}/
  Health:       ${app.url}/healthz
  Chat API:     curl -s ${app.url}/api/chat -H 'content-type: application/json' -d '{"text":"how is blood stock"}'
  Sign in:      curl -s ${app.url}/api/dev/login -H 'content-type: application/json' -d '{"username":"staff@example.org","password":"${config.demoPassword}"}'
  Demo accounts (password ${config.demoPassword}, set DEMO_PASSWORD to change):
                donor@example.org (donor Dana, phone ${DEMO_DONOR_PHONE}), staff@example.org, admin@example.org
  SMS inbound:  POST ${app.url}/api/sms/inbound (application/json)   Outbox (staff token): ${app.url}/api/dev/outbox
  Slack:        ${app.slack ? `${app.url}/slack/events` : 'closed (set SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN)'}
  Data:         ${config.dataDir}
`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    app.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
