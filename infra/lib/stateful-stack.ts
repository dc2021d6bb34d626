/**
 * Everything that holds data or identity and must outlive any deployment of the code: keys, the
 * table, buckets, the user pool, secrets, topics and log groups. Each resource is retained on stack
 * deletion (and the table and pool are deletion-protected), so `cdk destroy` of this stack can never
 * take health data with it. The stateless stack only references what is exported here.
 */
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { Identity } from './stateful/identity.js';
import { Keys } from './stateful/keys.js';
import { Logs } from './stateful/logs.js';
import { Secrets } from './stateful/secrets.js';
import { Storage } from './stateful/storage.js';
import { Topics } from './stateful/topics.js';

export class StatefulStack extends Stack {
  readonly keys: Keys;
  readonly storage: Storage;
  readonly identity: Identity;
  readonly secrets: Secrets;
  readonly topics: Topics;
  readonly logs: Logs;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, {
      description: 'Blood bank assistant: data, identity, secrets, topics and logs (retained)',
      terminationProtection: true,
      ...props,
    });
    this.keys = new Keys(this, 'Keys');
    this.storage = new Storage(this, 'Storage', { dataKey: this.keys.data });
    this.identity = new Identity(this, 'Identity');
    this.secrets = new Secrets(this, 'Secrets', { dataKey: this.keys.data });
    this.topics = new Topics(this, 'Topics', { topicsKey: this.keys.topics });
    this.logs = new Logs(this, 'Logs', { logsKey: this.keys.logs });

    const output = (id: string, value: string, description: string) =>
      new CfnOutput(this, id, { value, description });
    output('UserPoolId', this.identity.userPool.userPoolId, 'Cognito user pool (widget sign-in, groups)');
    output('WidgetClientId', this.identity.widgetClient.userPoolClientId, 'App client id for the widget');
    output('TableName', this.storage.table.tableName, 'DynamoDB table');
    output('DocumentsBucketName', this.storage.documents.bucketName, 'Documents and reports');
    output(
      'InboundSmsTopicArn',
      this.topics.inboundSms.topicArn,
      'Two-way SMS destination in End User Messaging',
    );
    output('AlarmTopicArn', this.topics.alarms.topicArn, 'Subscribe operators to alarms here');
    output(
      'SlackSigningSecretName',
      this.secrets.slackSigningSecret.secretName,
      'Store the Slack signing secret here',
    );
    output(
      'SlackBotTokenName',
      this.secrets.slackBotToken.secretName,
      'Store the Slack bot token (xoxb-…) here',
    );
  }
}
