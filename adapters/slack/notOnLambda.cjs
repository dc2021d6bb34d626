/**
 * Stands in, in the Slack Lambda's bundle only, for packages Bolt requires when it loads but that
 * only its other receivers call: `undici` (SocketModeReceiver), `raw-body` (HTTPReceiver) and
 * `express` (ExpressReceiver). The Lambda uses AwsLambdaReceiver, so none of them runs there; the
 * three would add about 1.2 MB (infra/lib/stateless/functions.ts, BENCHMARKS.md). Reaching one is a
 * bug, and says so.
 */
module.exports = function notOnLambda() {
  throw new Error('This package is not bundled in the Slack Lambda (adapters/slack/notOnLambda.cjs)');
};
