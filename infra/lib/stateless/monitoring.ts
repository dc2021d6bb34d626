/**
 * Alarms (to the alarms topic) and one dashboard. Each alarm answers "is a person or a unit of blood
 * affected right now?": failed turns, throttled functions or table, SMS that did not go out, and a
 * blood group at red.
 */
import { Duration } from 'aws-cdk-lib';
import type * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import type { FunctionName } from '../stateful/logs.js';

/**
 * The red-stock metric the alerts function emits as an EMF log line (no PutMetricData permission
 * needed): namespace `BloodBank`, metric `StockLevelRed`, unit Count, value = the number of
 * (site, blood group, component) lines at red in that check, dimension `service` = `alerts` (the
 * Powertools Metrics default dimension, from POWERTOOLS_SERVICE_NAME). Emit 0 when nothing is red,
 * so the alarm recovers. Per-group detail may add dimension sets; the alarm reads only this one.
 */
export const STOCK_LEVEL_RED = {
  namespace: 'BloodBank',
  metricName: 'StockLevelRed',
  dimensionsMap: { service: 'alerts' },
} as const;

export interface MonitoringProps {
  functions: Record<FunctionName, lambda.IFunction>;
  table: dynamodb.ITable;
  inboundSms: sns.ITopic;
  alarmTopic: sns.ITopic;
  api: apigwv2.IHttpApi;
}

export class Monitoring extends Construct {
  readonly alarms: cloudwatch.Alarm[] = [];
  readonly dashboard: cloudwatch.Dashboard;

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    const notify = new actions.SnsAction(props.alarmTopic);
    const alarm = (name: string, metric: cloudwatch.IMetric, description: string, threshold = 1) => {
      const a = new cloudwatch.Alarm(this, name, {
        metric,
        threshold,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        alarmDescription: description,
      });
      a.addAlarmAction(notify);
      a.addOkAction(notify);
      this.alarms.push(a);
      return a;
    };
    const fiveMinutes = { period: Duration.minutes(5), statistic: cloudwatch.Stats.SUM };

    // Fulfillment answers errors with a polite Lex reply, so a Lambda error here means the handler
    // itself crashed (cold start config, timeout): every conversation is failing.
    alarm(
      'FulfillmentErrors',
      props.functions.fulfillment.metricErrors(fiveMinutes),
      'Fulfillment Lambda errors: conversations are failing',
    );
    // The documents API answers its own errors with a 500 (ApiServerErrors below); a Lambda error is a
    // crash or a timeout, e.g. an audit export too large for the API's 30 s.
    alarm(
      'DocumentsErrors',
      props.functions.documents.metricErrors(fiveMinutes),
      'Documents Lambda errors: uploads, download links, reports or audit exports are failing',
    );
    // The daily run throws when it cannot write the report or post it; Scheduler retries twice.
    alarm(
      'StockReportErrors',
      props.functions.documentsReport.metricErrors(fiveMinutes),
      'Daily stock report failed: staff will not get today’s report unless it is made on demand',
    );
    for (const [name, fn] of Object.entries(props.functions)) {
      alarm(
        `${name}Throttles`,
        fn.metricThrottles(fiveMinutes),
        `${name} Lambda is throttled: requests are being dropped`,
      );
    }

    const tableMetric = (metricName: string) =>
      new cloudwatch.Metric({
        namespace: 'AWS/DynamoDB',
        metricName,
        dimensionsMap: { TableName: props.table.tableName },
        ...fiveMinutes,
      });
    alarm(
      'TableThrottles',
      new cloudwatch.MathExpression({
        expression: 'reads + writes',
        usingMetrics: {
          reads: tableMetric('ReadThrottleEvents'),
          writes: tableMetric('WriteThrottleEvents'),
        },
        label: 'Throttled DynamoDB requests',
        period: Duration.minutes(5),
      }),
      'DynamoDB throttled requests on the blood bank table',
    );

    // SNS reports SMS published straight to phone numbers under PhoneNumber=PhoneNumberDirect.
    const smsFailed = new cloudwatch.Metric({
      namespace: 'AWS/SNS',
      metricName: 'NumberOfNotificationsFailed',
      dimensionsMap: { PhoneNumber: 'PhoneNumberDirect' },
      period: Duration.minutes(15),
      statistic: cloudwatch.Stats.SUM,
    });
    // A few failures are normal (landlines, numbers that changed hands); five in a quarter hour is not.
    alarm('SmsDeliveryFailures', smsFailed, 'Outbound SMS are failing (alerts or replies not delivered)', 5);
    alarm(
      'InboundSmsDeliveryFailures',
      props.inboundSms.metricNumberOfNotificationsFailed(fiveMinutes),
      'Inbound SMS could not be delivered to the SMS function: donor replies are being lost',
    );

    alarm(
      'ApiServerErrors',
      props.api.metricServerError(fiveMinutes),
      'The web/Slack/documents API returned 5xx responses (integration failures or timeouts)',
      5,
    );

    const stockRed = new cloudwatch.Metric({
      ...STOCK_LEVEL_RED,
      period: Duration.minutes(15),
      statistic: cloudwatch.Stats.MAXIMUM,
    });
    alarm('StockLevelRed', stockRed, 'At least one blood group is at red stock level');

    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      defaultInterval: Duration.hours(6),
      widgets: [
        [
          new cloudwatch.GraphWidget({
            title: 'Invocations',
            left: Object.values(props.functions).map((fn) => fn.metricInvocations(fiveMinutes)),
            width: 12,
          }),
          new cloudwatch.GraphWidget({
            title: 'Errors and throttles',
            left: Object.values(props.functions).map((fn) => fn.metricErrors(fiveMinutes)),
            right: Object.values(props.functions).map((fn) => fn.metricThrottles(fiveMinutes)),
            width: 12,
          }),
        ],
        [
          new cloudwatch.GraphWidget({
            title: 'Fulfillment duration (p50, p99)',
            left: [
              props.functions.fulfillment.metricDuration({ statistic: cloudwatch.Stats.p(50) }),
              props.functions.fulfillment.metricDuration({ statistic: cloudwatch.Stats.p(99) }),
            ],
            width: 8,
          }),
          new cloudwatch.GraphWidget({
            title: 'DynamoDB capacity consumed',
            left: [tableMetric('ConsumedReadCapacityUnits'), tableMetric('ConsumedWriteCapacityUnits')],
            width: 8,
          }),
          new cloudwatch.GraphWidget({ title: 'SMS failures', left: [smsFailed], width: 8 }),
        ],
        [
          new cloudwatch.SingleValueWidget({ title: 'Stock lines at red', metrics: [stockRed], width: 8 }),
          new cloudwatch.AlarmStatusWidget({ title: 'Alarms', alarms: this.alarms, width: 16 }),
        ],
      ],
    });
  }
}
