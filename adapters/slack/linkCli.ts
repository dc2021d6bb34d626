/**
 * `npm run --silent slack:link -- --team T… --user U… --account admin@example.org --role admin`:
 * links the first Slack admin, who can then link everyone else with `/blood link` (an admin command
 * needs an admin, so the first one is made here). `--unlink` removes a link.
 *
 * Target: with `--aws`, the table named by TABLE_NAME and the user pool COGNITO_USER_POOL_ID with the
 * ambient AWS credentials (after deployment); otherwise the DynamoDB Local and the local Cognito of a
 * running `npm start` (DATA_DIR/runtime.json, DATA_DIR/cognito/engine.json).
 *
 * A link is checked as `/blood link` checks it (../identity/accounts.ts): the account must exist and
 * the role may not be above its group; a refused link writes nothing and exits 1.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { ConfigError } from '../../fulfillment/errors.js';
import { DynamoIdentity } from '../../fulfillment/store/dynamo/identity.js';
import type { Actor } from '../../fulfillment/store/port.js';
import {
  type AccountDirectory,
  CognitoAccountDirectory,
  checkLink,
  LocalAccountDirectory,
} from '../identity/accounts.js';
import { DEMO_POOL_NAME } from '../identity/demoUsers.js';
import { runningEngineClient } from '../identity/localCognito.js';
import { loadLocalConfig } from '../local/config.js';
import { LOCAL_CREDENTIALS } from '../local/dynamoLocal.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const { values } = parseArgs({
  options: {
    team: { type: 'string' },
    user: { type: 'string' },
    account: { type: 'string' },
    role: { type: 'string', default: 'staff' },
    unlink: { type: 'boolean', default: false },
    aws: { type: 'boolean', default: false },
  },
});

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

const team = values.team ?? fail('--team is required (the Slack workspace id, T…)');
const user = values.user ?? fail('--user is required (the Slack user id, U…)');
const role =
  values.role === 'admin' || values.role === 'staff' ? values.role : fail('--role is staff or admin');

function target() {
  const noPhones = () => {
    throw new ConfigError('Linking Slack users never hashes phone numbers');
  };
  if (values.aws) {
    const tableName = process.env.TABLE_NAME ?? fail('--aws needs TABLE_NAME (the deployed table)');
    return { tableName, hashPhone: noPhones };
  }
  const config = loadLocalConfig();
  const runtime = join(config.dataDir, 'runtime.json');
  if (!existsSync(runtime)) fail('Start the embedded default (npm start) first, or pass --aws.');
  const { dynamoEndpoint } = JSON.parse(readFileSync(runtime, 'utf8')) as { dynamoEndpoint: string };
  return {
    tableName: config.tableName,
    endpoint: dynamoEndpoint,
    region: 'local',
    credentials: LOCAL_CREDENTIALS,
    hashPhone: noPhones,
  };
}

async function accounts(): Promise<AccountDirectory> {
  if (values.aws) {
    const userPoolId =
      process.env.COGNITO_USER_POOL_ID ?? fail('--aws needs COGNITO_USER_POOL_ID (the deployed user pool)');
    return new CognitoAccountDirectory(new CognitoIdentityProviderClient({}), userPoolId);
  }
  const client =
    runningEngineClient(join(loadLocalConfig().dataDir, 'cognito')) ??
    fail('The local Cognito is not running: start the embedded default (npm start) first.');
  const { UserPools = [] } = await client.call<{ UserPools?: Array<{ Id: string; Name: string }> }>(
    'ListUserPools',
    { MaxResults: 60 },
  );
  const pool = UserPools.find((p) => p.Name === DEMO_POOL_NAME) ?? fail('The local user pool is missing.');
  return new LocalAccountDirectory(client, pool.Id);
}

const identity = new DynamoIdentity(target());
const actor: Actor = { userId: 'slack-link-cli', role: 'admin', channel: 'system' };
if (values.unlink) {
  console.log((await identity.unlinkSlackUser(team, user, actor)) ? 'unlinked' : 'was not linked');
} else {
  const account = values.account ?? fail('--account is required (the staff account, e.g. its e-mail)');
  const check = await checkLink(await accounts(), account, role);
  if (!check.ok) {
    console.error(check.reason);
    process.exit(1);
  }
  await identity.linkSlackUser({ teamId: team, slackUserId: user, account, role }, actor);
  console.log(`linked ${team}/${user} to ${account} as ${role}`);
}
