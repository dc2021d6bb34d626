/**
 * Shared plumbing of the DynamoDB store: the document client, `transactWithAudit` (the one way a
 * change and its audit entry are written together), and the mapping of DynamoDB's cancellation
 * reasons. Keys are built in ./keys.ts.
 */
import { randomUUID } from 'node:crypto';
import { DynamoDBClient, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  DynamoDBDocumentClient,
  paginateQuery,
  type QueryCommandInput,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { TransientConflictError } from '../../errors.js';
import type { PhoneHasher } from '../../privacy.js';
import type { AuditEntry } from '../port.js';
import { keys } from './keys.js';

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

/** One item of a TransactWriteItems call (Put, Update, Delete or ConditionCheck). */
export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** What the audit trail records about a change: who, what, on which entity, and non-personal facts. */
export type AuditFacts = Pick<AuditEntry, 'actor' | 'action' | 'entityType' | 'entityId' | 'details'>;

/**
 * A committed transaction, or the indexes (into the caller's items) whose condition failed, with
 * DynamoDB's error for callers to whom any failed condition is unexpected (see mustCommit).
 */
export type TransactOutcome = { ok: true } | { ok: false; failed: ReadonlySet<number>; error: unknown };

/** For writes whose conditions must hold: a failed one is thrown as DynamoDB raised it. */
export function mustCommit(outcome: TransactOutcome): void {
  if (!outcome.ok) throw outcome.error;
}

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
  protected auditPut(facts: AuditFacts) {
    const at = this.now().toISOString();
    const auditId = randomUUID();
    const entry: AuditEntry = { auditId, at, ...facts };
    const { entityType, entityId } = facts;
    return {
      Put: {
        TableName: this.table,
        Item: {
          ...keys.audit(at, auditId),
          ...keys.auditEntity(at, auditId, entityType, entityId),
          type: 'audit',
          ...entry,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    };
  }

  /**
   * Writes a change and its audit entry in one transaction: the trail never misses a change, nor
   * records one that did not happen. Each item carries its own conditions, written at the call site;
   * the audit entry goes last, so `failed` indexes are the caller's own. A TransactionConflict (a
   * race worth retrying) is thrown as TransientConflictError; any other failure is thrown as is.
   */
  protected async transactWithAudit(
    items: TransactItem[],
    audit: AuditFacts,
    options: { clientRequestToken?: string } = {},
  ): Promise<TransactOutcome> {
    try {
      await this.doc.send(
        new TransactWriteCommand({
          TransactItems: [...items, this.auditPut(audit)],
          ...(options.clientRequestToken ? { ClientRequestToken: options.clientRequestToken } : {}),
        }),
      );
      return { ok: true };
    } catch (error) {
      const codes = cancellationCodes(error);
      const failed = new Set<number>();
      codes?.forEach((code, i) => {
        if (code === 'ConditionalCheckFailed') failed.add(i);
      });
      if (failed.size > 0) return { ok: false, failed, error };
      rethrowConflict(error);
    }
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
