/**
 * One Slack turn, after Slack has been acknowledged: Slack user → staff link → principal → bot →
 * Block Kit → delivered (response_url for commands and buttons, chat.postMessage for mentions and
 * DMs). Adapter → bot runtime → fulfillment.
 *
 * Primary course: find the Slack user's link (none → a polite refusal, nothing else) → admin
 * commands, `help`, `report` and `status` stay here → otherwise sign the linked account's principal
 * (channel slack) and ask the bot, in a session keyed by team, user and channel → render (with
 * confirm buttons when the bot asks to confirm) → deliver (only to the asker unless the answer is
 * shareable).
 */
import { createHash } from 'node:crypto';
import type { Logger } from '@aws-lambda-powertools/logger';
import * as z from 'zod';
import type { BotRuntime } from '../../bots/runtime/port.js';
import { PRINCIPAL_ATTRIBUTE, type Principal, signPrincipal } from '../../fulfillment/auth/principal.js';
import { logTag } from '../../fulfillment/privacy.js';
import type { IdentityStore } from '../../fulfillment/store/port.js';
import {
  parseThresholdCommand,
  runThresholdCommand,
  type ThresholdCommandDeps,
} from '../alerts/slackCommand.js';
import type { AccountDirectory } from '../identity/accounts.js';
import { parseAdminCommand, runAdminCommand } from './admin.js';
import { notice, type SlackMessage, toSlackMessage } from './blocks.js';
import { slackHelp } from './help.js';

export const slackTurnSchema = z.object({
  source: z.enum(['command', 'mention', 'dm', 'action']),
  teamId: z.string().min(1).max(50),
  userId: z.string().min(1).max(50),
  channelId: z.string().min(1).max(50),
  threadTs: z.string().max(50).optional(),
  text: z.string().max(3000),
  responseUrl: z.url().optional(),
});
export type SlackTurn = z.infer<typeof slackTurnSchema>;

export interface SlackDelivery {
  deliver(turn: SlackTurn, message: SlackMessage): Promise<void>;
  /** A second way to reach the user (chat.postEphemeral) when `deliver` failed. */
  notify?(turn: SlackTurn, message: SlackMessage): Promise<void>;
}

/** The last answer per conversation, so `/blood status` can show it again (./safeTurn.ts). */
export interface SlackAnswerStore {
  remember(conversation: string, answer: SlackMessage): Promise<void>;
  recall(conversation: string): Promise<{ text: string; blocks: unknown[]; at: string } | null>;
}

/**
 * The bot (and so fulfillment) has answered, but Slack did not take the answer: whatever the turn
 * changed is committed, and the user must hear that, not "nothing was changed".
 */
export class AnswerUndeliveredError extends Error {
  constructor(options: { cause: unknown }) {
    super('The answer was produced but could not be delivered to Slack', options);
    this.name = 'AnswerUndeliveredError';
  }
}

/** The bot runtime failed: fulfillment may or may not have committed before it did. */
export class BotTurnError extends Error {
  constructor(options: { cause: unknown }) {
    super('The bot turn failed', options);
    this.name = 'BotTurnError';
  }
}

export interface SlackTurnDeps {
  links: Pick<IdentityStore, 'slackLink' | 'linkSlackUser' | 'unlinkSlackUser'>;
  /** The sign-in accounts `/blood link` checks against; null → no link can be made. */
  accounts: AccountDirectory | null;
  runtime: BotRuntime;
  signingKey: string;
  now: () => Date;
  delivery: SlackDelivery;
  logger: Logger;
  /** `/blood report`: the latest stock report for this principal (issue 8); absent → goes to the bot. */
  stockReport?: (principal: Principal) => Promise<string>;
  /** `/blood threshold(s) ...`: stock thresholds per group (issue 5); absent → goes to the bot. */
  thresholds?: ThresholdCommandDeps;
  /** Keeps each bot answer for `/blood status`; absent → `status` goes to the bot. */
  answers?: SlackAnswerStore;
}

export const NO_EARLIER_ANSWER =
  'I have no earlier answer for you in this conversation (answers are kept for a day).';

export const REFUSAL =
  "Sorry, I can only help blood service staff here, and your Slack account isn't linked to a staff account yet. Please ask an admin to link you with `/blood link`.";

export type SlackTurnOutcome = 'refused' | 'admin' | 'answered';

/**
 * Answers that may go into a shared thread when someone mentions the bot: no personal data, no
 * unit numbers, no links that open a report. Every other answer is only for the person who asked.
 */
const SHAREABLE_INTENTS: ReadonlySet<string> = new Set(['CheckStock', 'Help', 'SmallTalk', 'FallbackIntent']);

const privately = (message: SlackMessage): SlackMessage => ({ ...message, ephemeral: true });

/** Mentions of the bot itself are addressing, not content. */
export function stripMentions(text: string): string {
  return text
    .replace(/<@[UW][A-Z0-9]+(?:\|[^>]*)?>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export function slackSessionId(turn: Pick<SlackTurn, 'teamId' | 'userId' | 'channelId'>): string {
  return `slack-${createHash('sha256').update(`${turn.teamId}:${turn.userId}:${turn.channelId}`).digest('hex').slice(0, 40)}`;
}

export async function runSlackTurn(turn: SlackTurn, deps: SlackTurnDeps): Promise<SlackTurnOutcome> {
  const log = { source: turn.source, user: logTag(`${turn.teamId}:${turn.userId}`) };
  const link = await deps.links.slackLink(turn.teamId, turn.userId);
  if (!link) {
    deps.logger.info('slack refused', { ...log, reason: 'not_linked' });
    await deps.delivery.deliver(turn, notice(REFUSAL, true));
    return 'refused';
  }
  const principal: Principal = { userId: link.account, role: link.role, channel: 'slack' };
  const admin = parseAdminCommand(turn.text);
  if (admin) {
    const answer = await runAdminCommand(admin, principal, turn.teamId, deps.links, deps.accounts);
    deps.logger.info('slack admin command', { ...log, command: admin.kind, role: principal.role });
    await deps.delivery.deliver(turn, privately(notice(answer, true)));
    return 'admin';
  }
  const threshold = deps.thresholds ? parseThresholdCommand(turn.text) : null;
  if (threshold && deps.thresholds) {
    const answer = await runThresholdCommand(threshold, principal, deps.thresholds);
    deps.logger.info('slack admin command', {
      ...log,
      command: `threshold:${threshold.kind}`,
      role: principal.role,
    });
    await deps.delivery.deliver(turn, notice(answer));
    return 'admin';
  }
  if (/^(help)?$/i.test(turn.text.trim())) {
    const help = slackHelp(principal.role, {
      report: Boolean(deps.stockReport),
      thresholds: Boolean(deps.thresholds),
      status: Boolean(deps.answers),
    });
    await deps.delivery.deliver(turn, help);
    deps.logger.info('slack help', { ...log, role: principal.role });
    return 'answered';
  }
  if (deps.stockReport && /^report$/i.test(turn.text.trim())) {
    // The chart and CSV links open the report for whoever holds them: buttons, for the asker only.
    const report = await deps.stockReport(principal);
    await deps.delivery.deliver(
      turn,
      privately(toSlackMessage([{ contentType: 'PlainText', content: report }])),
    );
    deps.logger.info('slack report', { ...log, role: principal.role });
    return 'answered';
  }
  const conversation = slackSessionId(turn);
  if (deps.answers && /^status$/i.test(turn.text.trim())) {
    const last = await deps.answers.recall(conversation);
    await deps.delivery.deliver(
      turn,
      privately(
        last
          ? {
              text: `Your last answer here (${last.at}): ${last.text}`,
              blocks: last.blocks as SlackMessage['blocks'],
            }
          : notice(NO_EARLIER_ANSWER),
      ),
    );
    deps.logger.info('slack status', { ...log, found: Boolean(last) });
    return 'answered';
  }
  let result: Awaited<ReturnType<BotRuntime['recognizeText']>>;
  try {
    result = await deps.runtime.recognizeText({
      sessionId: conversation,
      text: turn.text.trim(),
      sessionState: {
        sessionAttributes: { [PRINCIPAL_ATTRIBUTE]: signPrincipal(principal, deps.signingKey, deps.now()) },
      },
    });
  } catch (error) {
    throw new BotTurnError({ cause: error });
  }
  const intent = result.sessionState.intent?.name;
  const rendered = toSlackMessage(result.messages, {
    ...(result.sessionState.dialogAction ? { dialogAction: result.sessionState.dialogAction.type } : {}),
  });
  const answer = intent && SHAREABLE_INTENTS.has(intent) ? rendered : privately(rendered);
  // Kept before delivery: if Slack does not take it, `/blood status` still can show it.
  await deps.answers?.remember(conversation, answer).catch(() => undefined);
  try {
    await deps.delivery.deliver(turn, answer);
  } catch (error) {
    throw new AnswerUndeliveredError({ cause: error });
  }
  deps.logger.info('slack turn', { ...log, intent: intent ?? null });
  return 'answered';
}
