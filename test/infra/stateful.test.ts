import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTableInput } from '../../fulfillment/store/table.js';
import { logicalIdOf, type Resources, type Synthesized, synthesize } from './synth.js';

let s: Synthesized;
beforeAll(() => {
  s = synthesize();
}, 120_000);

describe('KMS customer keys', () => {
  it('rotates every key and retains it on stack deletion', () => {
    // Act
    const keys = s.stateful.findResources('AWS::KMS::Key') as Resources;
    // Assess
    expect(Object.keys(keys)).toHaveLength(3);
    for (const key of Object.values(keys)) {
      expect(key.Properties.EnableKeyRotation).toBe(true);
      expect((key as { DeletionPolicy?: string }).DeletionPolicy).toBe('Retain');
    }
    s.stateless.resourceCountIs('AWS::KMS::Key', 0);
  });

  it('lets CloudWatch Logs use the logs key only for this account’s log groups', () => {
    // Assess
    s.stateful.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Principal: { Service: Match.objectLike({ 'Fn::Join': Match.anyValue() }) },
            Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': Match.anyValue() } },
          }),
        ]),
      },
    });
  });
});

describe('DynamoDB table', () => {
  it('is encrypted with the data key, on-demand, with PITR, TTL and deletion protection', () => {
    // Assess
    s.stateful.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        BillingMode: 'PAY_PER_REQUEST',
        SSESpecification: {
          SSEEnabled: true,
          SSEType: 'KMS',
          KMSMasterKeyId: { 'Fn::GetAtt': [logicalIdOf(s.data.keys.data), 'Arn'] },
        },
        PointInTimeRecoverySpecification: Match.objectLike({ PointInTimeRecoveryEnabled: true }),
        TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
        DeletionProtectionEnabled: true,
      }),
    });
  });

  it('has exactly the keys and GSIs of createTableInput (the local engine’s table)', () => {
    // Prepare
    const expected = createTableInput('unused');
    // Act
    const [table] = Object.values(s.stateful.findResources('AWS::DynamoDB::Table') as Resources);
    const props = table!.Properties as Record<string, unknown[]>;
    const byName = <T extends { AttributeName?: string; IndexName?: string }>(a: T, b: T) =>
      (a.AttributeName ?? a.IndexName ?? '').localeCompare(b.AttributeName ?? b.IndexName ?? '');
    // Assess
    expect(props.KeySchema).toEqual(expected.KeySchema);
    expect([...(props.AttributeDefinitions as { AttributeName: string }[])].sort(byName)).toEqual(
      [...(expected.AttributeDefinitions ?? [])].sort(byName),
    );
    expect([...(props.GlobalSecondaryIndexes as { IndexName: string }[])].sort(byName)).toEqual(
      [...(expected.GlobalSecondaryIndexes ?? [])].sort(byName),
    );
  });
});

describe('documents bucket', () => {
  const documents = () => logicalIdOf(s.data.storage.documents);

  it('uses SSE-KMS with the data key, versioning, access logs and lifecycle rules', () => {
    // Assess
    s.stateful.hasResource('AWS::S3::Bucket', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [
            {
              BucketKeyEnabled: true,
              ServerSideEncryptionByDefault: {
                SSEAlgorithm: 'aws:kms',
                KMSMasterKeyID: { 'Fn::GetAtt': [logicalIdOf(s.data.keys.data), 'Arn'] },
              },
            },
          ],
        },
        VersioningConfiguration: { Status: 'Enabled' },
        LoggingConfiguration: {
          DestinationBucketName: { Ref: logicalIdOf(s.data.storage.accessLogs) },
          LogFilePrefix: 'documents/',
        },
        LifecycleConfiguration: {
          Rules: Match.arrayWith([
            Match.objectLike({ AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 } }),
            Match.objectLike({ Prefix: 'reports/', NoncurrentVersionExpiration: { NoncurrentDays: 365 } }),
          ]),
        },
      }),
    });
    expect(documents()).toBeTruthy();
  });

  it('tiers donor documents under donors/ and expires audit exports (and their old versions) early', () => {
    // Act
    const rules = s.stateful.toJSON().Resources[documents()].Properties.LifecycleConfiguration.Rules as {
      Id: string;
      Prefix?: string;
      ExpirationInDays?: number;
      NoncurrentVersionExpiration?: { NoncurrentDays: number };
      Transitions?: unknown[];
    }[];
    const byPrefix = (prefix: string) => rules.filter((r) => r.Prefix === prefix);
    // Assess
    expect(
      rules
        .map((r) => r.Prefix)
        .filter(Boolean)
        .sort(),
    ).toEqual(['audit-exports/', 'donors/', 'reports/']);
    expect(byPrefix('donors/')).toEqual([expect.objectContaining({ Transitions: expect.any(Array) })]);
    expect(byPrefix('donors/')[0]!.ExpirationInDays).toBeUndefined();
    // Signed consent forms are records: no version of them expires, old ones only move to Glacier.
    expect(byPrefix('donors/')[0]!.NoncurrentVersionExpiration).toBeUndefined();
    expect(rules.filter((r) => !r.Prefix && r.NoncurrentVersionExpiration)).toEqual([]);
    expect(byPrefix('audit-exports/')).toEqual([
      expect.objectContaining({ ExpirationInDays: 30, NoncurrentVersionExpiration: { NoncurrentDays: 1 } }),
    ]);
  });

  it.each([
    ['documents', () => s.data.storage.documents],
    ['access logs', () => s.data.storage.accessLogs],
  ])('%s: blocks all public access and denies non-TLS requests', (_name, bucket) => {
    // Prepare
    const id = logicalIdOf(bucket());
    // Act
    const resource = s.stateful.toJSON().Resources[id];
    // Assess
    expect(resource.Properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    s.stateful.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: id },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Action: 's3:*',
            Principal: { AWS: '*' },
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ]),
      },
    });
  });
});

describe('Cognito', () => {
  it('requires TOTP MFA and a strong password policy', () => {
    // Assess
    s.stateful.hasResourceProperties('AWS::Cognito::UserPool', {
      MfaConfiguration: 'ON',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      DeletionProtection: 'ACTIVE',
      Policies: {
        PasswordPolicy: Match.objectLike({
          MinimumLength: 12,
          RequireLowercase: true,
          RequireUppercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
        }),
      },
    });
  });

  it('has the donor, staff and admin groups and no identity pool', () => {
    // Act
    const groups = Object.values(s.stateful.findResources('AWS::Cognito::UserPoolGroup') as Resources).map(
      (g) => g.Properties.GroupName,
    );
    // Assess
    expect(groups.sort()).toEqual(['admin', 'donor', 'staff']);
    s.stateful.resourceCountIs('AWS::Cognito::IdentityPool', 0);
  });

  it('gives the widget a public client with SRP and USER_PASSWORD_AUTH only', () => {
    // Assess
    s.stateful.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false,
      ExplicitAuthFlows: Match.arrayEquals([
        'ALLOW_USER_PASSWORD_AUTH',
        'ALLOW_USER_SRP_AUTH',
        'ALLOW_REFRESH_TOKEN_AUTH',
      ]),
      PreventUserExistenceErrors: 'ENABLED',
    });
  });
});

describe('secrets, topics and logs', () => {
  it('encrypts every secret with the data key and generates the keys and the lab credential', () => {
    // Act
    const secrets = Object.values(s.stateful.findResources('AWS::SecretsManager::Secret') as Resources);
    // Assess
    expect(secrets).toHaveLength(5);
    for (const secret of secrets) {
      expect(secret.Properties.KmsKeyId).toEqual({ 'Fn::GetAtt': [logicalIdOf(s.data.keys.data), 'Arn'] });
      expect(secret.Properties.GenerateSecretString).toBeDefined();
    }
  });

  it('encrypts every SNS topic with the topics key and denies non-TLS publishers', () => {
    // Act
    const topics = s.stateful.findResources('AWS::SNS::Topic') as Resources;
    // Assess
    expect(Object.keys(topics)).toHaveLength(4);
    for (const topic of Object.values(topics)) {
      expect(topic.Properties.KmsMasterKeyId).toEqual({
        'Fn::GetAtt': [logicalIdOf(s.data.keys.topics), 'Arn'],
      });
    }
    expect(Object.values(s.stateful.findResources('AWS::SNS::TopicPolicy'))).toHaveLength(4);
    s.stateless.resourceCountIs('AWS::SNS::Topic', 0);
  });

  it('lets only End User Messaging of this account publish inbound SMS', () => {
    // Assess
    s.stateful.hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [{ Ref: logicalIdOf(s.data.topics.inboundSms) }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 'sms-voice.amazonaws.com' },
            Action: 'sns:Publish',
            Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
          }),
        ]),
      },
    });
  });

  it.each(['stateful', 'stateless'] as const)(
    '%s stack: every log group has retention and the logs key',
    (which) => {
      // Act
      const groups = Object.values(s[which].findResources('AWS::Logs::LogGroup') as Resources);
      // Assess
      expect(groups.length).toBeGreaterThan(0);
      for (const group of groups) {
        expect(group.Properties.RetentionInDays).toBeGreaterThan(0);
        expect(JSON.stringify(group.Properties.KmsKeyId)).toContain(logicalIdOf(s.data.keys.logs));
      }
    },
  );
});
