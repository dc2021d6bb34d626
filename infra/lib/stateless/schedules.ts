/**
 * EventBridge Scheduler jobs that drive the alerts function (issue 5) and the daily stock report
 * (issue 8). The event each one sends is the contract with adapters/alerts/lambda.ts and
 * adapters/documents/reportLambda.ts: `{ "source": "bloodbank.scheduler", "task": <task> }`.
 */
import { type CfnElement, Duration, Stack, TimeZone, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as targets from 'aws-cdk-lib/aws-scheduler-targets';
import { Construct } from 'constructs';

export const SCHEDULE_SOURCE = 'bloodbank.scheduler';
export type ScheduledTask = 'expirySweep' | 'expiringSoon' | 'stockCheck' | 'stockReport';

export interface SchedulesProps {
  alerts: lambda.IFunction;
  /** The report function (adapters/documents/reportLambda.ts, functions.ts `documentsReport`). */
  report: lambda.IFunction;
  /** IANA zone of the blood service (TIME_ZONE): the sweep runs at night there, not in UTC. */
  timeZone: string;
}

export class Schedules extends Construct {
  readonly expirySweep: scheduler.Schedule;
  readonly expiringSoon: scheduler.Schedule;
  readonly stockCheck: scheduler.Schedule;
  readonly stockReport: scheduler.Schedule;

  constructor(scope: Construct, id: string, props: SchedulesProps) {
    super(scope, id);
    const zone = TimeZone.of(props.timeZone);
    // Our own role rather than the shared one aws-scheduler-targets would create at stack level, so
    // its permissions (invoke alerts, invoke the report) and their acknowledgements sit here.
    const role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
      description: 'EventBridge Scheduler: invoke the blood bank alerts and stock report functions',
    });
    for (const [fn, what] of [
      [props.alerts, 'the alerts function'],
      [props.report, 'the stock report function'],
    ] as const) {
      const fnId = Stack.of(this).getLogicalId(fn.node.defaultChild as CfnElement);
      Validations.of(role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${fnId}.Arn>:*]`,
        reason: `lambda:InvokeFunction on ${what} and its versions/aliases (ARN:*), as Scheduler targets need; no other function.`,
      });
    }
    const target = (task: ScheduledTask, fn = props.alerts) =>
      new targets.LambdaInvoke(fn, {
        role,
        input: scheduler.ScheduleTargetInput.fromObject({ source: SCHEDULE_SOURCE, task }),
        // A missed run is superseded by the next one; do not pile up stale retries.
        retryAttempts: 2,
        maxEventAge: Duration.minutes(30),
      });

    // Units expire at the end of their last day: sweep shortly after local midnight, so the first
    // stock check of the day already sees them gone.
    this.expirySweep = new scheduler.Schedule(this, 'ExpirySweep', {
      description: 'Expire units past their shelf life and update stock',
      schedule: scheduler.ScheduleExpression.cron({ minute: '15', hour: '0', timeZone: zone }),
      target: target('expirySweep'),
    });
    // Staff start the day knowing what to use or move first: units expiring within 48 hours, per
    // site, to the staff channel (issue 14). After the sweep, so nothing already expired is listed.
    this.expiringSoon = new scheduler.Schedule(this, 'ExpiringSoon', {
      description: 'Morning Slack message: units that expire within 48 hours, per site',
      schedule: scheduler.ScheduleExpression.cron({ minute: '0', hour: '7', timeZone: zone }),
      target: target('expiringSoon'),
    });
    // Detection also runs on every stock change; this catches slow drift (days of supply falling as
    // the rolling issue average rises) within a quarter of an hour.
    this.stockCheck = new scheduler.Schedule(this, 'StockCheck', {
      description: 'Recompute stock levels and raise or recover shortage alerts',
      schedule: scheduler.ScheduleExpression.rate(Duration.minutes(15)),
      target: target('stockCheck'),
    });
    // Staff start the day with it; the service's zone, like the sweep. A failed run retries (above),
    // and staff can still make today's report on demand (POST /api/reports/stock).
    this.stockReport = new scheduler.Schedule(this, 'StockReport', {
      description: 'Daily stock report (chart and CSV) and its summary to staff',
      schedule: scheduler.ScheduleExpression.cron({ minute: '0', hour: '6', timeZone: zone }),
      target: target('stockReport', props.report),
    });
  }
}
