/**
 * Use case: export the audit trail for a date range. adapter → use case → store + document store.
 * Primary course: an admin asks for days from–to (UTC days, as the trail is keyed) → the entries are
 * read a day at a time, a page at a time, and each page becomes CSV lines streamed into the document
 * store, so memory holds one page however long the range → the export itself is audited → the
 * admin gets a link that expires in minutes.
 */
import { randomUUID } from 'node:crypto';
import * as z from 'zod';
import type { Principal } from '../auth/principal.js';
import { mayAccess, PREFIX } from '../documents/access.js';
import { csvLine } from '../documents/csv.js';
import type { DocumentStore } from '../documents/port.js';
import { addDays, daysBetween } from '../domain/dates.js';
import type { AuditEntry, AuditStore } from '../store/port.js';

/** A year and a day: enough for an annual inspection, bounded so one request cannot run forever. */
export const MAX_EXPORT_DAYS = 366;
export const DEFAULT_PAGE_SIZE = 200;
export const EXPORT_LINK_SECONDS = 15 * 60;

const day = z.iso.date();
export const auditExportRequestSchema = z.strictObject({ from: day, to: day }).superRefine((r, ctx) => {
  // Zod runs object checks even when a field failed; only compare two valid dates.
  if (!day.safeParse(r.from).success || !day.safeParse(r.to).success) return;
  if (r.from > r.to) ctx.addIssue({ code: 'custom', message: 'from must not be after to', path: ['from'] });
  else if (daysBetween(r.from, r.to) >= MAX_EXPORT_DAYS) {
    ctx.addIssue({ code: 'custom', message: `a range covers at most ${MAX_EXPORT_DAYS} days`, path: ['to'] });
  }
});
export type AuditExportRequest = z.infer<typeof auditExportRequestSchema>;

export interface AuditExportDeps {
  store: Pick<AuditStore, 'auditPage' | 'appendAudit'>;
  documents: DocumentStore;
  now: () => Date;
  pageSize?: number;
}

export type AuditExportOutcome =
  | { ok: true; key: string; versionId: string; rows: number; url: string; expiresInSeconds: number }
  | { ok: false; reason: 'forbidden' }
  | { ok: false; reason: 'invalid'; message: string };

export const AUDIT_CSV_HEADER = [
  'at',
  'audit_id',
  'user_id',
  'role',
  'channel',
  'action',
  'entity_type',
  'entity_id',
  'details',
];

export function auditCsvLine(e: AuditEntry): string {
  return csvLine([
    e.at,
    e.auditId,
    e.actor.userId,
    e.actor.role,
    e.actor.channel,
    e.action,
    e.entityType,
    e.entityId,
    JSON.stringify(e.details ?? {}),
  ]);
}

/** CSV chunks, one per page of entries: the header, then each day from `from` to `to` in time order. */
export async function* auditCsv(
  store: Pick<AuditStore, 'auditPage'>,
  range: AuditExportRequest,
  pageSize: number,
  onRows: (n: number) => void = () => undefined,
): AsyncGenerator<string> {
  yield csvLine(AUDIT_CSV_HEADER);
  for (let d = range.from; d <= range.to; d = addDays(d, 1)) {
    let cursor: string | undefined;
    do {
      const page = await store.auditPage(d, { limit: pageSize, ...(cursor ? { cursor } : {}) });
      if (page.entries.length > 0) {
        onRows(page.entries.length);
        yield page.entries.map(auditCsvLine).join('');
      }
      cursor = page.cursor;
    } while (cursor);
  }
}

export async function exportAudit(
  deps: AuditExportDeps,
  principal: Principal,
  request: unknown,
): Promise<AuditExportOutcome> {
  const stamp = deps
    .now()
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  const exportId = `${stamp}-${randomUUID().slice(0, 8)}`;
  // Checked before the request is even parsed: a non-admin learns nothing about valid ranges.
  if (!mayAccess(principal, `${PREFIX.auditExports}${exportId}.csv`, 'write')) {
    return { ok: false, reason: 'forbidden' };
  }
  const parsed = auditExportRequestSchema.safeParse(request);
  if (!parsed.success) {
    return {
      ok: false,
      reason: 'invalid',
      message: parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '),
    };
  }
  const range = parsed.data;
  const key = `${PREFIX.auditExports}${range.from}_${range.to}/${exportId}.csv`;
  let rows = 0;
  const written = await deps.documents.putStream({
    key,
    contentType: 'text/csv; charset=utf-8',
    metadata: { from: range.from, to: range.to, 'requested-by': principal.userId },
    body: auditCsv(deps.store, range, deps.pageSize ?? DEFAULT_PAGE_SIZE, (n) => {
      rows += n;
    }),
  });
  // Reading the trail is itself a significant step (21 CFR 606.160): who exported what, and when.
  await deps.store.appendAudit(
    { userId: principal.userId, role: principal.role, channel: principal.channel },
    {
      action: 'audit.exported',
      entityType: 'audit_export',
      entityId: exportId,
      details: { from: range.from, to: range.to, rows, versionId: written.versionId },
    },
  );
  const url = await deps.documents.link(key, {
    expiresInSeconds: EXPORT_LINK_SECONDS,
    versionId: written.versionId,
    downloadName: `audit-${range.from}_${range.to}.csv`,
  });
  return { ok: true, key, versionId: written.versionId, rows, url, expiresInSeconds: EXPORT_LINK_SECONDS };
}
