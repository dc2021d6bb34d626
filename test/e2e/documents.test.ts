/**
 * Donor documents through the embedded default's HTTP server: a consent form larger than the
 * server's general 1 MB body limit goes up through the documents route, comes back byte for byte
 * through its short-lived link as a download, and the rejections reach the client as statuses.
 * Test principals by header ("Bearer test:<role>:<userId>[:<donorId>]", test/support/embedded.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmbeddedApp } from '../../adapters/local/app.js';
import { MAX_DOCUMENT_BYTES } from '../../fulfillment/usecases/documents.js';
import { startTestApp } from '../support/embedded.js';

let app: EmbeddedApp;
let donorId: string;
const PDF = Buffer.concat([
  Buffer.from('%PDF-1.7\n'),
  Buffer.alloc(3 * 1024 * 1024, 0x20),
  Buffer.from('\n%%EOF\n'),
]);

const asDonor = () => `Bearer test:donor:sub-demo:${donorId}`;
const STAFF = 'Bearer test:staff:staff-1';

/** The fields of the JSON answers these tests read. */
interface Reply {
  size: number;
  url: string;
  expiresInSeconds: number;
  documents: Array<{ versions: Array<{ latest: boolean }> }>;
}

async function upload(body: unknown, authorization: string) {
  const res = await fetch(`${app.url}/api/documents`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Reply };
}

async function get(path: string, authorization: string) {
  const res = await fetch(`${app.url}${path}`, { headers: { authorization } });
  return { status: res.status, body: (await res.json()) as Reply };
}

beforeAll(async () => {
  app = await startTestApp();
  donorId = app.seed.demoDonorId!;
});
afterAll(() => app?.stop());

describe('donor documents on the local server', () => {
  it('stores a 3 MB consent form from the donor and serves it back as a download', async () => {
    // Act
    const stored = await upload({ contentType: 'application/pdf', data: PDF.toString('base64') }, asDonor());
    const link = await get('/api/documents/link?kind=consent-form', asDonor());
    const file = await fetch(link.body.url);
    // Assess
    expect(stored.status).toBe(201);
    expect(stored.body.size).toBe(PDF.length);
    expect(link.body.expiresInSeconds).toBe(300);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/pdf');
    expect(file.headers.get('content-disposition')).toBe('attachment; filename="consent-form.pdf"');
    expect(file.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await file.arrayBuffer()).equals(PDF)).toBe(true);
  });

  it('keeps the earlier version when staff upload a new one, and both see the list', async () => {
    // Act
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    expect(
      (await upload({ donorId, contentType: 'image/png', data: png.toString('base64') }, STAFF)).status,
    ).toBe(201);
    const mine = await get('/api/documents', asDonor());
    const staffView = await get(`/api/documents?donorId=${donorId}`, STAFF);
    // Assess
    expect(mine.status).toBe(200);
    expect(mine.body.documents[0]?.versions.map((v) => v.latest)).toEqual([true, false]);
    expect(staffView.body).toEqual(mine.body);
  });

  it.each([
    ['someone else’s donor id', () => ({ donorId: 'aaaaaaaa-0000-0000-0000-000000000000' }), 403],
    [
      'a wrong type',
      () => ({ data: Buffer.from('GIF89a....').toString('base64'), contentType: 'image/gif' }),
      415,
    ],
    [
      'a file over 4 MiB',
      () => ({ data: Buffer.alloc(MAX_DOCUMENT_BYTES + 1, 0x25).toString('base64') }),
      413,
    ],
  ])('refuses %s', async (_, overrides, status) => {
    const out = await upload(
      { contentType: 'application/pdf', data: PDF.toString('base64'), ...overrides() },
      asDonor(),
    );
    expect(out.status).toBe(status);
  });

  it('refuses a body far over the limit without reading it all', async () => {
    const res = await fetch(`${app.url}/api/documents`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: asDonor() },
      body: JSON.stringify({
        contentType: 'application/pdf',
        data: Buffer.alloc(3 * MAX_DOCUMENT_BYTES).toString('base64'),
      }),
    });
    expect(res.status).toBe(413);
  });

  it('needs a signed-in caller', async () => {
    const res = await fetch(`${app.url}/api/documents`);
    expect(res.status).toBe(401);
  });
});
