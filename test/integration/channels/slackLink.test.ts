/**
 * Issue 15, the Slack privilege hole: `/blood link` links a Slack user only to a sign-in account
 * that exists, and never above that account's own group (donor < staff < admin). Real signed
 * requests into Bolt's HTTPReceiver, the embedded default with the real local Cognito and its demo
 * accounts (donor@, staff@, admin@example.org); a refused link writes nothing and grants nothing.
 */
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { REFUSAL } from '../../../adapters/slack/turn.js';
import { type SlackWorld, startSlackWorld } from '../../support/channels.js';

const TEAM = 'T0LINK';
const ADMIN = 'U0LINKADMIN';
let world: SlackWorld;

beforeAll(async () => {
  world = await startSlackWorld({
    secret: 'link-slack-signing-secret',
    team: TEAM,
    channel: 'C0LINK',
    links: [{ userId: ADMIN, account: 'admin@example.org', role: 'admin' }],
    cognito: true,
  });
  // A staff account that has been disabled since: it exists, but nobody may be linked to it.
  const admin = world.app.cognito!.admin;
  const pool = { UserPoolId: world.app.cognito!.userPoolId, Username: 'left@example.org' };
  await admin.call('AdminCreateUser', {
    ...pool,
    MessageAction: 'SUPPRESS',
    UserAttributes: [{ Name: 'email', Value: 'left@example.org' }],
  });
  await admin.call('AdminAddUserToGroup', { ...pool, GroupName: 'staff' });
  await admin.call('AdminDisableUser', pool);
}, 240_000);
afterAll(async () => {
  await world?.stop();
});
beforeEach(() => {
  world.stub.requests.length = 0;
});

describe('/blood link checks the sign-in account', () => {
  it.each([
    [
      'a nonexistent account',
      'U0GHOST',
      'admin',
      'nobody@nowhere.org',
      /There is no sign-in account nobody@nowhere\.org/,
    ],
    [
      'a disabled account',
      'U0LEFT',
      'staff',
      'left@example.org',
      /There is no sign-in account left@example\.org \(or it is disabled\)/,
    ],
    [
      'a donor account as staff',
      'U0DONOR',
      'staff',
      'donor@example.org',
      /donor@example\.org is a donor account, so it cannot be linked as staff/,
    ],
    [
      'a donor account as admin',
      'U0DONOR',
      'admin',
      'donor@example.org',
      /is a donor account, so it cannot be linked as admin/,
    ],
    [
      'a staff account as admin',
      'U0STAFFUP',
      'admin',
      'staff@example.org',
      /staff@example\.org is a staff account, so it cannot be linked as admin/,
    ],
  ])('%s is refused, and the Slack user gets nothing', async (_label, user, role, account, answer) => {
    // Act
    const linked = await world.command(ADMIN, `link <@${user}|someone> ${role} ${account}`);
    const tried = await world.command(user, 'threshold O- amber 9 red 4');
    // Assess: told plainly why; no link written, so the Slack user is still a stranger
    expect(linked.status).toBe(200);
    expect(linked.answer?.text).toMatch(answer);
    expect(linked.answer?.text).toMatch(/I linked nobody/);
    expect(await world.app.identityStore.slackLink(TEAM, user)).toBeNull();
    expect(tried.answer?.text).toBe(REFUSAL);
  });

  it.each([
    ['a staff account as staff', 'staff', 'staff@example.org'],
    ['an admin account as admin', 'admin', 'admin@example.org'],
    ['an admin account as staff (below its group)', 'staff', 'admin@example.org'],
  ])('%s is linked', async (_label, role, account) => {
    // Act
    const linked = await world.command(ADMIN, `link <@U0OK|ok> ${role} ${account}`);
    // Assess
    expect(linked.answer?.text).toBe(`Linked <@U0OK> to ${account} as ${role}.`);
    expect(await world.app.identityStore.slackLink(TEAM, 'U0OK')).toMatchObject({ account, role });
  });

  it('a staff member linked by an admin is served, and refused again once unlinked', async () => {
    // Act
    const linked = await world.command(ADMIN, 'link <@U0NEW|newbie> staff staff@example.org');
    const served = await world.command('U0NEW', 'stock AB-');
    await world.command(ADMIN, 'unlink <@U0NEW>');
    const refused = await world.command('U0NEW', 'stock AB-');
    // Assess
    expect(linked.answer?.text).toMatch(/Linked <@U0NEW> to staff@example.org as staff/);
    expect(served.answer?.text).toMatch(/AB- red cells: \d+ units? available/);
    expect(refused.answer?.text).toBe(REFUSAL);
  });
});

describe('npm run slack:link checks the same way', () => {
  /** The command line against this test's engines, as it runs against a started `npm start`. */
  async function linkCli(...args: string[]): Promise<{ code: number; out: string }> {
    const { config } = world.app;
    writeFileSync(
      join(config.dataDir, 'runtime.json'),
      JSON.stringify({ dynamoEndpoint: world.dynamoEndpoint }),
    );
    try {
      const { stdout } = await promisify(execFile)(
        join('node_modules', '.bin', 'tsx'),
        ['adapters/slack/linkCli.ts', '--team', TEAM, ...args],
        { env: { ...process.env, DATA_DIR: config.dataDir, TABLE_NAME: config.tableName } },
      );
      return { code: 0, out: stdout };
    } catch (error) {
      const failed = error as { code: number; stderr: string };
      return { code: failed.code, out: failed.stderr };
    }
  }

  it.each([
    [
      'a donor account as staff',
      'donor@example.org',
      'staff',
      1,
      /is a donor account, so it cannot be linked as staff/,
    ],
    [
      'a nonexistent account',
      'nobody@nowhere.org',
      'admin',
      1,
      /There is no sign-in account nobody@nowhere\.org/,
    ],
    [
      'a staff account as staff',
      'staff@example.org',
      'staff',
      0,
      /linked T0LINK\/U0CLI to staff@example\.org as staff/,
    ],
  ])(
    '%s → exit %i',
    async (_label, account, role, code, said) => {
      // Act
      const run = await linkCli('--user', 'U0CLI', '--account', account, '--role', role);
      // Assess
      expect(run.code).toBe(code);
      expect(run.out).toMatch(said);
      const link = await world.app.identityStore.slackLink(TEAM, 'U0CLI');
      if (code === 0) expect(link).toMatchObject({ account, role });
      else expect(link).toBeNull();
    },
    60_000,
  );
});
