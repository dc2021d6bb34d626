/**
 * The Slack side's one error boundary: a turn that fails after Slack was acknowledged cannot answer
 * with an HTTP error, so it logs the failure (its name only) and tells the user, once, the truth:
 *   - it failed before the bot was asked (link lookup, admin command): nothing was changed;
 *   - the bot itself failed: a change may or may not have been made, so check before repeating;
 *   - the bot answered but Slack did not take the answer (response_url or chat.postMessage failed):
 *     the request was carried out; the answer is kept and `/blood status` shows it.
 * The notice goes out by the normal way and, when that is what failed, by a second one
 * (chat.postEphemeral). A response_url refused as not Slack's gets no notice by any way: the work
 * item is suspect. It never rethrows: a retry could answer twice.
 */

const refused = (error: unknown) =>
  error instanceof ResponseUrlRefusedError ||
  (error instanceof Error && error.cause instanceof ResponseUrlRefusedError);

import { notice } from './blocks.js';
import { ResponseUrlRefusedError } from './delivery.js';
import {
  AnswerUndeliveredError,
  BotTurnError,
  runSlackTurn,
  type SlackTurn,
  type SlackTurnDeps,
  type SlackTurnOutcome,
} from './turn.js';

export const SORRY =
  'Sorry, something went wrong on our side and nothing was changed. Please try again in a moment.';

export const UNSURE =
  'Sorry, something went wrong on our side while I was working on that, and I cannot tell whether it was carried out. Please check (for example with `stock`) before you repeat a request.';

export const DELIVERY_LOST =
  'Done — I handled your message but could not show the answer here. Say `/blood status` to see it; please do not repeat the request.';

export async function runSlackTurnSafely(
  turn: SlackTurn,
  deps: SlackTurnDeps,
): Promise<SlackTurnOutcome | 'failed' | 'undelivered'> {
  try {
    return await runSlackTurn(turn, deps);
  } catch (error) {
    deps.logger.error('slack turn failed', {
      source: turn.source,
      error: error instanceof Error ? error.name : 'unknown',
      cause: error instanceof Error && error.cause instanceof Error ? error.cause.name : undefined,
    });
    if (refused(error)) return 'failed';
    if (error instanceof AnswerUndeliveredError) {
      // The usual way just failed: go straight to the second one, then the usual one as a last try.
      const message = notice(DELIVERY_LOST);
      const told = await deps.delivery.notify?.(turn, message).then(
        () => true,
        () => false,
      );
      if (!told) await deps.delivery.deliver(turn, message).catch(() => undefined);
      return 'undelivered';
    }
    const message = notice(error instanceof BotTurnError ? UNSURE : SORRY);
    try {
      await deps.delivery.deliver(turn, message);
    } catch (failed) {
      if (!refused(failed)) await deps.delivery.notify?.(turn, message).catch(() => undefined);
    }
    return 'failed';
  }
}
