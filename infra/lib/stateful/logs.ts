/**
 * Log groups are created explicitly rather than implicitly by Lambda, so each has a retention
 * period, the logs key, and survives a redeploy or deletion of the stateless stack (logs are audit
 * evidence).
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

export const FUNCTION_NAMES = [
  'fulfillment',
  'web',
  'slack',
  'sms',
  'alerts',
  'documents',
  'documentsReport',
  'labResults',
] as const;
export type FunctionName = (typeof FUNCTION_NAMES)[number];

export interface LogsProps {
  logsKey: kms.IKey;
}

/** A retained log group with retention and the logs key: the only way log groups are made here. */
export function encryptedLogGroup(
  scope: Construct,
  id: string,
  logsKey: kms.IKey,
  retention: logs.RetentionDays,
  dataProtectionPolicy?: logs.DataProtectionPolicy,
): logs.LogGroup {
  return new logs.LogGroup(scope, id, {
    retention,
    encryptionKey: logsKey,
    removalPolicy: RemovalPolicy.RETAIN,
    ...(dataProtectionPolicy ? { dataProtectionPolicy } : {}),
  });
}

/**
 * Log groups of the functions and the API. The Lex conversation log group lives beside the bot alias
 * (stateless/bot.ts, same helper, also retained): cdk-nag's LEX4 check must find it in the alias's
 * own stack to confirm it is encrypted.
 */
export class Logs extends Construct {
  readonly functions: Record<FunctionName, logs.LogGroup>;
  /** HTTP API access logs. */
  readonly api: logs.LogGroup;

  constructor(scope: Construct, id: string, props: LogsProps) {
    super(scope, id);
    // Function logs carry events, not people (STYLE.md 7): three months covers incident analysis.
    this.functions = Object.fromEntries(
      FUNCTION_NAMES.map((name) => [
        name,
        encryptedLogGroup(this, `${name}Logs`, props.logsKey, logs.RetentionDays.THREE_MONTHS),
      ]),
    ) as Record<FunctionName, logs.LogGroup>;
    this.api = encryptedLogGroup(this, 'ApiAccessLogs', props.logsKey, logs.RetentionDays.ONE_YEAR);
  }
}
