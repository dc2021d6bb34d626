/**
 * SNS topics, all encrypted with the topics key and refusing plain-HTTP publishers. Subscriptions
 * to them are made in the stateless stack, next to the functions that consume them.
 */
import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';

export interface TopicsProps {
  topicsKey: kms.IKey;
}

export class Topics extends Construct {
  /** Shortage alerts fan-out (issue 5): the alerts function publishes; donors/staff subscribe. */
  readonly shortageAlerts: sns.Topic;
  /** AWS End User Messaging two-way SMS publishes inbound texts here; the SMS function consumes. */
  readonly inboundSms: sns.Topic;
  /**
   * Slack's deferred work: the Slack function acknowledges within Slack's 3 s, publishes the turn
   * here and handles it when SNS invokes it again. Carries what staff typed, hence encrypted.
   */
  readonly slackWork: sns.Topic;
  /** CloudWatch alarm notifications for operators. */
  readonly alarms: sns.Topic;

  constructor(scope: Construct, id: string, props: TopicsProps) {
    super(scope, id);
    const account = Stack.of(this).account;
    const topic = (name: string, displayName: string) =>
      new sns.Topic(this, name, { displayName, masterKey: props.topicsKey, enforceSSL: true });

    this.shortageAlerts = topic('ShortageAlerts', 'Blood bank shortage alerts');
    this.inboundSms = topic('InboundSms', 'Blood bank inbound SMS');
    this.slackWork = topic('SlackWork', 'Blood bank Slack deferred turns');
    this.alarms = topic('Alarms', 'Blood bank alarms');

    // Only End User Messaging of this account may deliver inbound SMS (a forged "YES" would book).
    this.inboundSms.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowEndUserMessagingTwoWaySms',
        principals: [new iam.ServicePrincipal('sms-voice.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.inboundSms.topicArn],
        conditions: { StringEquals: { 'aws:SourceAccount': account } },
      }),
    );
    this.alarms.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowCloudWatchAlarms',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.alarms.topicArn],
        conditions: { StringEquals: { 'aws:SourceAccount': account } },
      }),
    );
  }
}
