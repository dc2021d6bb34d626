/**
 * Use case: donors' documents (signed consent forms). adapter → use case → document store + audit.
 * Primary course (upload): the caller may write under this donor (the donor themself, or staff) →
 * the donor exists → the file is not empty and within the size limit → its first bytes say PDF, PNG
 * or JPEG and agree with the declared type → stored as a new version of `donors/<id>/<kind>` (older
 * versions kept) → audited with ids, sizes and a checksum, never the file name or content.
 * Listing and links follow the same access rule: a donor sees their own, staff any donor's.
 */
import { createHash } from 'node:crypto';
import type { Principal } from '../auth/principal.js';
import { donorPrefix, mayAccess } from '../documents/access.js';
import { type DocumentType, detectDocumentType, EXTENSION, isDocumentType } from '../documents/fileType.js';
import type { DocumentStore } from '../documents/port.js';
import type { AuditStore, DonorStore } from '../store/port.js';

export const DOCUMENT_KINDS = ['consent-form'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/**
 * 4 MiB: a scanned signed form fits easily, and the base64 JSON body that carries it (4/3 larger)
 * stays under Lambda's 6 MB synchronous payload limit, so the same limit holds on AWS and locally.
 */
export const MAX_DOCUMENT_BYTES = 4 * 1024 * 1024;
export const DOCUMENT_LINK_SECONDS = 5 * 60;

export interface DocumentDeps {
  documents: DocumentStore;
  store: Pick<DonorStore, 'donorById'> & Pick<AuditStore, 'appendAudit'>;
}

export interface UploadInput {
  donorId: string;
  kind: DocumentKind;
  /** What the uploader says it is; checked against the bytes. */
  declaredType: string;
  bytes: Uint8Array;
}

export type UploadRejection =
  | 'forbidden'
  | 'donor_not_found'
  | 'empty'
  | 'too_large'
  | 'unsupported_type'
  | 'type_mismatch';

export type UploadOutcome =
  | { ok: true; key: string; versionId: string; size: number; contentType: DocumentType }
  | { ok: false; reason: UploadRejection };

/** Donor ids become a key segment: letters, digits, `_` and `-` only (what the store issues). */
export const DONOR_ID = /^[A-Za-z0-9_-]{1,100}$/;

export function documentKey(donorId: string, kind: DocumentKind): string {
  return `${donorPrefix(donorId)}${kind}`;
}

export async function uploadDonorDocument(
  deps: DocumentDeps,
  principal: Principal,
  input: UploadInput,
): Promise<UploadOutcome> {
  if (!DONOR_ID.test(input.donorId)) return { ok: false, reason: 'donor_not_found' };
  const key = documentKey(input.donorId, input.kind);
  // Access first: someone else's donor id gets the same answer whether or not that donor exists.
  if (!mayAccess(principal, key, 'write')) return { ok: false, reason: 'forbidden' };
  if (!(await deps.store.donorById(input.donorId))) return { ok: false, reason: 'donor_not_found' };
  if (input.bytes.length === 0) return { ok: false, reason: 'empty' };
  if (input.bytes.length > MAX_DOCUMENT_BYTES) return { ok: false, reason: 'too_large' };
  const detected = detectDocumentType(input.bytes);
  if (!detected) return { ok: false, reason: 'unsupported_type' };
  const declared = input.declaredType.split(';')[0]!.trim().toLowerCase();
  if (!isDocumentType(declared) || declared !== detected) return { ok: false, reason: 'type_mismatch' };

  const sha256 = createHash('sha256').update(input.bytes).digest('hex');
  const written = await deps.documents.put({
    key,
    body: input.bytes,
    contentType: detected,
    metadata: { 'uploaded-by': principal.userId, 'uploaded-role': principal.role, sha256 },
  });
  await deps.store.appendAudit(
    { userId: principal.userId, role: principal.role, channel: principal.channel },
    {
      action: 'document.uploaded',
      entityType: 'donor',
      entityId: input.donorId,
      details: {
        kind: input.kind,
        versionId: written.versionId,
        size: written.size,
        contentType: detected,
        sha256,
      },
    },
  );
  return { ok: true, key, versionId: written.versionId, size: written.size, contentType: detected };
}

export interface DocumentListing {
  kind: string;
  key: string;
  versions: Array<{ versionId: string; size: number; uploadedAt: string; latest: boolean }>;
}

export type ListOutcome = { ok: true; documents: DocumentListing[] } | { ok: false; reason: 'forbidden' };

export async function listDonorDocuments(
  deps: Pick<DocumentDeps, 'documents'>,
  principal: Principal,
  donorId: string,
): Promise<ListOutcome> {
  if (!DONOR_ID.test(donorId)) return { ok: false, reason: 'forbidden' };
  const prefix = donorPrefix(donorId);
  if (!mayAccess(principal, prefix, 'read')) return { ok: false, reason: 'forbidden' };
  const out: DocumentListing[] = [];
  for (const object of await deps.documents.list(prefix)) {
    const versions = await deps.documents.versions(object.key);
    out.push({
      kind: object.key.slice(prefix.length),
      key: object.key,
      versions: versions.map((v) => ({
        versionId: v.versionId,
        size: v.size,
        uploadedAt: v.lastModified,
        latest: v.isLatest,
      })),
    });
  }
  return { ok: true, documents: out };
}

export type LinkOutcome =
  | { ok: true; url: string; expiresInSeconds: number }
  | { ok: false; reason: 'forbidden' | 'not_found' };

/** A short-lived download link to one version (the latest when none is named). */
export async function donorDocumentLink(
  deps: Pick<DocumentDeps, 'documents'>,
  principal: Principal,
  input: { donorId: string; kind: DocumentKind; versionId?: string },
): Promise<LinkOutcome> {
  if (!DONOR_ID.test(input.donorId)) return { ok: false, reason: 'forbidden' };
  const key = documentKey(input.donorId, input.kind);
  if (!mayAccess(principal, key, 'read')) return { ok: false, reason: 'forbidden' };
  const versions = await deps.documents.versions(key);
  const version = input.versionId ? versions.find((v) => v.versionId === input.versionId) : versions[0];
  if (!version) return { ok: false, reason: 'not_found' };
  const type = (await deps.documents.head(key, { versionId: version.versionId }))?.contentType;
  const extension = type && isDocumentType(type) ? EXTENSION[type] : 'bin';
  return {
    ok: true,
    url: await deps.documents.link(key, {
      expiresInSeconds: DOCUMENT_LINK_SECONDS,
      versionId: version.versionId,
      downloadName: `${input.kind}.${extension}`,
    }),
    expiresInSeconds: DOCUMENT_LINK_SECONDS,
  };
}
