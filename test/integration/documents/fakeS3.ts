/**
 * An in-memory, versioned S3 bucket behind a real S3Client, for the S3 store's contract tests.
 *
 * Why a stand-in: no S3-compatible local server on npm works here with versioning (s3rver answers
 * NotImplemented to ?versioning and ?versions; fauxqs has no versioning and its current releases
 * need Node 22). So the boundary is the SDK itself: a terminal middleware at the end of the real
 * client's finalizeRequest step. Everything above it is the real SDK (command serialisation,
 * SSE-KMS headers, checksums, SigV4 signing), and every request it would have sent is recorded with
 * its headers, so tests can assert what would reach S3. Presigned links come from the real presigner.
 */
import { S3Client } from '@aws-sdk/client-s3';

interface Version {
  versionId: string;
  body: Buffer;
  contentType: string;
  metadata: Record<string, string>;
  lastModified: Date;
}

export interface RecordedRequest {
  command: string;
  input: Record<string, unknown>;
  headers: Record<string, string>;
  query: Record<string, unknown>;
}

export interface FakeS3 {
  client: S3Client;
  bucket: string;
  requests: RecordedRequest[];
  /** What a GET of a presigned URL would return at `at`: the bytes, or null (expired, unknown). */
  openLink(url: string, at: Date): Buffer | null;
}

function s3Error(name: string, status: number): Error {
  return Object.assign(new Error(name), { name, $metadata: { httpStatusCode: status }, $fault: 'client' });
}

function toBuffer(body: unknown): Buffer {
  if (typeof body === 'string') return Buffer.from(body);
  if (body instanceof Uint8Array) return Buffer.from(body);
  throw new Error('fake S3 takes string or bytes bodies only');
}

export function createFakeS3(options: { versioned?: boolean; pageSize?: number } = {}): FakeS3 {
  const bucket = 'bloodbank-documents-test';
  const versioned = options.versioned ?? true;
  const pageSize = options.pageSize ?? 2;
  const objects = new Map<string, Version[]>(); // newest last
  const uploads = new Map<
    string,
    { key: string; contentType: string; metadata: Record<string, string>; parts: Map<number, Buffer> }
  >();
  const requests: RecordedRequest[] = [];
  let sequence = 0;
  let clock = Date.parse('2026-11-24T08:00:00Z');

  const store = (key: string, body: Buffer, contentType: string, metadata: Record<string, string>) => {
    sequence += 1;
    clock += 1000;
    const version: Version = {
      versionId: `v${String(sequence).padStart(6, '0')}.${Math.random().toString(36).slice(2, 8)}`,
      body,
      contentType,
      metadata,
      lastModified: new Date(clock),
    };
    const list = objects.get(key) ?? [];
    if (!versioned) list.length = 0;
    list.push(version);
    objects.set(key, list);
    return version;
  };

  const find = (key: string, versionId: unknown, missing: string) => {
    const list = objects.get(key);
    if (!list?.length) throw s3Error(missing, 404);
    const version = versionId ? list.find((v) => v.versionId === versionId) : list.at(-1);
    if (!version) throw s3Error(missing === 'NotFound' ? 'NotFound' : 'NoSuchVersion', 404);
    return version;
  };

  // biome-ignore lint/suspicious/noExplicitAny: each handler reads the input of its own command, whose type the SDK knows and this table does not.
  const handlers: Record<string, (input: Record<string, any>) => Record<string, unknown>> = {
    PutObjectCommand: (i) => {
      const v = store(i.Key, toBuffer(i.Body), i.ContentType ?? 'binary/octet-stream', i.Metadata ?? {});
      return versioned ? { VersionId: v.versionId, ETag: '"e"' } : { ETag: '"e"' };
    },
    GetObjectCommand: (i) => {
      const v = find(i.Key, i.VersionId, 'NoSuchKey');
      return {
        Body: { transformToByteArray: async () => new Uint8Array(v.body) },
        VersionId: v.versionId,
        ContentType: v.contentType,
        ContentLength: v.body.length,
        Metadata: v.metadata,
        LastModified: v.lastModified,
      };
    },
    HeadObjectCommand: (i) => {
      const v = find(i.Key, i.VersionId, 'NotFound');
      const { Body: _body, ...rest } = handlers.GetObjectCommand!(i);
      return { ...rest, VersionId: v.versionId };
    },
    ListObjectVersionsCommand: (i) => {
      const all = [...objects.keys()]
        .filter((k) => k.startsWith(i.Prefix ?? ''))
        .sort()
        .flatMap((k) => [...objects.get(k)!].reverse().map((v, n) => ({ k, v, latest: n === 0 })));
      const start = i.KeyMarker
        ? all.findIndex((e) => e.k === i.KeyMarker && e.v.versionId === i.VersionIdMarker) + 1
        : 0;
      const page = all.slice(start, start + pageSize);
      const more = start + pageSize < all.length;
      return {
        Versions: page.map((e) => ({
          Key: e.k,
          VersionId: e.v.versionId,
          IsLatest: e.latest,
          Size: e.v.body.length,
          LastModified: e.v.lastModified,
        })),
        IsTruncated: more,
        ...(more ? { NextKeyMarker: page.at(-1)!.k, NextVersionIdMarker: page.at(-1)!.v.versionId } : {}),
      };
    },
    ListObjectsV2Command: (i) => {
      const keys = [...objects.keys()].filter((k) => k.startsWith(i.Prefix ?? '')).sort();
      const start = i.ContinuationToken ? Number(i.ContinuationToken) : 0;
      const page = keys.slice(start, start + pageSize);
      const more = start + pageSize < keys.length;
      return {
        Contents: page.map((k) => {
          const v = objects.get(k)!.at(-1)!;
          return { Key: k, Size: v.body.length, LastModified: v.lastModified };
        }),
        IsTruncated: more,
        ...(more ? { NextContinuationToken: String(start + pageSize) } : {}),
      };
    },
    CreateMultipartUploadCommand: (i) => {
      const id = `upload-${uploads.size + 1}`;
      uploads.set(id, {
        key: i.Key,
        contentType: i.ContentType,
        metadata: i.Metadata ?? {},
        parts: new Map(),
      });
      return { UploadId: id };
    },
    UploadPartCommand: (i) => {
      uploads.get(i.UploadId)!.parts.set(i.PartNumber, toBuffer(i.Body));
      return { ETag: `"part-${i.PartNumber}"` };
    },
    CompleteMultipartUploadCommand: (i) => {
      const upload = uploads.get(i.UploadId)!;
      uploads.delete(i.UploadId);
      const parts = (i.MultipartUpload.Parts as Array<{ PartNumber: number }>).map(
        (p) => upload.parts.get(p.PartNumber)!,
      );
      parts.slice(0, -1).forEach((p) => {
        if (p.length < 5 * 1024 * 1024) throw s3Error('EntityTooSmall', 400);
      });
      const v = store(upload.key, Buffer.concat(parts), upload.contentType, upload.metadata);
      return versioned ? { VersionId: v.versionId } : {};
    },
    AbortMultipartUploadCommand: (i) => {
      uploads.delete(i.UploadId);
      return {};
    },
  };

  const client = new S3Client({
    region: 'eu-west-2',
    credentials: { accessKeyId: 'AKIDFAKES3TEST', secretAccessKey: 'fake-secret-for-signing-only' },
  });
  client.middlewareStack.add(
    (_next, context) => async (args) => {
      const request = (
        args as { request: { headers: Record<string, string>; query: Record<string, unknown> } }
      ).request;
      const command = context.commandName as string;
      const input = args.input as Record<string, unknown>;
      requests.push({ command, input, headers: { ...request.headers }, query: { ...request.query } });
      const handler = handlers[command];
      if (!handler) throw new Error(`fake S3 does not implement ${command}`);
      return { output: { ...handler(input), $metadata: { httpStatusCode: 200 } }, response: {} } as never;
    },
    { step: 'finalizeRequest', priority: 'low', name: 'fakeS3Terminal' },
  );

  return {
    client,
    bucket,
    requests,
    openLink(url, at) {
      const u = new URL(url);
      const path = decodeURIComponent(u.pathname);
      const key = u.hostname.startsWith(`${bucket}.`) ? path.slice(1) : path.replace(`/${bucket}/`, '');
      const date = u.searchParams.get('X-Amz-Date');
      const expires = Number(u.searchParams.get('X-Amz-Expires'));
      if (!date || !expires || !u.searchParams.get('X-Amz-Signature')) return null;
      const signedAt = Date.parse(
        date.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z'),
      );
      if (at.getTime() >= signedAt + expires * 1000) return null;
      const list = objects.get(key);
      const versionId = u.searchParams.get('versionId');
      const v = versionId ? list?.find((x) => x.versionId === versionId) : list?.at(-1);
      return v ? v.body : null;
    },
  };
}
