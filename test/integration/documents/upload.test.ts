/**
 * Donor document uploads: what is accepted (PDF, PNG, JPEG by their bytes, donor's own id or any id
 * for staff, new versions keep the old) and every rejection, first at the use case and then through
 * the HTTP handler the local server and the Lambda share (status codes, nothing stored).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@aws-lambda-powertools/logger';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocumentsApi } from '../../../adapters/documents/http.js';
import { IdentityError } from '../../../adapters/shared/http.js';
import type { Principal } from '../../../fulfillment/auth/principal.js';
import { FolderDocumentStore } from '../../../fulfillment/documents/folder.js';
import { policyFor } from '../../../fulfillment/domain/policy.js';
import type { DynamoStore } from '../../../fulfillment/store/dynamo/index.js';
import {
  documentKey,
  MAX_DOCUMENT_BYTES,
  type UploadInput,
  uploadDonorDocument,
} from '../../../fulfillment/usecases/documents.js';
import { createTestStore } from '../../support/store.js';

const PDF = Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n%%EOF\n', 'latin1');
const PNG = Buffer.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52,
]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0]);
const HTML = Buffer.from('<html><script>alert(1)</script></html>');
const EXE = Buffer.from([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0]);

let store: DynamoStore;
let documents: FolderDocumentStore;
let mine: string;
let theirs: string;
const staff: Principal = { userId: 'staff-1', role: 'staff', channel: 'web' };
const donor = (): Principal => ({ userId: 'sub-mine', role: 'donor', channel: 'web', donorId: mine });

beforeAll(async () => {
  store = await createTestStore();
  documents = new FolderDocumentStore({
    root: mkdtempSync(join(tmpdir(), 'bloodbank-upload-')),
    linkKey: 'k',
    baseUrl: () => 'http://127.0.0.1:9',
  });
  const actor = { userId: 'seed', role: 'staff' as const, channel: 'local' as const };
  const reg = async (phone: string) => {
    const out = await store.registerDonor(
      {
        firstName: 'T',
        lastName: 'D',
        dateOfBirth: '1991-02-03',
        phoneE164: phone,
        bloodGroup: 'B+',
        homeSite: 'central',
      },
      actor,
    );
    if (!out.ok) throw new Error('registration failed');
    return out.donor.donorId;
  };
  mine = await reg('+12025550191');
  theirs = await reg('+12025550192');
});
afterAll(() => store.destroy());

const input = (overrides: Partial<UploadInput> = {}): UploadInput => ({
  donorId: mine,
  kind: 'consent-form',
  declaredType: 'application/pdf',
  bytes: PDF,
  ...overrides,
});

describe('uploading a consent form (use case)', () => {
  it.each([
    ['a PDF', 'application/pdf', PDF],
    ['a PNG', 'image/png', PNG],
    ['a JPEG', 'image/jpeg', JPEG],
  ])('accepts %s from the donor themself, as a new version', async (_, declaredType, bytes) => {
    // Act
    const out = await uploadDonorDocument({ documents, store }, donor(), input({ declaredType, bytes }));
    // Assess
    expect(out).toMatchObject({
      ok: true,
      key: documentKey(mine, 'consent-form'),
      contentType: declaredType,
    });
    const stored = await documents.get(documentKey(mine, 'consent-form'));
    expect(Buffer.from(stored!.body).equals(bytes)).toBe(true);
    expect(stored!.info.metadata).toMatchObject({ 'uploaded-by': 'sub-mine', 'uploaded-role': 'donor' });
  });

  it('kept every earlier version', async () => {
    expect((await documents.versions(documentKey(mine, 'consent-form'))).length).toBe(3);
  });

  it('accepts staff uploading for any donor', async () => {
    expect((await uploadDonorDocument({ documents, store }, staff, input({ donorId: theirs }))).ok).toBe(
      true,
    );
  });

  it.each<[string, Partial<UploadInput>, string]>([
    ['someone else’s donor id', { donorId: 'THEIRS' }, 'forbidden'],
    ['an unknown donor (staff)', { donorId: 'no-such-donor' }, 'donor_not_found'],
    ['an empty file', { bytes: Buffer.alloc(0) }, 'empty'],
    ['a file over the limit', { bytes: Buffer.concat([PDF, Buffer.alloc(MAX_DOCUMENT_BYTES)]) }, 'too_large'],
    ['HTML declared as a PDF', { bytes: HTML }, 'unsupported_type'],
    ['an executable declared as a PDF', { bytes: EXE }, 'unsupported_type'],
    ['a PNG declared as a PDF', { bytes: PNG }, 'type_mismatch'],
    ['a PDF declared as text', { declaredType: 'text/plain' }, 'type_mismatch'],
  ])('refuses %s', async (_, overrides, reason) => {
    // Prepare
    const who = reason === 'donor_not_found' ? staff : donor();
    const donorId = overrides.donorId === 'THEIRS' ? theirs : (overrides.donorId ?? mine);
    const before = (await documents.versions(documentKey(mine, 'consent-form'))).length;
    // Act
    const out = await uploadDonorDocument({ documents, store }, who, input({ ...overrides, donorId }));
    // Assess
    expect(out).toEqual({ ok: false, reason });
    expect((await documents.versions(documentKey(mine, 'consent-form'))).length).toBe(before);
  });

  it('audits each stored upload without the file’s content', async () => {
    const trail = await store.auditByEntity('donor', mine);
    const uploads = trail.filter((e) => e.action === 'document.uploaded');
    expect(uploads).toHaveLength(3);
    expect(Object.keys(uploads[0]!.details).sort()).toEqual([
      'contentType',
      'kind',
      'sha256',
      'size',
      'versionId',
    ]);
  });
});

describe('POST /api/documents (HTTP handler)', () => {
  // Test principals by header, as in test/support/embedded.ts: "Bearer test:<role>:<userId>[:<donorId>]".
  const api = () =>
    createDocumentsApi({
      documents,
      store,
      policy: policyFor('US'),
      timeZone: 'UTC',
      now: () => new Date(),
      logger: new Logger({ serviceName: 'test', logLevel: 'ERROR' }),
      identify: async (authorization) => {
        if (!authorization) return { userId: 'anonymous', role: 'anonymous', channel: 'web' };
        const [, role, userId, donorId] = authorization.replace(/^Bearer /, '').split(':');
        if (role === 'forged') throw new IdentityError('The sign-in token is not valid.');
        const who = { userId: userId!, role: role as Principal['role'], channel: 'web' as const };
        return donorId ? { ...who, donorId } : who;
      },
    });
  const post = (body: unknown, authorization?: string, contentType = 'application/json') =>
    api().handle({
      method: 'POST',
      path: '/api/documents',
      headers: { 'content-type': contentType, ...(authorization ? { authorization } : {}) },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const asDonor = () => `Bearer test:donor:sub-mine:${mine}`;

  it('stores the donor’s own form (donorId defaults to theirs) and answers 201', async () => {
    const res = await post({ contentType: 'application/pdf', data: PDF.toString('base64') }, asDonor());
    expect(res.status).toBe(201);
    expect(JSON.parse(res.body)).toMatchObject({
      key: documentKey(mine, 'consent-form'),
      contentType: 'application/pdf',
    });
  });

  it.each<[string, () => Promise<{ status: number; body: string }>, number, string]>([
    [
      'no sign-in',
      () => post({ contentType: 'application/pdf', data: PDF.toString('base64') }),
      401,
      'unauthorized',
    ],
    [
      'a bad token',
      () => post({ contentType: 'application/pdf', data: PDF.toString('base64') }, 'Bearer test:forged:x'),
      401,
      'unauthorized',
    ],
    [
      'someone else’s donor id',
      () =>
        post({ donorId: theirs, contentType: 'application/pdf', data: PDF.toString('base64') }, asDonor()),
      403,
      'forbidden',
    ],
    [
      'a wrong type',
      () => post({ contentType: 'application/pdf', data: HTML.toString('base64') }, asDonor()),
      415,
      'unsupported_type',
    ],
    [
      'a mismatched type',
      () => post({ contentType: 'image/jpeg', data: PNG.toString('base64') }, asDonor()),
      415,
      'type_mismatch',
    ],
    [
      'a file over 4 MiB',
      () =>
        post(
          {
            contentType: 'application/pdf',
            data: Buffer.concat([PDF, Buffer.alloc(MAX_DOCUMENT_BYTES)]).toString('base64'),
          },
          asDonor(),
        ),
      413,
      'too_large',
    ],
    [
      'a body far over the limit, before reading it',
      () =>
        post(
          { contentType: 'application/pdf', data: Buffer.alloc(2 * MAX_DOCUMENT_BYTES).toString('base64') },
          asDonor(),
        ),
      413,
      'payload_too_large',
    ],
    [
      'data that is not base64',
      () => post({ contentType: 'application/pdf', data: 'not base64!' }, asDonor()),
      400,
      'invalid_request',
    ],
    [
      'an unknown field',
      () => post({ contentType: 'application/pdf', data: PDF.toString('base64'), path: '../x' }, asDonor()),
      400,
      'invalid_request',
    ],
    [
      'a donor id that is not an id',
      () =>
        post(
          { donorId: '../x', contentType: 'application/pdf', data: PDF.toString('base64') },
          'Bearer test:staff:s1',
        ),
      400,
      'invalid_request',
    ],
    [
      'staff without a donor id',
      () => post({ contentType: 'application/pdf', data: PDF.toString('base64') }, 'Bearer test:staff:s1'),
      400,
      'invalid_request',
    ],
    ['invalid JSON', () => post('{', asDonor()), 400, 'invalid_json'],
    [
      'a multipart body',
      () => post('--x', asDonor(), 'multipart/form-data; boundary=x'),
      415,
      'unsupported_media_type',
    ],
  ])('refuses %s', async (_, send, status, error) => {
    const res = await send();
    expect(res.status).toBe(status);
    expect(JSON.parse(res.body).error).toBe(error);
  });

  it('lists a donor’s own documents and refuses another donor’s list', async () => {
    const get = (query: string, authorization: string) =>
      api().handle({
        method: 'GET',
        path: '/api/documents',
        headers: { authorization },
        body: undefined,
        query: new URLSearchParams(query),
      });
    const own = await get('', asDonor());
    expect(own.status).toBe(200);
    expect(JSON.parse(own.body).documents[0].versions.length).toBeGreaterThan(1);
    expect((await get(`donorId=${theirs}`, asDonor())).status).toBe(403);
    expect((await get(`donorId=${theirs}`, 'Bearer test:staff:s1')).status).toBe(200);
  });

  it('gives a 5-minute link to a version, and 404 for a version that does not exist', async () => {
    const link = (query: string) =>
      api().handle({
        method: 'GET',
        path: '/api/documents/link',
        headers: { authorization: asDonor() },
        body: undefined,
        query: new URLSearchParams(query),
      });
    const ok = await link('kind=consent-form');
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toMatchObject({ expiresInSeconds: 300 });
    expect((await link('versionId=0000000000000-000000-00000000')).status).toBe(404);
  });
});
