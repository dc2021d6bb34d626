/**
 * The IAM statements of every role the app creates: each function holds exactly the grants its
 * environment needs (specific actions on specific resources), and no role anywhere has `*` on `*`.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { FUNCTION_NAMES, type FunctionName } from '../../infra/lib/stateful/logs.js';
import { TABLE_DATA_ACTIONS, TABLE_KEY_ACTIONS } from '../../infra/lib/stateless/grants.js';
import {
  actionsOf,
  logicalIdOf,
  type Resources,
  refersTo,
  resourcesOf,
  type Statement,
  type Synthesized,
  statementsOfRole,
  synthesize,
} from './synth.js';

let s: Synthesized;
beforeAll(() => {
  s = synthesize();
}, 120_000);

const roleOf = (name: FunctionName) => logicalIdOf(s.service.functions[name].role!);
const statements = (name: FunctionName) => statementsOfRole(s.stateless, roleOf(name));

/** The (action, resource logical id) pairs a role is allowed, with "*" kept as is. */
function grants(list: Statement[]): { action: string; resource: string; condition?: unknown }[] {
  return list.flatMap((st) =>
    actionsOf(st).flatMap((action) =>
      resourcesOf(st).map((r) => ({
        action,
        resource: r === '*' ? '*' : JSON.stringify(r),
        condition: st.Condition,
      })),
    ),
  );
}

function allows(name: FunctionName, action: string, resourceId: string): boolean {
  return grants(statements(name)).some(
    (g) => g.action === action && g.resource !== '*' && g.resource.includes(resourceId),
  );
}

describe('no wildcard power anywhere', () => {
  it('no role in either stack has a "*" action or a service-wide "<svc>:*" action', () => {
    // Act
    const all = (['stateful', 'stateless'] as const).flatMap((which) =>
      Object.values(s[which].findResources('AWS::IAM::Policy') as Resources).flatMap(
        (p) => (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement,
      ),
    );
    // Assess
    expect(all.length).toBeGreaterThan(0);
    for (const st of all) {
      for (const action of actionsOf(st)) expect(action).not.toMatch(/^(\*|[a-z0-9-]+:\*)$/);
    }
  });

  it('the only "*" resource is sns:Publish for direct SMS, held by the sms and alerts functions', () => {
    // Act
    const star = FUNCTION_NAMES.flatMap((name) =>
      grants(statements(name))
        .filter((g) => g.resource === '*')
        .map((g) => `${name} ${g.action}`),
    );
    // Assess
    expect(star.sort()).toEqual(['alerts sns:Publish', 'sms sns:Publish']);
  });

  it('no function role has an AWS managed policy', () => {
    // Assess
    for (const name of FUNCTION_NAMES) {
      const role = s.stateless.toJSON().Resources[roleOf(name)];
      expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    }
  });
});

describe.each(FUNCTION_NAMES)('%s role', (name) => {
  it('writes only to its own log group', () => {
    // Prepare
    const own = logicalIdOf(s.data.logs.functions[name]);
    // Act
    const logGrants = grants(statements(name)).filter((g) => g.action.startsWith('logs:'));
    // Assess
    expect(logGrants.map((g) => g.action).sort()).toEqual(['logs:CreateLogStream', 'logs:PutLogEvents']);
    for (const g of logGrants) expect(g.resource).toContain(own);
  });

  it('has item access (no Scan) to the table and its two GSIs, and uses the data key only via DynamoDB', () => {
    // Prepare
    const table = logicalIdOf(s.data.storage.table);
    const key = logicalIdOf(s.data.keys.data);
    // Act
    const list = statements(name);
    const tableStatement = list.find((st) => actionsOf(st).includes('dynamodb:GetItem'));
    const keyStatement = list.find((st) => actionsOf(st).includes('kms:Encrypt'));
    // Assess
    expect(actionsOf(tableStatement!).sort()).toEqual([...TABLE_DATA_ACTIONS].sort());
    expect(grants(list).some((g) => g.action === 'dynamodb:Scan')).toBe(false);
    const resources = resourcesOf(tableStatement!).map((r) => JSON.stringify(r));
    expect(resources).toHaveLength(3);
    expect(resources.every((r) => r.includes(table))).toBe(true);
    expect(resources.filter((r) => r.includes('/index/gsi1') || r.includes('/index/gsi2'))).toHaveLength(2);
    expect(actionsOf(keyStatement!).sort()).toEqual([...TABLE_KEY_ACTIONS].sort());
    expect(refersTo(keyStatement!.Resource, key)).toBe(true);
    expect(JSON.stringify(keyStatement!.Condition)).toContain('dynamodb.');
  });
});

const SECRET_VARIABLES = {
  principalSigningKey: 'PRINCIPAL_SIGNING_KEY_SECRET_ARN',
  phoneHashKey: 'PHONE_HASH_KEY_SECRET_ARN',
  slackSigningSecret: 'SLACK_SIGNING_SECRET_SECRET_ARN',
  slackBotToken: 'SLACK_BOT_TOKEN_SECRET_ARN',
} as const;
type SecretName = keyof typeof SECRET_VARIABLES;

describe('per-function grants', () => {
  const environment = (name: FunctionName): Record<string, unknown> =>
    s.stateless.toJSON().Resources[logicalIdOf(s.service.functions[name])].Properties.Environment.Variables;

  it.each([
    ['fulfillment', ['phoneHashKey', 'principalSigningKey']],
    ['web', ['principalSigningKey']],
    ['slack', ['principalSigningKey', 'slackBotToken', 'slackSigningSecret']],
    ['sms', ['phoneHashKey', 'principalSigningKey']],
    ['alerts', ['slackBotToken']],
  ] as const)(
    '%s reads exactly the secrets %j (with their variables), decrypting only via Secrets Manager',
    (name, expected) => {
      // Act
      const read = (Object.keys(SECRET_VARIABLES) as SecretName[]).filter((which) =>
        allows(name, 'secretsmanager:GetSecretValue', logicalIdOf(s.data.secrets[which])),
      );
      const variables = (Object.keys(SECRET_VARIABLES) as SecretName[]).filter(
        (which) => SECRET_VARIABLES[which] in environment(name),
      );
      const decrypt = statements(name).filter((st) => actionsOf(st).join() === 'kms:Decrypt');
      // Assess
      expect(read.sort()).toEqual([...expected]);
      expect(variables.sort()).toEqual([...expected]);
      expect(decrypt.length).toBeGreaterThan(0);
      expect(decrypt.every((st) => JSON.stringify(st.Condition).includes('secretsmanager.'))).toBe(true);
    },
  );

  it('only the channel adapters may talk to the bot, and only to its live alias', () => {
    // Prepare
    const alias = logicalIdOf(s.service.bot.alias);
    // Act
    const talkers = FUNCTION_NAMES.filter((name) =>
      grants(statements(name)).some((g) => g.action.startsWith('lex:')),
    );
    // Assess
    expect(talkers.sort()).toEqual(['slack', 'sms', 'web']);
    for (const name of talkers) {
      const lex = grants(statements(name)).filter((g) => g.action.startsWith('lex:'));
      expect(lex).toEqual([
        {
          action: 'lex:RecognizeText',
          resource: JSON.stringify({ 'Fn::GetAtt': [alias, 'Arn'] }),
          condition: undefined,
        },
      ]);
    }
  });

  it('publishes to topics only where it has a variable for them', () => {
    // Assess
    expect(allows('slack', 'sns:Publish', logicalIdOf(s.data.topics.slackWork))).toBe(true);
    expect(allows('alerts', 'sns:Publish', logicalIdOf(s.data.topics.shortageAlerts))).toBe(true);
    expect(allows('fulfillment', 'sns:Publish', '')).toBe(false);
    expect(allows('web', 'sns:Publish', '')).toBe(false);
  });

  it('the Lex bot role may only write its conversation log group', () => {
    // Act
    const list = grants(statementsOfRole(s.stateless, logicalIdOf(s.service.bot.node.findChild('Role'))));
    // Assess
    expect(list.map((g) => g.action).sort()).toEqual(['logs:CreateLogStream', 'logs:PutLogEvents']);
    for (const g of list) expect(g.resource).toContain(logicalIdOf(s.service.bot.conversationLogs));
  });

  it('fulfillment may be invoked by lexv2.amazonaws.com only from the live alias', () => {
    // Assess
    s.stateless.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      Principal: 'lexv2.amazonaws.com',
      FunctionName: { 'Fn::GetAtt': [logicalIdOf(s.service.functions.fulfillment), 'Arn'] },
      SourceArn: { 'Fn::GetAtt': [logicalIdOf(s.service.bot.alias), 'Arn'] },
      SourceAccount: { Ref: 'AWS::AccountId' },
    });
  });
});
