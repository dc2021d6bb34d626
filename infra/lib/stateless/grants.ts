/**
 * Environment variable + permission, always together: each helper sets the variable a function
 * reads and grants exactly what using it takes, and acknowledges (with the reason) any cdk-nag
 * wildcard finding the grant necessarily produces, on that function's role only.
 */
import { Stack, Validations } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { SECRET_ARN_SUFFIX } from '../../../fulfillment/secrets.js';

function acknowledge(fn: lambda.Function, id: string, reason: string): void {
  Validations.of(fn.role ?? fn).acknowledge({ id, reason });
}

/**
 * Item reads and writes (transactions are authorized per item as these actions). No dynamodb:Scan:
 * DESIGN.md allows no Scan on any request path, and IAM now enforces it. No table management.
 */
export const TABLE_DATA_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:ConditionCheckItem',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:DescribeTable',
] as const;

/** What DynamoDB asks KMS on the caller's behalf for a customer-key table, spelled out (no wildcards). */
export const TABLE_KEY_ACTIONS = [
  'kms:Decrypt',
  'kms:Encrypt',
  'kms:GenerateDataKey',
  'kms:GenerateDataKeyWithoutPlaintext',
  'kms:ReEncryptFrom',
  'kms:ReEncryptTo',
  'kms:DescribeKey',
] as const;

/**
 * TABLE_NAME + item access to the table and its named indexes, and use of the table's key only
 * through DynamoDB. Narrower than `table.grantReadWriteData` (no Scan, no `index/*`, key bound to
 * the DynamoDB service), which would also need wildcard acknowledgements.
 */
export function useTable(fn: lambda.Function, table: dynamodb.Table, indexNames: readonly string[]): void {
  fn.addEnvironment('TABLE_NAME', table.tableName);
  iam.Grant.addToPrincipal({
    grantee: fn,
    actions: [...TABLE_DATA_ACTIONS],
    resourceArns: [table.tableArn, ...indexNames.map((name) => `${table.tableArn}/index/${name}`)],
  });
  if (!table.encryptionKey) throw new Error('The table must be encrypted with a customer key');
  fn.addToRolePolicy(
    new iam.PolicyStatement({
      actions: [...TABLE_KEY_ACTIONS],
      resources: [table.encryptionKey.keyArn],
      conditions: { StringEquals: { 'kms:ViaService': `dynamodb.${Stack.of(fn).region}.amazonaws.com` } },
    }),
  );
}

/**
 * `<NAME>_SECRET_ARN` (read by resolveSecret) + read on that one secret, and decrypt on its key only
 * through Secrets Manager. Written out rather than `secret.grantRead(fn)`: across stacks that grant
 * puts the function's role into the key policy, and the stateful stack would then depend on this one.
 */
export function useSecret(
  fn: lambda.Function,
  name: string,
  secret: secretsmanager.ISecret,
  key: kms.IKey,
): void {
  fn.addEnvironment(name + SECRET_ARN_SUFFIX, secret.secretArn);
  iam.Grant.addToPrincipal({
    grantee: fn,
    actions: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
    resourceArns: [secret.secretArn],
  });
  fn.addToRolePolicy(
    new iam.PolicyStatement({
      actions: ['kms:Decrypt'],
      resources: [key.keyArn],
      conditions: {
        StringEquals: { 'kms:ViaService': `secretsmanager.${Stack.of(fn).region}.amazonaws.com` },
      },
    }),
  );
}

/** `<VARIABLE>` = topic ARN + publish on that topic (and use of its key to encrypt the message). */
export function publishTo(fn: lambda.Function, variable: string, topic: sns.ITopic): void {
  fn.addEnvironment(variable, topic.topicArn);
  topic.grantPublish(fn);
  acknowledge(
    fn,
    'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]',
    'Publishing to a KMS-encrypted topic needs a data key from the topics key; the grant is on that key ARN only.',
  );
}

/**
 * SMS to a phone number (SNS Publish with PhoneNumber) has no resource ARN: IAM authorizes it
 * against "*". Topics are granted separately, per topic, with publishTo.
 */
export function sendSms(fn: lambda.Function, originationNumber: string | undefined): void {
  if (originationNumber) fn.addEnvironment('SMS_ORIGINATION_NUMBER', originationNumber);
  iam.Grant.addToPrincipal({ grantee: fn, actions: ['sns:Publish'], resourceArns: ['*'] });
  acknowledge(
    fn,
    'AwsSolutions-IAM5[Resource::*]',
    'sns:Publish with PhoneNumber (direct SMS to a donor) has no resource type to scope to, so IAM requires "*". ' +
      'Only sns:Publish is granted this way; no other action has a wildcard resource.',
  );
}

/** LEX_* variables + RecognizeText on the live alias of the bot, nothing else of Lex. */
export function talkToBot(
  fn: lambda.Function,
  bot: { botId: string; aliasId: string; localeId: string; grantRecognizeText(g: iam.IGrantable): iam.Grant },
): void {
  fn.addEnvironment('LEX_BOT_ID', bot.botId);
  fn.addEnvironment('LEX_BOT_ALIAS_ID', bot.aliasId);
  fn.addEnvironment('LEX_LOCALE_ID', bot.localeId);
  bot.grantRecognizeText(fn);
}
