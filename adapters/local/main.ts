/**
 * `npm start`: the whole product on this machine, no AWS account. Prints where it listens and how
 * to try it; stops cleanly on Ctrl-C (DynamoDB Local keeps its data under DATA_DIR).
 */
import { startEmbedded } from './app.js';
import { loadLocalConfig } from './config.js';

const config = loadLocalConfig();
const app = await startEmbedded(config);

console.log(`
Blood bank assistant (embedded default) is running.
  Chat page:    ${app.url}/
  Health:       ${app.url}/healthz
  Chat API:     curl -s ${app.url}/api/chat -H 'content-type: application/json' -d '{"text":"how is blood stock"}'
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
