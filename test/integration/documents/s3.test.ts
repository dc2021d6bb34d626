/**
 * The S3 document store against the shared contract, through a real S3Client whose last middleware
 * is an in-memory versioned bucket (./fakeS3.ts explains why no local S3 server is used), and the
 * requests it would send to AWS: SSE-KMS headers on every write, versioning required, multipart for
 * large streams (aborted when the stream fails), presigned links bounded in time and pinned to a version.
 */
import { describe, expect, it } from 'vitest';
import { DocumentStoreError } from '../../../fulfillment/documents/port.js';
import { MAX_LINK_SECONDS, S3DocumentStore } from '../../../fulfillment/documents/s3.js';
import { documentStoreContract } from './contract.js';
import { createFakeS3 } from './fakeS3.js';

const KMS_KEY = 'arn:aws:kms:eu-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';

function s3Store(options: { versioned?: boolean } = {}) {
  const fake = createFakeS3(options);
  const documents = new S3DocumentStore({ client: fake.client, bucket: fake.bucket, kmsKeyId: KMS_KEY });
  return { fake, documents };
}

documentStoreContract('S3 (versioned bucket, SSE-KMS)', async () => {
  const { fake, documents } = s3Store();
  return { documents, open: async (url, s) => fake.openLink(url, new Date(Date.now() + s * 1000)) };
});

describe('S3 store requests', () => {
  it('encrypts every write with the data key (SSE-KMS, bucket key) and sends the metadata', async () => {
    // Prepare
    const { fake, documents } = s3Store();
    // Act
    await documents.put({
      key: 'donors/d1/consent-form',
      body: '%PDF-1.7',
      contentType: 'application/pdf',
      metadata: { sha256: 'abc' },
    });
    // Assess
    const put = fake.requests.find((r) => r.command === 'PutObjectCommand')!;
    expect(put.headers).toMatchObject({
      'content-type': 'application/pdf',
      'x-amz-server-side-encryption': 'aws:kms',
      'x-amz-server-side-encryption-aws-kms-key-id': KMS_KEY,
      'x-amz-server-side-encryption-bucket-key-enabled': 'true',
      'x-amz-meta-sha256': 'abc',
    });
    expect(put.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 /);
    expect(put.input).toMatchObject({ Bucket: fake.bucket, Key: 'donors/d1/consent-form' });
  });

  it('uploads a large stream in parts, the upload itself encrypted with the data key', async () => {
    // Prepare
    const { fake, documents } = s3Store();
    async function* body() {
      for (let i = 0; i < 11; i++) yield Buffer.alloc(1024 * 1024, 97);
    }
    // Act
    await documents.putStream({ key: 'audit-exports/r/x.csv', body: body(), contentType: 'text/csv' });
    // Assess
    const commands = fake.requests.map((r) => r.command);
    expect(commands).toEqual([
      'CreateMultipartUploadCommand',
      // 11 MiB in 5 MiB parts: 5 + 5 + 1
      'UploadPartCommand',
      'UploadPartCommand',
      'UploadPartCommand',
      'CompleteMultipartUploadCommand',
    ]);
    expect(fake.requests[0]!.headers['x-amz-server-side-encryption']).toBe('aws:kms');
    expect(fake.requests[0]!.headers['x-amz-server-side-encryption-aws-kms-key-id']).toBe(KMS_KEY);
  });

  it('aborts the multipart upload when the stream fails, leaving no object behind', async () => {
    // Prepare
    const { fake, documents } = s3Store();
    async function* body() {
      yield Buffer.alloc(6 * 1024 * 1024, 97);
      throw new Error('audit read failed');
    }
    // Act
    const write = documents.putStream({
      key: 'audit-exports/r/y.csv',
      body: body(),
      contentType: 'text/csv',
    });
    // Assess
    await expect(write).rejects.toThrow('audit read failed');
    expect(fake.requests.at(-1)?.command).toBe('AbortMultipartUploadCommand');
    expect(await documents.get('audit-exports/r/y.csv')).toBeNull();
  });

  it('fails loudly when the bucket is not versioned, rather than overwrite a document', async () => {
    const { documents } = s3Store({ versioned: false });
    await expect(
      documents.put({ key: 'donors/d/x', body: 'x', contentType: 'text/plain' }),
    ).rejects.toBeInstanceOf(DocumentStoreError);
  });

  it('presigns links pinned to a version, with the download name, and never for more than a day', async () => {
    // Prepare
    const { documents } = s3Store();
    // Act
    const url = new URL(
      await documents.link('donors/d1/consent-form', {
        expiresInSeconds: 300,
        versionId: 'v42',
        downloadName: 'consent form.pdf',
      }),
    );
    const long = new URL(await documents.link('reports/stock/latest.json', { expiresInSeconds: 30 * 86400 }));
    // Assess
    expect(url.pathname).toContain('donors/d1/consent-form');
    expect(url.searchParams.get('X-Amz-Expires')).toBe('300');
    expect(url.searchParams.get('versionId')).toBe('v42');
    expect(url.searchParams.get('response-content-disposition')).toBe(
      'attachment; filename="consent_form.pdf"',
    );
    expect(url.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
    expect(long.searchParams.get('X-Amz-Expires')).toBe(String(MAX_LINK_SECONDS));
  });
});
