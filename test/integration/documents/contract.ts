/**
 * The document store contract: what every implementation (folder, S3) must do, run once per
 * implementation. Storage behaviour (put, versions, get by version, list by prefix, streams,
 * time-limited links, key validation) and the per-prefix access rules as the use cases enforce them
 * over that store, with a real DynamoDB Local store for donors and the audit trail.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../../fulfillment/auth/principal.js';
import { DocumentKeyError, type DocumentStore } from '../../../fulfillment/documents/port.js';
import type { DynamoStore } from '../../../fulfillment/store/dynamo/index.js';
import { exportAudit } from '../../../fulfillment/usecases/auditExport.js';
import {
  donorDocumentLink,
  listDonorDocuments,
  uploadDonorDocument,
} from '../../../fulfillment/usecases/documents.js';
import { latestStockReport } from '../../../fulfillment/usecases/reportStock.js';
import { createTestStore } from '../../support/store.js';

export interface ContractSubject {
  documents: DocumentStore;
  /** The bytes a GET of this link returns `secondsLater` from now, or null when it is refused. */
  open(url: string, secondsLater: number): Promise<Uint8Array | null>;
}

export const PDF = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

const text = (bytes: Uint8Array | null | undefined) => (bytes ? Buffer.from(bytes).toString('utf8') : null);

export function documentStoreContract(name: string, make: () => Promise<ContractSubject>): void {
  describe(`document store contract: ${name}`, () => {
    let subject: ContractSubject;
    let docs: DocumentStore;
    beforeAll(async () => {
      subject = await make();
      docs = subject.documents;
    });

    it('put returns a version id, and get returns the bytes, content type and metadata', async () => {
      // Act
      const put = await docs.put({
        key: 'reports/c1/a.csv',
        body: 'a,b\r\n1,2\r\n',
        contentType: 'text/csv',
        metadata: { 'report-date': '2026-11-24' },
      });
      const got = await docs.get('reports/c1/a.csv');
      // Assess
      expect(put.versionId).toMatch(/\S/);
      expect(put.size).toBe(10);
      expect(text(got?.body)).toBe('a,b\r\n1,2\r\n');
      expect(got?.info).toMatchObject({
        key: 'reports/c1/a.csv',
        versionId: put.versionId,
        contentType: 'text/csv',
        metadata: { 'report-date': '2026-11-24' },
      });
      expect((await docs.head('reports/c1/a.csv'))?.contentType).toBe('text/csv');
    });

    it('keeps every version: newest first, each readable by its id', async () => {
      // Prepare
      const key = 'donors/d-contract/consent-form';
      const v1 = await docs.put({ key, body: 'first', contentType: 'application/pdf' });
      const v2 = await docs.put({ key, body: 'second!', contentType: 'application/pdf' });
      const v3 = await docs.put({ key, body: 'third', contentType: 'application/pdf' });
      // Act
      const versions = await docs.versions(key);
      // Assess
      expect(new Set([v1.versionId, v2.versionId, v3.versionId]).size).toBe(3);
      expect(versions.map((v) => v.versionId)).toEqual([v3.versionId, v2.versionId, v1.versionId]);
      expect(versions.map((v) => v.isLatest)).toEqual([true, false, false]);
      expect(versions[1]?.size).toBe(7);
      expect(text((await docs.get(key))?.body)).toBe('third');
      expect(text((await docs.get(key, { versionId: v1.versionId }))?.body)).toBe('first');
      expect((await docs.head(key, { versionId: v2.versionId }))?.size).toBe(7);
    });

    it('lists the versions of exactly one key, not of longer keys that share its beginning', async () => {
      await docs.put({ key: 'donors/d-exact/form', body: 'x', contentType: 'text/plain' });
      await docs.put({ key: 'donors/d-exact/form-2', body: 'y', contentType: 'text/plain' });
      expect((await docs.versions('donors/d-exact/form')).map((v) => v.key)).toEqual(['donors/d-exact/form']);
    });

    it('answers null or empty for what does not exist', async () => {
      expect(await docs.get('reports/none/x.csv')).toBeNull();
      expect(await docs.head('reports/none/x.csv')).toBeNull();
      expect(await docs.versions('reports/none/x.csv')).toEqual([]);
      expect(await docs.list('reports/none/')).toEqual([]);
      await docs.put({ key: 'reports/none-v/x', body: 'x', contentType: 'text/plain' });
      expect(await docs.get('reports/none-v/x', { versionId: '0000000000000-000000-00000000' })).toBeNull();
    });

    it('lists the latest version of every key under a prefix, in key order, and nothing else', async () => {
      // Prepare
      for (const key of ['donors/d1/b', 'donors/d1/a', 'donors/d1/sub/c', 'donors/d10/a', 'donors/d2/a']) {
        await docs.put({ key, body: 'old', contentType: 'text/plain' });
      }
      await docs.put({ key: 'donors/d1/a', body: 'newest', contentType: 'text/plain' });
      // Act
      const listed = await docs.list('donors/d1/');
      // Assess
      expect(listed.map((o) => o.key)).toEqual(['donors/d1/a', 'donors/d1/b', 'donors/d1/sub/c']);
      expect(listed[0]?.size).toBe(6);
      expect((await docs.list('donors/d1')).map((o) => o.key)).toContain('donors/d10/a');
    });

    it('writes a stream of many chunks as one object, larger than one S3 part', async () => {
      // Prepare: ~6 MiB in 64 KiB chunks, so the S3 store has to use more than one part
      const chunk = `${'0123456789abcdef'.repeat(4096)}`;
      async function* body() {
        for (let i = 0; i < 96; i++) yield i % 2 === 0 ? chunk : Buffer.from(chunk);
      }
      // Act
      const put = await docs.putStream({
        key: 'audit-exports/big/x.csv',
        body: body(),
        contentType: 'text/csv',
      });
      const got = await docs.get('audit-exports/big/x.csv');
      // Assess
      expect(put.size).toBe(96 * 65536);
      expect(got?.body.length).toBe(96 * 65536);
      expect(text(got?.body.slice(0, 16))).toBe('0123456789abcdef');
    });

    it('writes a small stream too', async () => {
      async function* body() {
        yield 'a,';
        yield 'b\r\n';
      }
      const put = await docs.putStream({
        key: 'audit-exports/small/x.csv',
        body: body(),
        contentType: 'text/csv',
      });
      expect(text((await docs.get('audit-exports/small/x.csv', { versionId: put.versionId }))?.body)).toBe(
        'a,b\r\n',
      );
    });

    it('gives a link to one version that works until it expires, and not after', async () => {
      // Prepare
      const key = 'reports/link/chart.svg';
      const old = await docs.put({ key, body: '<svg>old</svg>', contentType: 'image/svg+xml' });
      await docs.put({ key, body: '<svg>new</svg>', contentType: 'image/svg+xml' });
      // Act
      const url = await docs.link(key, { expiresInSeconds: 60, versionId: old.versionId });
      // Assess
      expect(text(await subject.open(url, 0))).toBe('<svg>old</svg>');
      expect(text(await subject.open(url, 59))).toBe('<svg>old</svg>');
      expect(await subject.open(url, 61)).toBeNull();
      expect(text(await subject.open(await docs.link(key, { expiresInSeconds: 60 }), 0))).toBe(
        '<svg>new</svg>',
      );
    });

    it.each(['', '../etc/passwd', 'donors//x', 'donors/../x', 'donors/a b', '/donors/x', 'donors/x/'])(
      'refuses the key %j',
      async (key) => {
        await expect(docs.put({ key, body: 'x', contentType: 'text/plain' })).rejects.toBeInstanceOf(
          DocumentKeyError,
        );
      },
    );

    describe('access rules (use cases over this store)', () => {
      let store: DynamoStore;
      let mine: string;
      let theirs: string;
      const actor = { userId: 'seed', role: 'staff' as const, channel: 'local' as const };
      const donorOf = (donorId: string): Principal => ({
        userId: `sub-${donorId}`,
        role: 'donor',
        channel: 'web',
        donorId,
      });
      const staff: Principal = { userId: 'staff-1', role: 'staff', channel: 'web' };
      const admin: Principal = { userId: 'admin-1', role: 'admin', channel: 'web' };

      beforeAll(async () => {
        store = await createTestStore();
        const reg = async (phone: string) => {
          const out = await store.registerDonor(
            {
              firstName: 'A',
              lastName: 'B',
              dateOfBirth: '1990-01-01',
              phoneE164: phone,
              bloodGroup: 'O+',
              homeSite: 'central',
            },
            actor,
          );
          if (!out.ok) throw new Error('registration failed');
          return out.donor.donorId;
        };
        mine = await reg('+12025550181');
        theirs = await reg('+12025550182');
      });
      afterAll(() => store.destroy());

      const deps = () => ({ documents: docs, store });
      const upload = (who: Principal, donorId: string) =>
        uploadDonorDocument(deps(), who, {
          donorId,
          kind: 'consent-form',
          declaredType: 'application/pdf',
          bytes: PDF,
        });

      it('a donor uploads, lists and links their own documents', async () => {
        expect((await upload(donorOf(mine), mine)).ok).toBe(true);
        const listed = await listDonorDocuments(deps(), donorOf(mine), mine);
        expect(listed.ok && listed.documents.map((d) => d.kind)).toEqual(['consent-form']);
        const link = await donorDocumentLink(deps(), donorOf(mine), { donorId: mine, kind: 'consent-form' });
        expect(link.ok && text(await subject.open(link.url, 0))).toBe(PDF.toString('utf8'));
      });

      it('a donor can neither upload, list nor link under another donor', async () => {
        await upload(staff, theirs);
        expect(await upload(donorOf(mine), theirs)).toEqual({ ok: false, reason: 'forbidden' });
        expect(await listDonorDocuments(deps(), donorOf(mine), theirs)).toEqual({
          ok: false,
          reason: 'forbidden',
        });
        expect(
          await donorDocumentLink(deps(), donorOf(mine), { donorId: theirs, kind: 'consent-form' }),
        ).toEqual({
          ok: false,
          reason: 'forbidden',
        });
      });

      it('staff and admins see any donor; anonymous visitors see none', async () => {
        for (const who of [staff, admin]) {
          const listed = await listDonorDocuments(deps(), who, theirs);
          expect(listed.ok && listed.documents[0]?.versions.length).toBeGreaterThan(0);
        }
        const anon: Principal = { userId: 'anonymous', role: 'anonymous', channel: 'web' };
        expect(await listDonorDocuments(deps(), anon, theirs)).toEqual({ ok: false, reason: 'forbidden' });
      });

      it('reports are for staff, audit exports for admins', async () => {
        expect((await latestStockReport({ documents: docs }, donorOf(mine))).ok).toBe(false);
        expect(await latestStockReport({ documents: docs }, staff)).not.toEqual({
          ok: false,
          reason: 'forbidden',
        });
        const range = { from: '2026-11-24', to: '2026-11-24' };
        const exportDeps = { store, documents: docs, now: () => new Date() };
        expect(await exportAudit(exportDeps, staff, range)).toEqual({ ok: false, reason: 'forbidden' });
        expect((await exportAudit(exportDeps, admin, range)).ok).toBe(true);
      });
    });
  });
}
