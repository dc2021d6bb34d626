/**
 * The single DynamoDB table and the documents bucket. The table's keys and indexes are derived from
 * `createTableInput` (fulfillment/store/table.ts), the same description DynamoDB Local is created
 * from, so the two runtimes cannot drift; test/infra/stateful.test.ts proves it.
 */
import type { CreateTableCommandInput, KeySchemaElement } from '@aws-sdk/client-dynamodb';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { createTableInput, TTL_ATTRIBUTE } from '../../../fulfillment/store/table.js';

export interface StorageProps {
  dataKey: kms.IKey;
}

function attribute(
  spec: CreateTableCommandInput,
  keys: KeySchemaElement[] | undefined,
  type: 'HASH' | 'RANGE',
) {
  const name = keys?.find((k) => k.KeyType === type)?.AttributeName;
  if (!name) throw new Error(`createTableInput has no ${type} key`);
  const declared = spec.AttributeDefinitions?.find((a) => a.AttributeName === name)?.AttributeType;
  const types = {
    S: dynamodb.AttributeType.STRING,
    N: dynamodb.AttributeType.NUMBER,
    B: dynamodb.AttributeType.BINARY,
  };
  if (!declared) throw new Error(`createTableInput does not declare attribute ${name}`);
  return { name, type: types[declared] };
}

export class Storage extends Construct {
  readonly table: dynamodb.Table;
  readonly documents: s3.Bucket;
  readonly accessLogs: s3.Bucket;

  constructor(scope: Construct, id: string, props: StorageProps) {
    super(scope, id);
    const spec = createTableInput('unused');

    // On-demand rather than provisioned + auto scaling: traffic is spiky and small (a shortage
    // appeal can bring thousands of SMS replies in minutes, then hours of near silence). Auto
    // scaling reacts in minutes and throttles during exactly those bursts, while on-demand absorbs
    // them immediately and costs nothing at idle; at this volume it is also the cheaper mode.
    this.table = new dynamodb.Table(this, 'Table', {
      partitionKey: attribute(spec, spec.KeySchema, 'HASH'),
      sortKey: attribute(spec, spec.KeySchema, 'RANGE'),
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: props.dataKey,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true, recoveryPeriodInDays: 35 },
      timeToLiveAttribute: TTL_ATTRIBUTE,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const gsi of spec.GlobalSecondaryIndexes ?? []) {
      if (gsi.Projection?.ProjectionType !== 'ALL') {
        throw new Error(`GSI ${gsi.IndexName}: only ALL projections are mapped to CDK`);
      }
      this.table.addGlobalSecondaryIndex({
        indexName: gsi.IndexName!,
        partitionKey: attribute(spec, gsi.KeySchema, 'HASH'),
        sortKey: attribute(spec, gsi.KeySchema, 'RANGE'),
        projectionType: dynamodb.ProjectionType.ALL,
      });
    }

    // Server access logs cannot be written with SSE-KMS, hence S3-managed keys here.
    this.accessLogs = new s3.Bucket(this, 'AccessLogs', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: true,
      lifecycleRules: [
        {
          id: 'expire-access-logs',
          expiration: Duration.days(400),
          noncurrentVersionExpiration: Duration.days(30),
        },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.documents = new s3.Bucket(this, 'Documents', {
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: props.dataKey,
      // Bucket keys cut KMS requests (and cost) by orders of magnitude for report-sized objects.
      bucketKeyEnabled: true,
      versioned: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: this.accessLogs,
      serverAccessLogsPrefix: 'documents/',
      lifecycleRules: [
        { id: 'abort-incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(7) },
        // Donor documents (`donors/<donorId>/`) are records: a superseded signed consent form is still
        // evidence of what the donor agreed to then (UK traceability: 30 years), so no version of them
        // expires here; they move to cheaper storage instead, and retention is the service's decision.
        {
          id: 'tier-donor-documents',
          prefix: 'donors/',
          transitions: [
            { storageClass: s3.StorageClass.INFREQUENT_ACCESS, transitionAfter: Duration.days(90) },
            { storageClass: s3.StorageClass.GLACIER_INSTANT_RETRIEVAL, transitionAfter: Duration.days(365) },
          ],
          noncurrentVersionTransitions: [
            { storageClass: s3.StorageClass.GLACIER_INSTANT_RETRIEVAL, transitionAfter: Duration.days(30) },
          ],
        },
        // Reports are regenerated from the table on demand; old ones (and overwritten versions) only cost money.
        {
          id: 'expire-reports',
          prefix: 'reports/',
          expiration: Duration.days(400),
          noncurrentVersionExpiration: Duration.days(365),
        },
        // Audit exports are one-off copies of the trail behind a 15-minute link; the trail itself stays
        // in the table. Gone after 30 days, and their noncurrent versions a day later rather than after
        // the year the rule above keeps other versions for.
        {
          id: 'expire-audit-exports',
          prefix: 'audit-exports/',
          expiration: Duration.days(30),
          noncurrentVersionExpiration: Duration.days(1),
        },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}
