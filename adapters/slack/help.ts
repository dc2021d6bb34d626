/**
 * `/blood help` in Slack: exactly what the caller's role may do here, read from the authorization
 * table (fulfillment/auth/authorize.ts) rather than a hand-kept list, so a new intent or a changed
 * rule shows up (or disappears) by itself. Two parts: what the bot understands (the intents the
 * role is allowed, described by the bot definition) and the Slack commands (each guarded by its
 * table action; `status` and `help` are for everyone who gets past the Slack link). Pure.
 */
import { bot, type IntentName } from '../../bots/definition/index.js';
import { type Action, authorize } from '../../fulfillment/auth/authorize.js';
import type { Role } from '../../fulfillment/domain/vocabulary.js';
import { ACTION_PREFIX, type Block, type SlackMessage } from './blocks.js';

/** Conversation plumbing, not something to offer. */
const NOT_OFFERED: ReadonlySet<string> = new Set<IntentName>(['Help', 'SmallTalk', 'FallbackIntent']);

/**
 * What to type, for the intents that have a good short example (others show their description
 * only); `button`: also offered as a one-click button (questions only, nothing that starts a change).
 */
const EXAMPLES: Partial<Record<IntentName, { say: string; button?: true }>> = {
  CheckStock: { say: 'check stock', button: true },
  StockReport: { say: 'show me the stock report', button: true },
  RequestUnits: { say: 'request 2 units of O- red cells urgent' },
  RegisterDonor: { say: 'register a donor' },
  ScheduleDonation: { say: 'book a donation' },
  CancelDonation: { say: 'cancel an appointment' },
  CheckEligibility: { say: 'can I give blood', button: true },
};

/** Which Slack turn features are wired (a deployment may leave one out). */
export interface SlackFeatures {
  report: boolean;
  thresholds: boolean;
  status: boolean;
}

interface SlackCommand {
  usage: string;
  what: string;
  /** The table action that guards it; null: anyone who is linked. */
  action: Action | null;
  needs?: keyof SlackFeatures;
}

export const SLACK_COMMANDS: readonly SlackCommand[] = [
  {
    usage: 'report',
    what: 'the latest stock report, with chart and CSV buttons',
    action: 'reports.stock.read',
    needs: 'report',
  },
  {
    usage: 'thresholds',
    what: "every group's amber and red thresholds (days of supply)",
    action: 'thresholds.show',
    needs: 'thresholds',
  },
  {
    usage: 'threshold O- amber 3 red 1.5',
    what: "change a group's thresholds (0 < red < amber ≤ 30 days)",
    action: 'thresholds.set',
    needs: 'thresholds',
  },
  {
    usage: 'link @someone staff|admin <account>',
    what: "link a Slack user to their sign-in account (never above the account's group)",
    action: 'slack.link',
  },
  { usage: 'unlink @someone', what: 'remove a Slack link', action: 'slack.unlink' },
  {
    usage: 'status',
    what: 'show your last answer in this conversation again',
    action: null,
    needs: 'status',
  },
  { usage: 'help', what: 'this list', action: null },
];

export interface HelpEntry {
  /** An intent name or a command's usage. */
  key: string;
  line: string;
  /** What a quick button sends, when it has one. */
  example?: string;
}

/** The intents and commands `role` may use in Slack, in the bot's and the table's order. */
export function slackCapabilities(
  role: Role,
  features: SlackFeatures,
): { intents: HelpEntry[]; commands: HelpEntry[] } {
  const intents = bot.intents
    .filter((i) => !NOT_OFFERED.has(i.name) && authorize(i.name as IntentName, role).allowed)
    .map((i) => {
      const example = EXAMPLES[i.name as IntentName];
      return {
        key: i.name,
        line: example ? `• ${i.description} — \`/blood ${example.say}\`` : `• ${i.description}`,
        ...(example?.button ? { example: example.say } : {}),
      };
    });
  const commands = SLACK_COMMANDS.filter(
    (c) => (c.action === null || authorize(c.action, role).allowed) && (!c.needs || features[c.needs]),
  ).map((c) => ({ key: c.usage, line: `• \`/blood ${c.usage}\` — ${c.what}` }));
  return { intents, commands };
}

const ARTICLE: Record<Role, string> = {
  anonymous: 'a visitor',
  donor: 'a donor',
  staff: 'staff',
  admin: 'an admin',
};

export function slackHelp(role: Role, features: SlackFeatures): SlackMessage {
  const { intents, commands } = slackCapabilities(role, features);
  const heading = `What you can do here as ${ARTICLE[role]} (after \`/blood\`, in a mention or a direct message):`;
  const asks = ['*Ask in your own words*', ...intents.map((e) => e.line)].join('\n');
  const cmds = ['*Commands*', ...commands.map((e) => e.line)].join('\n');
  const quick = intents.filter((e) => e.example).slice(0, 5);
  const blocks: Block[] = [
    { type: 'section', text: { type: 'mrkdwn', text: heading } },
    { type: 'section', text: { type: 'mrkdwn', text: asks } },
    { type: 'section', text: { type: 'mrkdwn', text: cmds } },
  ];
  if (quick.length) {
    blocks.push({
      type: 'actions',
      elements: quick.map((e, n) => ({
        type: 'button',
        action_id: `${ACTION_PREFIX}${n}`,
        text: { type: 'plain_text', text: e.example! },
        value: e.example!,
      })),
    });
  }
  return { text: [heading, asks, cmds].join('\n'), blocks };
}
