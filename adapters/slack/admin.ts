/**
 * Admin commands in Slack: linking Slack users to staff accounts (only admins link Slack users).
 *   /blood link @someone staff|admin <account>    /blood unlink @someone
 * Parsed here, checked against the authorization table (`slack.link`, `slack.unlink`: admins only)
 * and, for a link, against the sign-in account itself (it must exist, and the role given may not be
 * above its group: ../identity/accounts.ts), then written through the IdentityStore with the admin as
 * the audited actor. A refused link writes nothing. They never reach the bot.
 */
import { authorize } from '../../fulfillment/auth/authorize.js';
import type { Principal } from '../../fulfillment/auth/principal.js';
import type { IdentityStore } from '../../fulfillment/store/port.js';
import { type AccountDirectory, checkLink } from '../identity/accounts.js';

export type AdminCommand =
  | { kind: 'link'; slackUserId: string; role: 'staff' | 'admin'; account: string }
  | { kind: 'unlink'; slackUserId: string }
  | { kind: 'usage' };

/** `<@U123>`, `<@U123|name>` (escaped mentions) or a bare user id. */
const USER = /^(?:<@([UW][A-Z0-9]{2,})(?:\|[^>]*)?>|([UW][A-Z0-9]{2,}))$/;
const ACCOUNT = /^[\w.+@-]{3,100}$/;

export function parseAdminCommand(text: string): AdminCommand | null {
  const [verb, ...args] = text.trim().split(/\s+/);
  const command = verb?.toLowerCase();
  if (command !== 'link' && command !== 'unlink') return null;
  const user = USER.exec(args[0] ?? '');
  const slackUserId = user?.[1] ?? user?.[2];
  if (!slackUserId) return { kind: 'usage' };
  if (command === 'unlink') return args.length === 1 ? { kind: 'unlink', slackUserId } : { kind: 'usage' };
  const role = args[1]?.toLowerCase();
  const account = args[2];
  if ((role !== 'staff' && role !== 'admin') || !account || !ACCOUNT.test(account) || args.length !== 3) {
    return { kind: 'usage' };
  }
  return { kind: 'link', slackUserId, role, account };
}

export const ADMIN_USAGE =
  'Usage: `/blood link @someone staff|admin <account>` or `/blood unlink @someone` (admins only).';

export async function runAdminCommand(
  command: AdminCommand,
  caller: Principal,
  teamId: string,
  links: Pick<IdentityStore, 'linkSlackUser' | 'unlinkSlackUser'>,
  accounts: AccountDirectory | null,
): Promise<string> {
  // Usage help is about linking, so it is for those who may link.
  const decision = authorize(command.kind === 'unlink' ? 'slack.unlink' : 'slack.link', caller.role);
  if (!decision.allowed) return decision.reason;
  const actor = { userId: caller.userId, role: caller.role, channel: 'slack' as const };
  switch (command.kind) {
    case 'usage':
      return ADMIN_USAGE;
    case 'link': {
      const check = await checkLink(accounts, command.account, command.role);
      if (!check.ok) return check.reason;
      await links.linkSlackUser(
        { teamId, slackUserId: command.slackUserId, account: command.account, role: command.role },
        actor,
      );
      return `Linked <@${command.slackUserId}> to ${command.account} as ${command.role}.`;
    }
    case 'unlink':
      return (await links.unlinkSlackUser(teamId, command.slackUserId, actor))
        ? `Unlinked <@${command.slackUserId}>.`
        : `<@${command.slackUserId}> was not linked.`;
  }
}
