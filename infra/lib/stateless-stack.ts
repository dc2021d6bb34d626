/**
 * Code and wiring, safe to destroy and redeploy at will: the seven functions, the Lex bot, the HTTP
 * API, subscriptions, schedules, widget hosting, alarms and the dashboard. It owns no data; every
 * table, key, secret, topic and log group comes from the stateful stack.
 *
 * Permissions rule: an environment variable that names a resource is set by the same helper
 * (stateless/grants.ts) as the grant that lets the function use it (aws-cdk-examples style), so one
 * cannot be added without the other, and no role holds anything it has no variable for.
 */
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as eventsTargets from 'aws-cdk-lib/aws-events-targets';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Construct } from 'constructs';
import type { BotDefinition } from '../../bots/schema.js';
import { PREFIX } from '../../fulfillment/documents/access.js';
import { STOCK_EVENT_DETAIL_TYPE, STOCK_EVENT_SOURCE } from '../../fulfillment/stockEvents.js';
import { GSI1, GSI2 } from '../../fulfillment/store/table.js';
import type { DeploymentConfig } from './config.js';
import { FUNCTION_NAMES, type FunctionName } from './stateful/logs.js';
import type { StatefulStack } from './stateful-stack.js';
import { ANONYMOUS_CHAT_PATH, Api, CHAT_PATH, SLACK_EVENTS_PATH } from './stateless/api.js';
import { Bot } from './stateless/bot.js';
import { AppFunction } from './stateless/functions.js';
import {
  lookUpAccounts,
  publishTo,
  sendSms,
  talkToBot,
  useDocuments,
  useSecret,
  useTable,
} from './stateless/grants.js';
import { Hosting } from './stateless/hosting.js';
import { Monitoring } from './stateless/monitoring.js';
import { Schedules } from './stateless/schedules.js';

export interface StatelessStackProps extends StackProps {
  data: StatefulStack;
  bot: BotDefinition;
  config: DeploymentConfig;
}

export class StatelessStack extends Stack {
  readonly functions: Record<FunctionName, lambda.Function>;
  readonly bot: Bot;
  readonly api: Api;
  readonly hosting: Hosting;
  readonly monitoring: Monitoring;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, {
      description: 'Blood bank assistant: functions, Lex bot, API, schedules, widget hosting, alarms',
      ...props,
    });
    const { data, config } = props;
    const { table, documents: documentsBucket } = data.storage;
    const secrets = data.secrets;
    const indexes = [GSI1, GSI2];

    const made = Object.fromEntries(
      FUNCTION_NAMES.map((name) => [
        name,
        new AppFunction(this, name, { name, logGroup: data.logs.functions[name] }),
      ]),
    ) as Record<FunctionName, AppFunction>;
    this.functions = Object.fromEntries(FUNCTION_NAMES.map((n) => [n, made[n].fn])) as Record<
      FunctionName,
      lambda.Function
    >;
    const { fulfillment, web, slack, sms, alerts, documents, documentsReport, labResults } = this.functions;

    this.bot = new Bot(this, 'Bot', { definition: props.bot, fulfillment, logsKey: data.keys.logs });
    const secret = (fn: lambda.Function, name: string, value: secretsmanager.ISecret) =>
      useSecret(fn, name, value, data.keys.data);

    // Fulfillment: the only function that changes clinical state; verifies principals, hashes phones.
    useTable(fulfillment, table, indexes);
    secret(fulfillment, 'PRINCIPAL_SIGNING_KEY', secrets.principalSigningKey);
    secret(fulfillment, 'PHONE_HASH_KEY', secrets.phoneHashKey);
    // Donors registering themselves prove their number with a texted code (RegisterDonor).
    sendSms(fulfillment, config.smsOriginationNumber);
    fulfillment.addEnvironment('ELIGIBILITY_POLICY', config.eligibilityPolicy);
    fulfillment.addEnvironment('TIME_ZONE', config.timeZone);
    fulfillment.addEnvironment('DEFAULT_SITE', config.defaultSite);
    // StockReport intent: reads the latest report and links to it. Reports are made by the report
    // function only, so fulfillment reads reports/ and writes nothing in the bucket.
    useDocuments(fulfillment, documentsBucket, { read: [PREFIX.reports], list: [PREFIX.reports] });

    // Web API: verifies Cognito ID tokens (public JWKS, no grant), rate-limits in the table, signs.
    useTable(web, table, indexes);
    talkToBot(web, this.bot);
    secret(web, 'PRINCIPAL_SIGNING_KEY', secrets.principalSigningKey);
    web.addEnvironment('COGNITO_USER_POOL_ID', data.identity.userPool.userPoolId);
    web.addEnvironment('COGNITO_CLIENT_ID', data.identity.widgetClient.userPoolClientId);
    // GET /api/stock and GET /api/units/{din} (issue 14): the same table reads, judged by the policy
    // in the service's day.
    web.addEnvironment('ELIGIBILITY_POLICY', config.eligibilityPolicy);
    web.addEnvironment('TIME_ZONE', config.timeZone);

    // Slack: Bolt verifies Slack's signature; the turn is deferred through the Slack work topic,
    // which invokes this same function again.
    useTable(slack, table, indexes);
    talkToBot(slack, this.bot);
    secret(slack, 'PRINCIPAL_SIGNING_KEY', secrets.principalSigningKey);
    secret(slack, 'SLACK_SIGNING_SECRET', secrets.slackSigningSecret);
    secret(slack, 'SLACK_BOT_TOKEN', secrets.slackBotToken);
    publishTo(slack, 'SLACK_WORK_TOPIC_ARN', data.topics.slackWork);
    data.topics.slackWork.addSubscription(new subscriptions.LambdaSubscription(slack));
    // `/blood link`: the account must exist, and the role given may not be above its group.
    lookUpAccounts(slack, data.identity.userPool);

    // SMS: inbound texts arrive from End User Messaging through the inbound topic; replies go out
    // as direct SMS. The phone-hash key links the sender's number to a donor.
    useTable(sms, table, indexes);
    talkToBot(sms, this.bot);
    secret(sms, 'PRINCIPAL_SIGNING_KEY', secrets.principalSigningKey);
    secret(sms, 'PHONE_HASH_KEY', secrets.phoneHashKey);
    sendSms(sms, config.smsOriginationNumber);
    data.topics.inboundSms.addSubscription(new subscriptions.LambdaSubscription(sms));

    // Alerts (issue 5): sweeps and checks stock, broadcasts appeals by SMS, tells staff in Slack.
    useTable(alerts, table, indexes);
    publishTo(alerts, 'SHORTAGE_ALERTS_TOPIC_ARN', data.topics.shortageAlerts);
    sendSms(alerts, config.smsOriginationNumber);
    secret(alerts, 'SLACK_BOT_TOKEN', secrets.slackBotToken);
    alerts.addEnvironment('ELIGIBILITY_POLICY', config.eligibilityPolicy);
    alerts.addEnvironment('TIME_ZONE', config.timeZone);
    alerts.addEnvironment('DEFAULT_SITE', config.defaultSite);
    if (config.slackAlertsChannel) alerts.addEnvironment('SLACK_ALERTS_CHANNEL', config.slackAlertsChannel);

    // Documents (issue 8), HTTP door: verifies Cognito ID tokens itself (public JWKS, no grant), then
    // per-prefix rules in the use cases; IAM allows the same three prefixes again. Its table use is
    // the SUB lookup and donor GetItem, stock and audit-day Queries and the audit PutItem: no index,
    // no update or delete. No secrets: it signs no principals and hashes no phones.
    const cognito = (fn: lambda.Function) => {
      fn.addEnvironment('COGNITO_USER_POOL_ID', data.identity.userPool.userPoolId);
      fn.addEnvironment('COGNITO_CLIENT_ID', data.identity.widgetClient.userPoolClientId);
      fn.addEnvironment('ELIGIBILITY_POLICY', config.eligibilityPolicy);
      fn.addEnvironment('TIME_ZONE', config.timeZone);
    };
    const allDocuments = [PREFIX.donors, PREFIX.reports, PREFIX.auditExports];
    useTable(documents, table, [], ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem']);
    useDocuments(documents, documentsBucket, {
      read: allDocuments,
      write: allDocuments,
      abortUploads: [PREFIX.auditExports],
      list: allDocuments,
      listVersions: allDocuments,
    });
    cognito(documents);

    // Reports, the one function that renders (adapters/documents/reportLambda.ts): the daily run and
    // POST /api/reports/stock read stock (Queries), write reports/ and read the new report back to
    // link it; the route verifies the caller's ID token (Cognito) and looks the sub up (GetItem). The
    // daily run posts the summary to the staff channel with the bot token.
    useTable(documentsReport, table, [], ['dynamodb:GetItem', 'dynamodb:Query']);
    useDocuments(documentsReport, documentsBucket, { read: [PREFIX.reports], write: [PREFIX.reports] });
    secret(documentsReport, 'SLACK_BOT_TOKEN', secrets.slackBotToken);
    cognito(documentsReport);
    if (config.slackStaffChannel) {
      documentsReport.addEnvironment('SLACK_STAFF_CHANNEL', config.slackStaffChannel);
    }

    // Lab results (issue 14): POST /api/lab-results, the lab's own door. It releases or discards units
    // and defers donors (the same use case as RecordTestResults), so it has item access like
    // fulfillment; it alone reads the lab's credential; staff tokens are verified against Cognito. A
    // reactive result's lookback list goes to staff in Slack with the bot token.
    useTable(labResults, table, indexes);
    secret(labResults, 'LAB_SERVICE_CREDENTIAL', secrets.labServiceCredential);
    secret(labResults, 'SLACK_BOT_TOKEN', secrets.slackBotToken);
    cognito(labResults);
    if (config.slackAlertsChannel) {
      labResults.addEnvironment('SLACK_ALERTS_CHANNEL', config.slackAlertsChannel);
    }

    new Schedules(this, 'Schedules', { alerts, report: documentsReport, timeZone: config.timeZone });

    // Stock changes: fulfillment announces each issue on the default event bus (no personal data, see
    // fulfillment/stockEvents.ts) and a rule runs the alerts function's detection at once, rather than
    // at the next 15-minute check. PutEvents is allowed on that one bus only.
    const bus = events.EventBus.fromEventBusName(this, 'DefaultBus', 'default');
    for (const publisher of [fulfillment, labResults]) {
      bus.grantPutEventsTo(publisher);
      publisher.addEnvironment('STOCK_EVENTS_BUS', bus.eventBusName);
    }
    new events.Rule(this, 'StockChanged', {
      description: 'Issued, expired or discarded units: run shortage detection',
      eventBus: bus,
      eventPattern: { source: [STOCK_EVENT_SOURCE], detailType: [STOCK_EVENT_DETAIL_TYPE] },
      targets: [new eventsTargets.LambdaFunction(alerts, { retryAttempts: 2 })],
    });

    this.api = new Api(this, 'Api', {
      web,
      slack,
      documents,
      report: documentsReport,
      labResults,
      userPool: data.identity.userPool,
      widgetClient: data.identity.widgetClient,
      accessLogs: data.logs.api,
    });
    this.hosting = new Hosting(this, 'Widget', {
      apiUrl: this.api.url,
      embeddingOrigins: config.allowedOrigins,
      ...(config.widgetDomainName && config.widgetCertificateArn
        ? { domainName: config.widgetDomainName, certificateArn: config.widgetCertificateArn }
        : {}),
    });
    const widgetOrigin = `https://${config.widgetDomainName ?? this.hosting.distribution.distributionDomainName}`;
    web.addEnvironment('ALLOWED_ORIGINS', [widgetOrigin, ...config.allowedOrigins].join(','));

    this.monitoring = new Monitoring(this, 'Monitoring', {
      functions: this.functions,
      table,
      inboundSms: data.topics.inboundSms,
      alarmTopic: data.topics.alarms,
      api: this.api.httpApi,
    });

    const output = (id: string, value: string, description: string) =>
      new CfnOutput(this, id, { value, description });
    output('ChatUrl', `${this.api.url}${CHAT_PATH}`, 'Widget chat endpoint for signed-in users (JWT)');
    output(
      'AnonymousChatUrl',
      `${this.api.url}${ANONYMOUS_CHAT_PATH}`,
      'Widget chat endpoint when signed out',
    );
    output('ApiUrl', this.api.url, 'Documents and reports API base (/api/documents, /api/reports/…)');
    output('SlackEventsUrl', `${this.api.url}${SLACK_EVENTS_PATH}`, 'Request URL for the Slack app manifest');
    output('WidgetUrl', widgetOrigin, 'Demo page and widget script origin');
    output('WidgetBucketName', this.hosting.bucket.bucketName, 'Upload the built widget here');
    output('WidgetDistributionId', this.hosting.distribution.distributionId, 'Invalidate after uploading');
    output('BotId', this.bot.bot.attrId, 'Lex V2 bot');
    output('BotAliasId', this.bot.alias.attrBotAliasId, 'Lex V2 live alias');
    output('DashboardName', this.monitoring.dashboard.dashboardName, 'CloudWatch dashboard');
  }
}
