/**
 * Shared plumbing of the DynamoDB store: the document client, key builders, the audit item that every
 * state-changing transaction carries, and the mapping of DynamoDB's cancellation reasons.
 */
import { randomUUID } from 'node:crypto';
import { DynamoDBClient, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, paginateQuery, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { TransientConflictError } from '../../errors.js';
import type { PhoneHasher } from '../../privacy.js';
import type { Actor, AuditEntry } from '../port.js';

export interface DynamoStoreOptions {
  tableName: string;
  /** DynamoDB Local's URL in the embedded default; absent on AWS. */
  endpoint?: string;
  region?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
  hashPhone: PhoneHasher;
  /** Clock, so tests and the audit trail agree on "now". */
  now?: () => Date;
}

export function createDocumentClient(options: DynamoStoreOptions): DynamoDBDocumentClient {
  const client = new DynamoDBClient({
    region: options.region ?? process.env.AWS_REGION ?? 'us-east-1',
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
    maxAttempts: 4,
  });
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
}

export const keys = {
  site: (id: string) => ({ pk: `SITE#${id}`, sk: 'META' }),
  // One partition per component holds its counters and its issue history, so a stock check is one
  // Query (sk >= ISSUED#<first day of the window>): issue days sort first, counters ('~' > 'I') last.
  stock: (site: string, group: string, component: string) => ({
    pk: `STOCK#${component}`,
    sk: `~AVAIL#${site}#${group}`,
  }),
  issues: (day: string, component: string) => ({ pk: `STOCK#${component}`, sk: `ISSUED#${day}` }),
  unit: (din: string) => ({ pk: `UNIT#${din}`, sk: 'META' }),
  availableIndex: (site: string, group: string, component: string) => `AVAIL#${site}#${group}#${component}`,
  donor: (donorId: string) => ({ pk: `DONOR#${donorId}`, sk: 'PROFILE' }),
  activeAppointment: (donorId: string) => ({ pk: `DONOR#${donorId}`, sk: 'ACTIVE_APPT' }),
  lookup: (kind: 'SUB' | 'PHONE' | 'SLACK', value: string) => ({ pk: `${kind}#${value}`, sk: 'LOOKUP' }),
  slot: (site: string, date: string, time: string) => ({ pk: `SLOT#${site}#${date}`, sk: time }),
  request: (id: string) => ({ pk: `REQUEST#${id}`, sk: 'META' }),
};

export class StoreBase {
  protected readonly doc: DynamoDBDocumentClient;
  protected readonly table: string;
  protected readonly hashPhone: PhoneHasher;
  protected readonly now: () => Date;

  constructor(options: DynamoStoreOptions, doc?: DynamoDBDocumentClient) {
    this.doc = doc ?? createDocumentClient(options);
    this.table = options.tableName;
    this.hashPhone = options.hashPhone;
    this.now = options.now ?? (() => new Date());
  }

  /** The audit entry as a Put that refuses to overwrite: the trail is append-only. */
  protected auditPut(
    actor: Actor,
    action: string,
    entityType: string,
    entityId: string,
    details: Record<string, unknown>,
  ) {
    const at = this.now().toISOString();
    const auditId = randomUUID();
    const entry: AuditEntry = { auditId, at, actor, action, entityType, entityId, details };
    return {
      Put: {
        TableName: this.table,
        Item: {
          pk: `AUDIT#${at.slice(0, 10)}`,
          sk: `${at}#${auditId}`,
          gsi2pk: `ENTITY#${entityType}#${entityId}`,
          gsi2sk: `${at}#${auditId}`,
          type: 'audit',
          ...entry,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    };
  }

  /** Runs a Query to the end, page by page (bounded by the caller's key condition). */
  protected async queryAll<T>(input: Omit<QueryCommandInput, 'TableName'>): Promise<T[]> {
    const items: T[] = [];
    for await (const page of paginateQuery({ client: this.doc }, { TableName: this.table, ...input })) {
      items.push(...((page.Items ?? []) as T[]));
    }
    return items;
  }
}

/** Which items of a cancelled transaction failed their condition (index-aligned with TransactItems). */
export function cancellationCodes(error: unknown): string[] | null {
  if (error instanceof TransactionCanceledException) {
    return (error.CancellationReasons ?? []).map((r) => r.Code ?? 'None');
  }
  return null;
}

/**
 * DynamoDB cancels a transaction that touches an item another transaction is changing
 * (TransactionConflict); that is a race worth retrying, unlike a failed condition.
 */
export function rethrowConflict(error: unknown): never {
  const codes = cancellationCodes(error);
  if (codes?.includes('TransactionConflict')) throw new TransientConflictError({ cause: error });
  throw error;
}

export function stripKeys<T>(item: Record<string, unknown>): T {
  const { pk, sk, gsi1pk, gsi1sk, gsi2pk, gsi2sk, type, ...rest } = item;
  return rest as T;
}
