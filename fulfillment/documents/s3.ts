/**
 * The document store on AWS: one versioned bucket encrypted with the data KMS key (SSE-KMS with an
 * S3 bucket key). Every write names the key explicitly, so an object can never land under the
 * bucket default of another key; a write that comes back without a version id means the bucket is
 * not versioned, which would silently lose donors' earlier documents, so it fails loudly instead.
 * Large objects (audit exports) go up as a multipart upload in fixed-size parts, holding one part
 * in memory at a time.
 */
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  ListObjectVersionsCommand,
  PutObjectCommand,
  type S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import {
  assertValidKey,
  assertValidPrefix,
  type DocumentStore,
  DocumentStoreError,
  type LinkOptions,
  type ListedObject,
  type ObjectInfo,
  type PutInput,
  type PutResult,
  type PutStreamInput,
  type StoredDocument,
  toBytes,
  type VersionInfo,
} from './port.js';

/** S3's minimum part size (except the last part). */
export const MIN_PART_BYTES = 5 * 1024 * 1024;
/** Presigned links are capped well below S3's 7 days: they are for the next few minutes. */
export const MAX_LINK_SECONDS = 24 * 60 * 60;

export interface S3StoreOptions {
  client: S3Client;
  bucket: string;
  /** The KMS key (id or ARN) objects are encrypted with; the bucket default when absent. */
  kmsKeyId?: string;
  partBytes?: number;
}

function isNotFound(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return (
    e?.name === 'NoSuchKey' ||
    e?.name === 'NoSuchVersion' ||
    e?.name === 'NotFound' ||
    e?.$metadata?.httpStatusCode === 404 ||
    // S3 answers 400 InvalidArgument for a malformed version id: for a reader, that version does not exist.
    (e?.name === 'InvalidArgument' && e?.$metadata?.httpStatusCode === 400)
  );
}

export class S3DocumentStore implements DocumentStore {
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly partBytes: number;

  constructor(private readonly options: S3StoreOptions) {
    this.client = options.client;
    this.bucket = options.bucket;
    this.partBytes = Math.max(options.partBytes ?? MIN_PART_BYTES, MIN_PART_BYTES);
  }

  private encryption() {
    return {
      ServerSideEncryption: 'aws:kms' as const,
      BucketKeyEnabled: true,
      ...(this.options.kmsKeyId ? { SSEKMSKeyId: this.options.kmsKeyId } : {}),
    };
  }

  private versioned(versionId: string | undefined, key: string): string {
    if (!versionId) throw new DocumentStoreError(`no version id for ${key}: is the bucket versioned?`);
    return versionId;
  }

  /** What GetObject and HeadObject both answer about an object, in the port's words. */
  private info(
    key: string,
    out: { VersionId?: string; ContentType?: string; Metadata?: Record<string, string>; LastModified?: Date },
    size: number,
  ): ObjectInfo {
    return {
      key,
      versionId: this.versioned(out.VersionId, key),
      size,
      contentType: out.ContentType ?? 'application/octet-stream',
      metadata: out.Metadata ?? {},
      lastModified: (out.LastModified ?? new Date(0)).toISOString(),
    };
  }

  async put(input: PutInput): Promise<PutResult> {
    assertValidKey(input.key);
    const body = toBytes(input.body);
    const out = await this.client.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: input.key,
        Body: body,
        ContentType: input.contentType,
        Metadata: input.metadata ?? {},
        ...this.encryption(),
      }),
    );
    return { key: input.key, versionId: this.versioned(out.VersionId, input.key), size: body.length };
  }

  async putStream(input: PutStreamInput): Promise<PutResult> {
    assertValidKey(input.key);
    const parts: Buffer[] = [];
    let buffered = 0;
    let uploadId: string | undefined;
    const done: Array<{ ETag: string; PartNumber: number }> = [];
    let size = 0;
    const flush = async () => {
      if (!uploadId) {
        const created = await this.client.send(
          new CreateMultipartUploadCommand({
            Bucket: this.bucket,
            Key: input.key,
            ContentType: input.contentType,
            Metadata: input.metadata ?? {},
            ...this.encryption(),
          }),
        );
        uploadId = created.UploadId;
        if (!uploadId) throw new DocumentStoreError('S3 returned no upload id');
      }
      const PartNumber = done.length + 1;
      const out = await this.client.send(
        new UploadPartCommand({
          Bucket: this.bucket,
          Key: input.key,
          UploadId: uploadId,
          PartNumber,
          Body: Buffer.concat(parts),
        }),
      );
      if (!out.ETag) throw new DocumentStoreError('S3 returned no ETag for a part');
      done.push({ ETag: out.ETag, PartNumber });
      parts.length = 0;
      buffered = 0;
    };
    try {
      for await (const chunk of input.body) {
        const bytes = Buffer.from(toBytes(chunk));
        parts.push(bytes);
        buffered += bytes.length;
        size += bytes.length;
        if (buffered >= this.partBytes) await flush();
      }
      // Small enough for one request: no multipart upload was ever started.
      if (!uploadId) return await this.put({ ...input, body: Buffer.concat(parts) });
      if (buffered > 0) await flush();
      const out = await this.client.send(
        new CompleteMultipartUploadCommand({
          Bucket: this.bucket,
          Key: input.key,
          UploadId: uploadId,
          MultipartUpload: { Parts: done },
        }),
      );
      return { key: input.key, versionId: this.versioned(out.VersionId, input.key), size };
    } catch (error) {
      // Parts of an abandoned upload cost money until aborted (the bucket's lifecycle rule is a backstop).
      if (uploadId) {
        await this.client
          .send(new AbortMultipartUploadCommand({ Bucket: this.bucket, Key: input.key, UploadId: uploadId }))
          .catch(() => undefined);
      }
      throw error;
    }
  }

  async get(key: string, options: { versionId?: string } = {}): Promise<StoredDocument | null> {
    assertValidKey(key);
    try {
      const out = await this.client.send(
        new GetObjectCommand({
          Bucket: this.bucket,
          Key: key,
          ...(options.versionId ? { VersionId: options.versionId } : {}),
        }),
      );
      const body = out.Body ? await out.Body.transformToByteArray() : new Uint8Array();
      return { body, info: this.info(key, out, body.length) };
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  async head(key: string, options: { versionId?: string } = {}): Promise<ObjectInfo | null> {
    assertValidKey(key);
    try {
      const out = await this.client.send(
        new HeadObjectCommand({
          Bucket: this.bucket,
          Key: key,
          ...(options.versionId ? { VersionId: options.versionId } : {}),
        }),
      );
      return this.info(key, out, out.ContentLength ?? 0);
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  async versions(key: string): Promise<VersionInfo[]> {
    assertValidKey(key);
    const out: VersionInfo[] = [];
    let KeyMarker: string | undefined;
    let VersionIdMarker: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectVersionsCommand({ Bucket: this.bucket, Prefix: key, KeyMarker, VersionIdMarker }),
      );
      // The prefix also matches longer keys (`a/b` matches `a/b2`): keep exactly this key.
      for (const v of page.Versions ?? []) {
        if (v.Key !== key || !v.VersionId) continue;
        out.push({
          key,
          versionId: v.VersionId,
          size: v.Size ?? 0,
          lastModified: (v.LastModified ?? new Date(0)).toISOString(),
          isLatest: v.IsLatest === true,
        });
      }
      KeyMarker = page.IsTruncated ? page.NextKeyMarker : undefined;
      VersionIdMarker = page.IsTruncated ? page.NextVersionIdMarker : undefined;
    } while (KeyMarker);
    // S3 lists a key's versions newest first already; sorting keeps that true for any S3-compatible store.
    return out.sort(
      (a, b) => Number(b.isLatest) - Number(a.isLatest) || b.lastModified.localeCompare(a.lastModified),
    );
  }

  async list(prefix: string): Promise<ListedObject[]> {
    assertValidPrefix(prefix);
    const out: ListedObject[] = [];
    let ContinuationToken: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, ContinuationToken }),
      );
      for (const o of page.Contents ?? []) {
        if (!o.Key) continue;
        out.push({
          key: o.Key,
          size: o.Size ?? 0,
          lastModified: (o.LastModified ?? new Date(0)).toISOString(),
        });
      }
      ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (ContinuationToken);
    return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  async link(key: string, options: LinkOptions): Promise<string> {
    assertValidKey(key);
    const expiresIn = Math.min(Math.max(Math.floor(options.expiresInSeconds), 1), MAX_LINK_SECONDS);
    return getSignedUrl(
      this.client,
      new GetObjectCommand({
        Bucket: this.bucket,
        Key: key,
        ...(options.versionId ? { VersionId: options.versionId } : {}),
        ...(options.downloadName
          ? {
              ResponseContentDisposition: `attachment; filename="${options.downloadName.replace(/[^\w.-]/g, '_')}"`,
            }
          : {}),
      }),
      { expiresIn },
    );
  }
}
