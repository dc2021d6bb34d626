/**
 * The IAM statements of every role the app creates: each function holds exactly the grants its
 * environment needs (specific actions on specific resources), and no role anywhere has `*` on `*`.
 */
import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { FUNCTION_NAMES, type FunctionName } from '../../infra/lib/stateful/logs.js';
import {
  ACCOUNT_LOOKUP_ACTIONS,
  TABLE_DATA_ACTIONS,
  TABLE_KEY_ACTIONS,
} from '../../infra/lib/stateless/grants.js';
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

  it('the only "*" resource is sns:Publish for direct SMS, held by the sms, alerts and fulfillment (phone codes) functions', () => {
    // Act
    const star = FUNCTION_NAMES.flatMap((name) =>
      grants(statements(name))
        .filter((g) => g.resource === '*')
        .map((g) => `${name} ${g.action}`),
    );
    // Assess
    expect(star.sort()).toEqual(['alerts sns:Publish', 'fulfillment sns:Publish', 'sms sns:Publish']);
  });

  it('no function role has an AWS managed policy', () => {
    // Assess
    for (const name of FUNCTION_NAMES) {
      const role = s.stateless.toJSON().Resources[roleOf(name)];
      expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    }
  });
});

/** The functions with full item access; the documents functions get fewer actions and no index. */
const FULL_TABLE_FUNCTIONS = ['fulfillment', 'web', 'slack', 'sms', 'alerts', 'labResults'] as const;

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
});

describe.each(FULL_TABLE_FUNCTIONS)('%s role', (name) => {
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
  labServiceCredential: 'LAB_SERVICE_CREDENTIAL_SECRET_ARN',
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
    ['documents', []],
    ['documentsReport', ['slackBotToken']],
    ['labResults', ['labServiceCredential', 'slackBotToken']],
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
      // Decrypting for secrets; a documents reader's decrypt through S3 is checked with its S3 grants.
      const decrypt = statements(name).filter(
        (st) => actionsOf(st).join() === 'kms:Decrypt' && !JSON.stringify(st.Condition).includes('"s3.'),
      );
      // Assess
      expect(read.sort()).toEqual([...expected]);
      expect(variables.sort()).toEqual([...expected]);
      expect(decrypt.length > 0).toBe(expected.length > 0);
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

  it('only the Slack function reads sign-in accounts: exactly AdminGetUser and AdminListGroupsForUser on the user pool', () => {
    // Prepare
    const pool = logicalIdOf(s.data.identity.userPool);
    // Act
    const cognitoGrants = (name: FunctionName) =>
      grants(statements(name)).filter((g) => g.action.startsWith('cognito-idp:'));
    const holders = FUNCTION_NAMES.filter((name) => cognitoGrants(name).length > 0);
    // Assess
    expect(holders).toEqual(['slack']);
    expect(
      cognitoGrants('slack')
        .map((g) => g.action)
        .sort(),
    ).toEqual([...ACCOUNT_LOOKUP_ACTIONS].sort());
    for (const g of cognitoGrants('slack')) {
      expect(g.resource).toContain(pool);
      expect(g.condition).toBeUndefined();
    }
    expect(environment('slack')).toHaveProperty('COGNITO_USER_POOL_ID');
  });

  it('publishes to topics only where it has a variable for them', () => {
    // Assess
    expect(allows('slack', 'sns:Publish', logicalIdOf(s.data.topics.slackWork))).toBe(true);
    expect(allows('alerts', 'sns:Publish', logicalIdOf(s.data.topics.shortageAlerts))).toBe(true);
    expect(allows('fulfillment', 'sns:Publish', '')).toBe(false);
    expect(allows('web', 'sns:Publish', '')).toBe(false);
  });

  it('only fulfillment announces stock changes, on the default event bus, and a rule runs alerts on them', () => {
    // Assess: PutEvents for fulfillment alone, scoped to the default bus
    const puts = (name: FunctionName) =>
      grants(statements(name)).filter((g) => g.action === 'events:PutEvents');
    expect(puts('fulfillment')).toEqual([
      expect.objectContaining({ resource: expect.stringContaining('event-bus/default') }),
    ]);
    for (const other of ['web', 'slack', 'sms', 'alerts'] as const) expect(puts(other)).toEqual([]);
    s.stateless.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: { source: ['bloodbank.inventory'], 'detail-type': ['StockChanged'] },
      Targets: [
        Match.objectLike({ Arn: { 'Fn::GetAtt': [logicalIdOf(s.service.functions.alerts), 'Arn'] } }),
      ],
    });
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

describe('documents bucket grants', () => {
  const ALL = ['audit-exports/', 'donors/', 'reports/'];
  const bucket = () => logicalIdOf(s.data.storage.documents);
  const dataKey = () => logicalIdOf(s.data.keys.data);
  const environment = (name: FunctionName): Record<string, unknown> =>
    s.stateless.toJSON().Resources[logicalIdOf(s.service.functions[name])].Properties.Environment.Variables;

  /** The key prefix an object ARN ends in (`<bucket ARN>/<prefix>*`), or null for a non-object ARN. */
  function objectPrefix(resource: string): string | null {
    const join = (JSON.parse(resource) as { 'Fn::Join'?: [string, unknown[]] })['Fn::Join'];
    const tail = join?.[1].at(-1);
    return typeof tail === 'string' && tail.startsWith('/') && tail.endsWith('*') ? tail.slice(1, -1) : null;
  }

  /** Every s3: grant as "action prefix" (object ARNs) or "action bucket" (the bucket itself). */
  function s3Grants(name: FunctionName): string[] {
    return grants(statements(name))
      .filter((g) => g.action.startsWith('s3:'))
      .map((g) => {
        expect(g.resource).toContain(bucket());
        return `${g.action} ${objectPrefix(g.resource) ?? 'bucket'}`;
      })
      .sort();
  }

  /** The s3:prefix values a bucket-level action is conditioned on (it must be conditioned). */
  function listPrefixes(name: FunctionName, action: string): string[] {
    const listing = grants(statements(name)).filter((g) => g.action === action);
    expect(listing).toHaveLength(1);
    const condition = listing[0]!.condition as { StringLike?: Record<string, string[]> } | undefined;
    expect(Object.keys(condition ?? {})).toEqual(['StringLike']);
    return [...(condition?.StringLike?.['s3:prefix'] ?? [])].sort();
  }

  function s3KeyStatement(name: FunctionName): Statement {
    const found = statements(name).filter((st) => JSON.stringify(st.Condition ?? {}).includes('"s3."'));
    expect(found).toHaveLength(1);
    expect(refersTo(found[0]!.Resource, dataKey())).toBe(true);
    expect(resourcesOf(found[0]!)).toHaveLength(1);
    return found[0]!;
  }

  it('documents: read, write and version reads on exactly donors/, reports/, audit-exports/', () => {
    // Act
    const list = s3Grants('documents');
    // Assess
    expect(list).toEqual(
      [
        ...ALL.flatMap((p) => [`s3:GetObject ${p}`, `s3:GetObjectVersion ${p}`, `s3:PutObject ${p}`]),
        's3:AbortMultipartUpload audit-exports/',
        's3:ListBucket bucket',
        's3:ListBucketVersions bucket',
      ].sort(),
    );
  });

  it('documents: lists (objects and versions) only under those prefixes', () => {
    // Assess
    expect(listPrefixes('documents', 's3:ListBucket')).toEqual(['audit-exports/*', 'donors/*', 'reports/*']);
    expect(listPrefixes('documents', 's3:ListBucketVersions')).toEqual([
      'audit-exports/*',
      'donors/*',
      'reports/*',
    ]);
  });

  it('documents: uses the data key only through S3, to decrypt and generate data keys', () => {
    // Act
    const st = s3KeyStatement('documents');
    // Assess
    expect(actionsOf(st).sort()).toEqual(['kms:Decrypt', 'kms:GenerateDataKey']);
    expect(Object.keys(st.Condition!)).toEqual(['StringEquals']);
    expect(Object.keys(st.Condition!.StringEquals!)).toEqual(['kms:ViaService']);
  });

  it('documents: GetItem, Query and PutItem on the table only (no index, no update or delete)', () => {
    // Act
    const table = grants(statements('documents')).filter((g) => g.action.startsWith('dynamodb:'));
    // Assess
    expect(table.map((g) => g.action).sort()).toEqual([
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:Query',
    ]);
    for (const g of table) {
      expect(g.resource).toContain(logicalIdOf(s.data.storage.table));
      expect(g.resource).not.toContain('/index/');
    }
  });

  it('documentsReport: reads and writes reports/ only, GetItem and Query on the table, through S3', () => {
    // Act
    const table = grants(statements('documentsReport')).filter((g) => g.action.startsWith('dynamodb:'));
    // Assess
    expect(s3Grants('documentsReport')).toEqual([
      's3:GetObject reports/',
      's3:GetObjectVersion reports/',
      's3:PutObject reports/',
    ]);
    expect(actionsOf(s3KeyStatement('documentsReport')).sort()).toEqual([
      'kms:Decrypt',
      'kms:GenerateDataKey',
    ]);
    expect(table.map((g) => g.action).sort()).toEqual(['dynamodb:GetItem', 'dynamodb:Query']);
    for (const g of table) expect(g.resource).not.toContain('/index/');
  });

  it('fulfillment: reads and lists reports/ only, writes nothing, decrypts through S3', () => {
    // Assess
    expect(s3Grants('fulfillment')).toEqual([
      's3:GetObject reports/',
      's3:GetObjectVersion reports/',
      's3:ListBucket bucket',
    ]);
    expect(listPrefixes('fulfillment', 's3:ListBucket')).toEqual(['reports/*']);
    expect(actionsOf(s3KeyStatement('fulfillment')).sort()).toEqual(['kms:Decrypt']);
  });

  it('only the documents functions and fulfillment touch the bucket, each with its variables', () => {
    // Act
    const users = FUNCTION_NAMES.filter((name) =>
      grants(statements(name)).some((g) => g.action.startsWith('s3:')),
    );
    const withVariables = FUNCTION_NAMES.filter((name) => 'DOCUMENTS_BUCKET' in environment(name));
    // Assess
    expect(users.sort()).toEqual(['documents', 'documentsReport', 'fulfillment']);
    expect(withVariables.sort()).toEqual(users);
    for (const name of users) {
      expect(refersTo(environment(name).DOCUMENTS_BUCKET, bucket())).toBe(true);
      expect(refersTo(environment(name).DOCUMENTS_KMS_KEY_ID, dataKey())).toBe(true);
    }
  });
});
