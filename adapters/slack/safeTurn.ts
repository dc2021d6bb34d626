/**
 * The Slack side's one error boundary: a turn that fails after Slack was acknowledged cannot answer
 * with an HTTP error, so it logs the failure (its name only) and tells the user, once, that nothing
 * was done. It never rethrows: a retry could answer twice.
 */
import { notice } from './blocks.js';
import { runSlackTurn, type SlackTurn, type SlackTurnDeps, type SlackTurnOutcome } from './turn.js';

export const SORRY =
  'Sorry, something went wrong on our side and nothing was changed. Please try again in a moment.';

export async function runSlackTurnSafely(
  turn: SlackTurn,
  deps: SlackTurnDeps,
): Promise<SlackTurnOutcome | 'failed'> {
  try {
    return await runSlackTurn(turn, deps);
  } catch (error) {
    deps.logger.error('slack turn failed', {
      source: turn.source,
      error: error instanceof Error ? error.name : 'unknown',
    });
    await deps.delivery.deliver(turn, notice(SORRY)).catch(() => undefined);
    return 'failed';
  }
}
