/**
 * Environment variable + permission, always together: each helper sets the variable a function
 * reads and grants exactly what using it takes, and acknowledges (with the reason) any cdk-nag
 * wildcard finding the grant necessarily produces, on that function's role only.
 */
import { Stack, Validations } from 'aws-cdk-lib';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference.js';
import { SECRET_ARN_SUFFIX } from '../../../fulfillment/secrets.js';

function acknowledge(fn: lambda.Function, id: string, reason: string): void {
  Validations.of(fn.role ?? fn).acknowledge({ id, reason });
}

/**
 * Acknowledges cdk-nag's IAM5 finding for one wildcard resource (an ARN ending in `*`) on the
 * function's role. When the ARN refers to the data stack, this stack renders it as a cross-stack
 * reference (Fn::GetStackOutput) only once CDK prepares the app, so the finding's id is computed
 * then, from that very resource, by the flattening cdk-nag itself applies: exactly that resource is
 * acknowledged, never a pattern.
 */
function acknowledgeResource(fn: lambda.Function, resource: string, reason: string): void {
  fn.node.addValidation({
    validate: () => {
      const flat = flattenCfnReference(Stack.of(fn).resolve(resource));
      acknowledge(fn, `AwsSolutions-IAM5[Resource::${flat}]`, reason);
      return [];
    },
  });
}

/**
 * Item reads and writes (transactions are authorized per item as these actions). No dynamodb:Scan:
 * no request path scans (README "Architecture"; the key design in fulfillment/store/table.ts), and
 * IAM enforces it. No table management.
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
 * the DynamoDB service), which would also need wildcard acknowledgements. A function that needs
 * fewer item actions names them (a subset of TABLE_DATA_ACTIONS).
 */
export function useTable(
  fn: lambda.Function,
  table: dynamodb.Table,
  indexNames: readonly string[],
  actions: readonly (typeof TABLE_DATA_ACTIONS)[number][] = TABLE_DATA_ACTIONS,
): void {
  fn.addEnvironment('TABLE_NAME', table.tableName);
  iam.Grant.addToPrincipal({
    grantee: fn,
    actions: [...actions],
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

/** What a function may do in the documents bucket, by key prefix (fulfillment/documents/access.ts). */
export interface DocumentAccess {
  /** s3:GetObject and s3:GetObjectVersion (reads, heads, presigned links) under each prefix. */
  read?: readonly string[];
  /** s3:PutObject (single puts and every step of a multipart upload) under each prefix. */
  write?: readonly string[];
  /** s3:AbortMultipartUpload under each prefix: streamed uploads that fail clean up after themselves. */
  abortUploads?: readonly string[];
  /** s3:ListBucket, only for requests whose s3:prefix starts with one of these. */
  list?: readonly string[];
  /** s3:ListBucketVersions, likewise. */
  listVersions?: readonly string[];
}

/**
 * DOCUMENTS_BUCKET + DOCUMENTS_KMS_KEY_ID (the S3 document store writes every object with that key)
 * and exactly the prefixes `access` names, no bucket-wide object access. Listing is conditioned on
 * `s3:prefix` (S3 also consults s3:ListBucket to answer 404 rather than 403 for a missing key).
 * The bucket's key is usable only through S3: kms:Decrypt to read, kms:GenerateDataKey to write
 * (multipart uploads need both). Object ARNs end in `<prefix>*`, so cdk-nag's IAM5 finding for each
 * is acknowledged here, per prefix, on this function's role.
 */
export function useDocuments(fn: lambda.Function, bucket: s3.IBucket, access: DocumentAccess): void {
  const key = bucket.encryptionKey;
  if (!key) throw new Error('The documents bucket must be encrypted with a customer key');
  fn.addEnvironment('DOCUMENTS_BUCKET', bucket.bucketName);
  fn.addEnvironment('DOCUMENTS_KMS_KEY_ID', key.keyArn);

  const granted = new Map<string, string[]>();
  const objects = (actions: string[], prefixes: readonly string[] | undefined) => {
    if (!prefixes?.length) return;
    fn.addToRolePolicy(
      new iam.PolicyStatement({ actions, resources: prefixes.map((p) => bucket.arnForObjects(`${p}*`)) }),
    );
    for (const p of prefixes) granted.set(p, [...(granted.get(p) ?? []), ...actions]);
  };
  objects(['s3:GetObject', 's3:GetObjectVersion'], access.read);
  objects(['s3:PutObject'], access.write);
  objects(['s3:AbortMultipartUpload'], access.abortUploads);
  for (const [prefix, actions] of granted) {
    acknowledgeResource(
      fn,
      bucket.arnForObjects(`${prefix}*`),
      `${actions.join(', ')} under the ${prefix} prefix only: document keys are generated per donor, ` +
        'date or export, so the prefix is the narrowest fixed resource; no other prefix, no delete.',
    );
  }

  const listing = (action: string, prefixes: readonly string[] | undefined) => {
    if (!prefixes?.length) return;
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: [action],
        resources: [bucket.bucketArn],
        conditions: { StringLike: { 's3:prefix': prefixes.map((p) => `${p}*`) } },
      }),
    );
  };
  listing('s3:ListBucket', access.list);
  listing('s3:ListBucketVersions', access.listVersions);

  const multipart = Boolean(access.abortUploads?.length);
  const keyActions = [
    ...(access.read?.length || multipart ? ['kms:Decrypt'] : []),
    ...(access.write?.length ? ['kms:GenerateDataKey'] : []),
  ];
  if (keyActions.length === 0) return;
  fn.addToRolePolicy(
    new iam.PolicyStatement({
      actions: keyActions,
      resources: [key.keyArn],
      conditions: { StringEquals: { 'kms:ViaService': `s3.${Stack.of(fn).region}.amazonaws.com` } },
    }),
  );
}

/** What checking a sign-in account takes: it exists (and is enabled), and which groups it is in. */
export const ACCOUNT_LOOKUP_ACTIONS = [
  'cognito-idp:AdminGetUser',
  'cognito-idp:AdminListGroupsForUser',
] as const;

/**
 * COGNITO_USER_POOL_ID + reading one user and their groups in that pool, nothing else of Cognito:
 * `/blood link` checks that the account exists and that the role given is not above its group.
 */
export function lookUpAccounts(fn: lambda.Function, userPool: cognito.IUserPool): void {
  fn.addEnvironment('COGNITO_USER_POOL_ID', userPool.userPoolId);
  iam.Grant.addToPrincipal({
    grantee: fn,
    actions: [...ACCOUNT_LOOKUP_ACTIONS],
    resourceArns: [userPool.userPoolArn],
  });
}
