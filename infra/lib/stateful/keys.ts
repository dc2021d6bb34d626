/**
 * Customer-managed KMS keys, one per kind of data, so that access to one never implies the others:
 * an operator who may read logs cannot decrypt the donor table, and a service allowed to publish
 * alarms cannot read secrets. All rotate yearly and are retained if the stack is deleted (data
 * encrypted with a deleted key is lost for good).
 */
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

export class Keys extends Construct {
  /** DynamoDB table, documents bucket and Secrets Manager secrets: the health data itself. */
  readonly data: kms.Key;
  /** CloudWatch log groups: function logs, Lex conversation logs (transcripts), API access logs. */
  readonly logs: kms.Key;
  /** SNS topics: shortage alerts, inbound SMS, alarms. */
  readonly topics: kms.Key;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const stack = Stack.of(this);
    const key = (name: string, description: string) =>
      new kms.Key(this, name, {
        description,
        enableKeyRotation: true,
        rotationPeriod: Duration.days(365),
        removalPolicy: RemovalPolicy.RETAIN,
        pendingWindow: Duration.days(30),
      });

    this.data = key('DataKey', 'Blood bank data: DynamoDB table, documents bucket, secrets');
    this.logs = key('LogsKey', 'Blood bank CloudWatch Logs: function, conversation and API access logs');
    this.topics = key('TopicsKey', 'Blood bank SNS topics: shortage alerts, inbound SMS, alarms');

    // CloudWatch Logs encrypts with the key itself (not as the caller), so the key policy must name
    // the service; the encryption context pins it to log groups of this account and region.
    this.logs.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowCloudWatchLogsForThisAccountsLogGroups',
        principals: [new iam.ServicePrincipal(`logs.${stack.region}.amazonaws.com`)],
        actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        resources: ['*'],
        conditions: {
          ArnLike: {
            'kms:EncryptionContext:aws:logs:arn': `arn:${stack.partition}:logs:${stack.region}:${stack.account}:log-group:*`,
          },
        },
      }),
    );

    // Publishers that are AWS services (CloudWatch alarms, End User Messaging two-way SMS) need the
    // topics key to encrypt what they publish; scoped to this account as the source.
    this.topics.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowServicePublishersToEncryptMessages',
        principals: [
          new iam.ServicePrincipal('cloudwatch.amazonaws.com'),
          new iam.ServicePrincipal('sms-voice.amazonaws.com'),
        ],
        actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
      }),
    );
  }
}
