/**
 * Consumed capacity per turn, measured on the document client the store uses.
 *
 * A middleware at the initialize step (document-level input and output, before marshalling) adds
 * `ReturnConsumedCapacity: 'TOTAL'` to every command that accepts it and sums what DynamoDB reports.
 * DynamoDB Local reports single-item operations correctly but under-counts multi-item transactions
 * (two tiny Puts in one TransactWriteItems report 2 WCU where DynamoDB charges 4), so write units are
 * also computed from item sizes by DynamoDB's rules: 1 KB per write unit, max(old, new) size, each
 * GSI the item enters, leaves or changes in costs its own write, and a transaction doubles the table
 * writes. Old and new sizes come from consistent reads of every written key, made before and after
 * the write through a second, unmetered client — so only the capacity pass sets `sizer`; timed turns
 * run without it. Reads are computed from the items returned (4 KB per read unit, halved when
 * eventually consistent), which cross-checks what DynamoDB Local reports.
 */
import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { KEY_ATTRIBUTES } from '../../fulfillment/store/table.js';

type Item = Record<string, unknown>;

export interface CapacityTotals {
  calls: number;
  /** Sequential waves of calls: a call that starts while none is in flight opens a new one. */
  roundTrips: number;
  byCommand: Record<string, number>;
  rcuReported: number;
  wcuReported: number;
  rcuComputed: number;
  wcuComputed: number;
  /** Bytes of items returned to the caller (DynamoDB's item-size rules). */
  bytesRead: number;
  /** Bytes returned by each read call, in call order. */
  readSizes: number[];
}

export interface CapacityMeter {
  /** Totals since the last take (or since the meter was attached), then starts again from zero. */
  take(): CapacityTotals;
  /** Computes write units through `sizer` (an unmetered client) until set back to undefined. */
  computeWrites(sizer: DynamoDBDocumentClient | undefined): void;
}

const READS = new Set([
  'GetItemCommand',
  'QueryCommand',
  'ScanCommand',
  'BatchGetItemCommand',
  'TransactGetItemsCommand',
]);
const WRITES = new Set([
  'PutItemCommand',
  'UpdateItemCommand',
  'DeleteItemCommand',
  'BatchWriteItemCommand',
  'TransactWriteItemsCommand',
]);
const INDEXES = [KEY_ATTRIBUTES.gsi1, KEY_ATTRIBUTES.gsi2];

function valueSize(value: unknown): number {
  if (value === null || value === undefined || typeof value === 'boolean') return 1;
  if (typeof value === 'string') return Buffer.byteLength(value, 'utf8');
  if (typeof value === 'number' || typeof value === 'bigint') return numberSize(String(value));
  if (value instanceof Uint8Array) return value.byteLength;
  if (value instanceof Set) return [...value].reduce((n: number, v) => n + valueSize(v), 0);
  if (Array.isArray(value)) return 3 + value.reduce((n: number, v) => n + 1 + valueSize(v), 0);
  if (typeof value === 'object') {
    // lib-dynamodb's NumberValue (wrapNumbers) carries the digits as a string.
    if ('value' in value && Object.keys(value).length === 1) return numberSize(String(value.value));
    return 3 + Object.entries(value).reduce((n, [k, v]) => n + 1 + Buffer.byteLength(k) + valueSize(v), 0);
  }
  return 0;
}

/** About one byte per two significant digits, plus one (leading and trailing zeros do not count). */
function numberSize(text: string): number {
  const mantissa = text.replace(/^-/, '').toLowerCase().split('e')[0] ?? '';
  const digits = mantissa.replace('.', '').replace(/^0+/, '').replace(/0+$/, '');
  return Math.ceil(Math.max(digits.length, 1) / 2) + 1;
}

/** An item's size as DynamoDB bills it: attribute names plus values. */
export function itemSize(item: Item): number {
  return Object.entries(item).reduce((n, [k, v]) => n + Buffer.byteLength(k) + valueSize(v), 0);
}

/** Read units for `bytes` read in one request: 4 KB each, at least one; eventually consistent is half. */
export function readUnits(bytes: number, consistent: boolean): number {
  return Math.max(1, Math.ceil(bytes / 4096)) * (consistent ? 1 : 0.5);
}

/** Write units for one item write: 1 KB each, at least one. */
export function writeUnits(bytes: number): number {
  return Math.max(1, Math.ceil(bytes / 1024));
}

interface WriteTarget {
  table: string;
  key: Item;
  kind: 'write' | 'delete';
}

function keyOf(item: Item): Item {
  return { [KEY_ATTRIBUTES.partitionKey]: item.pk, [KEY_ATTRIBUTES.sortKey]: item.sk };
}

/** The items a write command touches, so their sizes can be read before and after. */
export function writeTargets(command: string, input: Item): WriteTarget[] {
  const table = input.TableName as string;
  if (command === 'PutItemCommand') return [{ table, key: keyOf(input.Item as Item), kind: 'write' }];
  if (command === 'UpdateItemCommand') return [{ table, key: input.Key as Item, kind: 'write' }];
  if (command === 'DeleteItemCommand') return [{ table, key: input.Key as Item, kind: 'delete' }];
  if (command === 'BatchWriteItemCommand') {
    return Object.entries(input.RequestItems as Record<string, Item[]>).flatMap(([t, requests]) =>
      requests.map((r) =>
        r.PutRequest
          ? { table: t, key: keyOf((r.PutRequest as Item).Item as Item), kind: 'write' as const }
          : { table: t, key: (r.DeleteRequest as Item).Key as Item, kind: 'delete' as const },
      ),
    );
  }
  if (command === 'TransactWriteItemsCommand') {
    return (input.TransactItems as Item[]).map((t) => {
      const [[op, body]] = Object.entries(t) as [[string, Item]];
      const key = op === 'Put' ? keyOf(body.Item as Item) : (body.Key as Item);
      return { table: body.TableName as string, key, kind: op === 'Delete' ? 'delete' : 'write' };
    });
  }
  return [];
}

/** Write units for one item going from `before` to `after` (null: absent), table and GSIs apart. */
export function itemWriteUnits(before: Item | null, after: Item | null): { table: number; indexes: number } {
  const sizeBefore = before ? itemSize(before) : 0;
  const sizeAfter = after ? itemSize(after) : 0;
  let indexes = 0;
  for (const gsi of INDEXES) {
    const keyBefore =
      before?.[gsi.partitionKey] && before[gsi.sortKey]
        ? `${before[gsi.partitionKey]}|${before[gsi.sortKey]}`
        : null;
    const keyAfter =
      after?.[gsi.partitionKey] && after[gsi.sortKey]
        ? `${after[gsi.partitionKey]}|${after[gsi.sortKey]}`
        : null;
    if (keyBefore && keyAfter && keyBefore === keyAfter) {
      // Projection ALL: any change to an indexed item rewrites its index entry.
      if (JSON.stringify(before) !== JSON.stringify(after))
        indexes += writeUnits(Math.max(sizeBefore, sizeAfter));
    } else {
      if (keyBefore) indexes += writeUnits(sizeBefore);
      if (keyAfter) indexes += writeUnits(sizeAfter);
    }
  }
  return { table: writeUnits(Math.max(sizeBefore, sizeAfter)), indexes };
}

/** Read units and bytes computed from what a read command returned. */
export function computedReads(command: string, input: Item, output: Item): { units: number; bytes: number } {
  const consistent = input.ConsistentRead === true;
  if (command === 'GetItemCommand') {
    const bytes = output.Item ? itemSize(output.Item as Item) : 0;
    return { units: readUnits(bytes, consistent), bytes };
  }
  if (command === 'QueryCommand' || command === 'ScanCommand') {
    const bytes = ((output.Items ?? []) as Item[]).reduce((n, i) => n + itemSize(i), 0);
    return { units: readUnits(bytes, consistent), bytes };
  }
  if (command === 'BatchGetItemCommand') {
    let units = 0;
    let bytes = 0;
    for (const [table, request] of Object.entries(input.RequestItems as Record<string, Item>)) {
      const found = ((output.Responses as Record<string, Item[]> | undefined)?.[table] ?? []) as Item[];
      for (const i of found) {
        bytes += itemSize(i);
        units += readUnits(itemSize(i), request.ConsistentRead === true);
      }
      // A key that is not there still costs the minimum read.
      units += Math.max(0, (request.Keys as Item[]).length - found.length) * 0.5;
    }
    return { units, bytes };
  }
  if (command === 'TransactGetItemsCommand') {
    const found = ((output.Responses ?? []) as Item[]).map((r) => (r.Item as Item | undefined) ?? null);
    const bytes = found.reduce((n, i) => n + (i ? itemSize(i) : 0), 0);
    return { units: found.reduce((n, i) => n + 2 * readUnits(i ? itemSize(i) : 0, true), 0), bytes };
  }
  return { units: 0, bytes: 0 };
}

function reported(output: Item): number {
  const cc = output.ConsumedCapacity as Item | Item[] | undefined;
  const list = Array.isArray(cc) ? cc : cc ? [cc] : [];
  return list.reduce((n, c) => n + Number(c.CapacityUnits ?? 0), 0);
}

function empty(): CapacityTotals {
  return {
    calls: 0,
    roundTrips: 0,
    byCommand: {},
    rcuReported: 0,
    wcuReported: 0,
    rcuComputed: 0,
    wcuComputed: 0,
    bytesRead: 0,
    readSizes: [],
  };
}

/**
 * Attaches the meter to `doc` (its stack is shared with the client it wraps). Write units are
 * computed only while a sizer is set (the extra reads would distort timings); otherwise left at zero.
 */
export function meterCapacity(doc: DynamoDBDocumentClient): CapacityMeter {
  let totals = empty();
  let sizer: DynamoDBDocumentClient | undefined;
  let inFlight = 0;
  const sizeOf = async (targets: WriteTarget[]) =>
    Promise.all(
      targets.map(async (t) => {
        const out = await sizer!.send(
          new GetCommand({ TableName: t.table, Key: t.key, ConsistentRead: true }),
        );
        return (out.Item as Item | undefined) ?? null;
      }),
    );
  doc.middlewareStack.add(
    (next, context) => async (args) => {
      const command = context.commandName ?? 'unknown';
      const metered = READS.has(command) || WRITES.has(command);
      const input = args.input as Item;
      const targets = sizer && WRITES.has(command) ? writeTargets(command, input) : [];
      const before = targets.length ? await sizeOf(targets) : [];
      totals.calls += 1;
      totals.byCommand[command] = (totals.byCommand[command] ?? 0) + 1;
      if (inFlight === 0) totals.roundTrips += 1;
      inFlight += 1;
      let result: Awaited<ReturnType<typeof next>>;
      try {
        result = await next(
          metered ? { ...args, input: { ...input, ReturnConsumedCapacity: 'TOTAL' } } : args,
        );
      } finally {
        inFlight -= 1;
      }
      const output = (result.output ?? {}) as Item;
      if (READS.has(command)) {
        totals.rcuReported += reported(output);
        const reads = computedReads(command, input, output);
        totals.rcuComputed += reads.units;
        totals.bytesRead += reads.bytes;
        totals.readSizes.push(reads.bytes);
      } else if (WRITES.has(command)) {
        totals.wcuReported += reported(output);
        if (targets.length) {
          const after = await sizeOf(targets);
          const factor = command === 'TransactWriteItemsCommand' ? 2 : 1;
          targets.forEach((t, i) => {
            const units = itemWriteUnits(before[i] ?? null, t.kind === 'delete' ? null : (after[i] ?? null));
            // Assumption, stated in BENCHMARKS.md: GSI propagation is billed as standard writes.
            totals.wcuComputed += units.table * factor + units.indexes;
          });
        }
      }
      return result;
    },
    { step: 'initialize', name: 'benchCapacityMeter', override: true },
  );
  return {
    take() {
      const out = totals;
      totals = empty();
      return out;
    },
    computeWrites(client) {
      sizer = client;
    },
  };
}
