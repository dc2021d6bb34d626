/**
 * The sign-in accounts a Slack link may point at: the account directory port, its two
 * implementations (the Cognito user pool on AWS, the embedded default's cognito-local through the
 * server's own admin client) and the rule every door that links checks (`/blood link`, the link
 * command line): a link is made only to an existing, enabled account, and never with a role above
 * that account's own group (donor < staff < admin). Without it an admin's typo, or a donor's
 * address, became a staff or admin principal.
 */
import {
  AdminGetUserCommand,
  type CognitoIdentityProviderClient,
  paginateAdminListGroupsForUser,
  UserNotFoundException,
} from '@aws-sdk/client-cognito-identity-provider';
import type { Role } from '../../fulfillment/domain/vocabulary.js';
import { CognitoApiError, type CognitoClient } from './localCognito.js';
import { roleFromGroups } from './roles.js';

export type AccountRole = Exclude<Role, 'anonymous'>;

/** Port: who an account is, as the sign-in system says. */
export interface AccountDirectory {
  /**
   * The roles of the account's sign-in groups (donor, staff, admin; others ignored; none for an
   * account in no group), or null when there is no such account or it is disabled.
   */
  groupsOf(username: string): Promise<AccountRole[] | null>;
}

const ROLE_GROUPS: readonly AccountRole[] = ['donor', 'staff', 'admin'];
const RANK: Record<AccountRole, number> = { donor: 0, staff: 1, admin: 2 };

function rolesOf(groups: readonly (string | undefined)[]): AccountRole[] {
  return ROLE_GROUPS.filter((role) => groups.includes(role));
}

/**
 * On AWS: AdminGetUser and AdminListGroupsForUser on the one user pool (the only grants it needs).
 * The groups are asked for by the user's own username, which AdminGetUser returns: with e-mail
 * sign-in the e-mail is an alias of it (cognito-local only finds group members by it).
 */
export class CognitoAccountDirectory implements AccountDirectory {
  constructor(
    private readonly client: CognitoIdentityProviderClient,
    private readonly userPoolId: string,
  ) {}

  async groupsOf(username: string): Promise<AccountRole[] | null> {
    let canonical: string;
    try {
      const user = await this.client.send(
        new AdminGetUserCommand({ UserPoolId: this.userPoolId, Username: username }),
      );
      if (user.Enabled === false) return null;
      canonical = user.Username ?? username;
    } catch (error) {
      if (error instanceof UserNotFoundException) return null;
      throw error;
    }
    const groups: string[] = [];
    const pages = paginateAdminListGroupsForUser(
      { client: this.client },
      { UserPoolId: this.userPoolId, Username: canonical },
    );
    for await (const page of pages)
      for (const g of page.Groups ?? []) if (g.GroupName) groups.push(g.GroupName);
    return rolesOf(groups);
  }
}

/** The embedded default: the same two actions against cognito-local, with the server's admin secret. */
export class LocalAccountDirectory implements AccountDirectory {
  constructor(
    private readonly client: CognitoClient,
    private readonly userPoolId: string,
  ) {}

  async groupsOf(username: string): Promise<AccountRole[] | null> {
    let input: { UserPoolId: string; Username: string };
    try {
      const user = await this.client.call<{ Enabled?: boolean; Username?: string }>('AdminGetUser', {
        UserPoolId: this.userPoolId,
        Username: username,
      });
      if (user.Enabled === false) return null;
      input = { UserPoolId: this.userPoolId, Username: user.Username ?? username };
    } catch (error) {
      if (error instanceof CognitoApiError && error.code === 'UserNotFoundException') return null;
      throw error;
    }
    const groups: string[] = [];
    let next: string | undefined;
    do {
      const page = await this.client.call<{ Groups?: Array<{ GroupName?: string }>; NextToken?: string }>(
        'AdminListGroupsForUser',
        { ...input, ...(next ? { NextToken: next } : {}) },
      );
      for (const g of page.Groups ?? []) if (g.GroupName) groups.push(g.GroupName);
      next = page.NextToken;
    } while (next);
    return rolesOf(groups);
  }
}

export type LinkCheck = { ok: true } | { ok: false; reason: string };

/** Said when no directory is configured: a link that cannot be checked is not made. */
export const NO_DIRECTORY =
  'I cannot check sign-in accounts here (no account directory is configured), so I linked nobody.';

/**
 * May a Slack user be linked to `account` with `role`? Only to an account that exists and is
 * enabled, and only up to the strongest of its groups (an account in no group is a donor).
 */
export async function checkLink(
  directory: AccountDirectory | null,
  account: string,
  role: 'staff' | 'admin',
): Promise<LinkCheck> {
  if (!directory) return { ok: false, reason: NO_DIRECTORY };
  const groups = await directory.groupsOf(account);
  if (groups === null) {
    return {
      ok: false,
      reason: `There is no sign-in account ${account} (or it is disabled), so I linked nobody. Create the account and put it in the ${role} group first.`,
    };
  }
  const own = roleFromGroups(groups);
  if (RANK[role] > RANK[own]) {
    return {
      ok: false,
      reason: `${account} is ${own === 'admin' ? 'an' : 'a'} ${own} account, so it cannot be linked as ${role}: a link never gives more than the account's own group. I linked nobody.`,
    };
  }
  return { ok: true };
}
