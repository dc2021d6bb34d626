/**
 * The document store port: versioned objects under keys, for stock reports, audit exports and donor
 * documents. It lives in fulfillment/ because the use cases and the StockReport intent that need it
 * live here (ports sit next to their users). S3 serves it on AWS (./s3.ts, versioned bucket with
 * SSE-KMS); a folder serves it in the embedded default (./folder.ts). Both pass one contract suite.
 *
 * The port knows nothing of who may read what: access rules are per key prefix (./access.ts) and
 * the use cases enforce them; on AWS, IAM prefixes enforce them again.
 */

export interface PutInput {
  key: string;
  body: Uint8Array | string;
  contentType: string;
  /** Small, non-personal facts (who uploaded, a checksum); S3 keeps them as x-amz-meta-* headers. */
  metadata?: Record<string, string>;
}

export interface PutStreamInput extends Omit<PutInput, 'body'> {
  /** Pulled chunk by chunk: the store never needs the whole object in memory. */
  body: AsyncIterable<Uint8Array | string>;
}

export interface PutResult {
  key: string;
  versionId: string;
  size: number;
}

export interface ObjectInfo {
  key: string;
  versionId: string;
  size: number;
  contentType: string;
  metadata: Record<string, string>;
  /** ISO instant the version was written. */
  lastModified: string;
}

export interface StoredDocument {
  info: ObjectInfo;
  body: Uint8Array;
}

export interface VersionInfo {
  key: string;
  versionId: string;
  size: number;
  lastModified: string;
  isLatest: boolean;
}

export interface ListedObject {
  key: string;
  size: number;
  lastModified: string;
}

export interface LinkOptions {
  /** Seconds the link stays valid; use cases keep this short (minutes). */
  expiresInSeconds: number;
  versionId?: string;
  /** Offer the bytes as a download with this file name rather than inline. */
  downloadName?: string;
}

export interface DocumentStore {
  /** Writes a new version; earlier versions are kept. */
  put(input: PutInput): Promise<PutResult>;
  /** Writes a new version from a stream of chunks (large exports). */
  putStream(input: PutStreamInput): Promise<PutResult>;
  /** The latest version, or the given one; null when the key (or that version) does not exist. */
  get(key: string, options?: { versionId?: string }): Promise<StoredDocument | null>;
  /** What get would return, without the bytes. */
  head(key: string, options?: { versionId?: string }): Promise<ObjectInfo | null>;
  /** Every version of exactly this key, newest first; empty when the key does not exist. */
  versions(key: string): Promise<VersionInfo[]>;
  /** Latest versions of the keys under a prefix, in key order. */
  list(prefix: string): Promise<ListedObject[]>;
  /** A time-limited link that lets whoever holds it read the object without credentials. */
  link(key: string, options: LinkOptions): Promise<string>;
}

export class DocumentKeyError extends Error {
  override name = 'DocumentKeyError';
}

export class DocumentStoreError extends Error {
  override name = 'DocumentStoreError';
}

/**
 * Keys are slash-separated segments of letters, digits and `._=-`, never `.` or `..`: safe as S3
 * keys, as relative file paths (the folder store) and inside signed links, whichever store is used.
 */
const SEGMENT = /^[A-Za-z0-9_=-][A-Za-z0-9._=-]*$/;
export const MAX_KEY_LENGTH = 512;

export function assertValidKey(key: string): void {
  if (key.length === 0 || key.length > MAX_KEY_LENGTH) {
    throw new DocumentKeyError(`key must be 1–${MAX_KEY_LENGTH} characters`);
  }
  for (const segment of key.split('/')) {
    if (!SEGMENT.test(segment) || segment === '.' || segment === '..') {
      throw new DocumentKeyError(`invalid key segment in "${key}"`);
    }
  }
}

/** A prefix is a key's beginning: empty, or valid segments optionally ending with `/`. */
export function assertValidPrefix(prefix: string): void {
  if (prefix === '') return;
  assertValidKey(prefix.endsWith('/') ? prefix.slice(0, -1) : prefix);
}

export function toBytes(chunk: Uint8Array | string): Uint8Array {
  return typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
}
