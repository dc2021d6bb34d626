/**
 * The audit export on DynamoDB Local and the folder document store: the rows for a known sequence
 * of real actions, thousands of entries over several days read a page at a time and streamed (never
 * a whole day in memory), spreadsheet-safe CSV, validation, and admins only.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../../fulfillment/auth/principal.js';
import { FolderDocumentStore } from '../../../fulfillment/documents/folder.js';
import type { DocumentStore } from '../../../fulfillment/documents/port.js';
import type { DynamoStore } from '../../../fulfillment/store/dynamo/index.js';
import type { Actor, AuditStore } from '../../../fulfillment/store/port.js';
import { AUDIT_CSV_HEADER, exportAudit } from '../../../fulfillment/usecases/auditExport.js';
import { uploadDonorDocument } from '../../../fulfillment/usecases/documents.js';
import { createTestStore } from '../../support/store.js';

const admin: Principal = { userId: 'admin-1', role: 'admin', channel: 'web' };
const staffWeb: Actor = { userId: 'staff-1', role: 'staff', channel: 'web' };
const staffSlack: Actor = { userId: 'staff-2', role: 'staff', channel: 'slack' };
const PDF = Buffer.from('%PDF-1.4\n%%EOF\n');

/** RFC 4180 reader for the test's own checks (quoted fields may hold commas, quotes and newlines). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  return rows;
}

function folder(now: () => Date = () => new Date()): FolderDocumentStore {
  return new FolderDocumentStore({
    root: mkdtempSync(join(tmpdir(), 'bloodbank-audit-')),
    linkKey: 'audit-test-key',
    baseUrl: () => 'http://127.0.0.1:9',
    now,
  });
}

async function readExport(documents: FolderDocumentStore, url: string): Promise<string[][]> {
  const granted = documents.resolveLink(new URL(url).searchParams.get('t') ?? '');
  if (!granted) throw new Error('link refused');
  const file = await documents.get(granted.key, { versionId: granted.versionId });
  return parseCsv(Buffer.from(file!.body).toString('utf8'));
}

describe('audit export of a known sequence of actions', () => {
  let store: DynamoStore;
  let documents: FolderDocumentStore;
  let donorId: string;
  beforeAll(async () => {
    let tick = 0;
    store = await createTestStore({
      now: () => new Date(Date.parse('2026-11-24T09:00:00Z') + 1000 * tick++),
    });
    documents = folder(() => new Date('2026-11-24T12:00:00Z'));
    // Act (the sequence): register → book → cancel → donation recorded in Slack → consent uploaded
    const reg = await store.registerDonor(
      {
        firstName: 'Ada',
        lastName: 'Test',
        dateOfBirth: '1990-01-01',
        phoneE164: '+12025550170',
        bloodGroup: 'A+',
        homeSite: 'central',
      },
      staffWeb,
    );
    if (!reg.ok) throw new Error('registration failed');
    donorId = reg.donor.donorId;
    const donor: Principal = { userId: 'donor-sub', role: 'donor', channel: 'web', donorId };
    const booked = await store.bookAppointment(
      {
        donorId,
        site: 'central',
        date: '2026-11-30',
        time: '10:00',
        donationType: 'whole_blood',
        capacity: 3,
      },
      { userId: donor.userId, role: 'donor', channel: 'web' },
    );
    if (!booked.ok) throw new Error('booking failed');
    await store.cancelAppointment(donorId, booked.appointment.appointmentId, {
      userId: donor.userId,
      role: 'donor',
      channel: 'sms',
    });
    await store.recordPastDonation(donorId, { date: '2026-11-24', type: 'whole_blood' }, staffSlack);
    await uploadDonorDocument({ documents, store }, donor, {
      donorId,
      kind: 'consent-form',
      declaredType: 'application/pdf',
      bytes: PDF,
    });
  });
  afterAll(() => store.destroy());

  it('has one row per action, in order, with who, channel, what, when and details', async () => {
    // Act
    const out = await exportAudit({ store, documents, now: () => new Date('2026-11-24T12:00:00Z') }, admin, {
      from: '2026-11-23',
      to: '2026-11-25',
    });
    // Assess
    if (!out.ok) throw new Error(`export failed: ${out.reason}`);
    expect(out.rows).toBe(5);
    expect(out.key).toMatch(/^audit-exports\/2026-11-23_2026-11-25\/20261124T120000Z-[0-9a-f]{8}\.csv$/);
    expect(out.expiresInSeconds).toBe(900);
    const [header, ...rows] = await readExport(documents, out.url);
    expect(header).toEqual(AUDIT_CSV_HEADER);
    expect(
      rows.map(([, , user, role, channel, action, type, id]) => [
        user,
        role,
        channel,
        action,
        type,
        id === donorId,
      ]),
    ).toEqual([
      ['staff-1', 'staff', 'web', 'donor.registered', 'donor', true],
      ['donor-sub', 'donor', 'web', 'appointment.booked', 'appointment', false],
      ['donor-sub', 'donor', 'sms', 'appointment.cancelled', 'appointment', false],
      ['staff-2', 'staff', 'slack', 'donation.recorded', 'donor', true],
      ['donor-sub', 'donor', 'web', 'document.uploaded', 'donor', true],
    ]);
    const times = rows.map((r) => r[0]!);
    expect(times.every((t) => t.startsWith('2026-11-24T09:00:'))).toBe(true);
    expect([...times].sort()).toEqual(times);
    const uploaded = JSON.parse(rows[4]![8]!);
    expect(uploaded).toMatchObject({
      kind: 'consent-form',
      contentType: 'application/pdf',
      size: PDF.length,
    });
    expect(JSON.stringify(rows)).not.toContain('Ada');
  });

  it('records the export itself in the trail', async () => {
    const trail = await store.auditByDay('2026-11-24');
    expect(trail.at(-1)).toMatchObject({
      action: 'audit.exported',
      actor: { userId: 'admin-1', role: 'admin' },
    });
  });

  it('keeps a cell that a spreadsheet would run as a formula inert', async () => {
    // Prepare
    await store.appendAudit(staffWeb, {
      action: 'test.note',
      entityType: 'note',
      entityId: '=HYPERLINK("http://x","y")',
      details: {},
    });
    // Act
    const out = await exportAudit({ store, documents, now: () => new Date() }, admin, {
      from: '2026-11-24',
      to: '2026-11-24',
    });
    // Assess
    if (!out.ok) throw new Error('export failed');
    const rows = await readExport(documents, out.url);
    expect(rows.find((r) => r[5] === 'test.note')?.[7]).toBe(`'=HYPERLINK("http://x","y")`);
  });

  it.each([
    [{ from: '2026-11-25', to: '2026-11-24' }, 'from must not be after to'],
    [{ from: '2025-01-01', to: '2026-11-24' }, 'at most 366 days'],
    [{ from: '2026-11-24' }, 'to'],
    [{ from: '24/11/2026', to: '2026-11-24' }, 'from'],
    [{ from: '2026-11-24', to: '2026-11-24', extra: 1 }, 'extra'],
  ])('refuses the range %j', async (range, message) => {
    const out = await exportAudit({ store, documents, now: () => new Date() }, admin, range);
    expect(out.ok).toBe(false);
    expect(!out.ok && out.reason).toBe('invalid');
    expect(!out.ok && out.reason === 'invalid' && out.message).toContain(message);
  });

  it.each<Principal>([
    { userId: 'staff-1', role: 'staff', channel: 'web' },
    { userId: 'donor-sub', role: 'donor', channel: 'web', donorId: 'x' },
    { userId: 'anonymous', role: 'anonymous', channel: 'web' },
  ])('refuses a $role', async (who) => {
    const out = await exportAudit({ store, documents, now: () => new Date() }, who, {
      from: '2026-11-24',
      to: '2026-11-24',
    });
    expect(out).toEqual({ ok: false, reason: 'forbidden' });
  });
});

describe('audit export of thousands of entries', () => {
  const ENTRIES = 3000;
  const PAGE = 50;
  let store: DynamoStore;
  beforeAll(async () => {
    // 3000 entries, 90 s apart from 2026-11-01 00:00 UTC: they span four UTC days.
    let tick = 0;
    store = await createTestStore({
      now: () => new Date(Date.parse('2026-11-01T00:00:00Z') + 90_000 * tick++),
    });
    for (let i = 0; i < ENTRIES; i += 100) {
      await Promise.all(
        Array.from({ length: Math.min(100, ENTRIES - i) }, (_, j) =>
          store.appendAudit(staffWeb, {
            action: 'test.bulk',
            entityType: 'bulk',
            entityId: String(i + j),
            details: { n: i + j },
          }),
        ),
      );
    }
  }, 120_000);
  afterAll(() => store.destroy());

  it('reads a page at a time and streams each page out, never more than a page in hand', async () => {
    // Prepare: count what crosses each port (the real store and document store do the work)
    const pages: number[] = [];
    const paged: Pick<AuditStore, 'auditPage' | 'appendAudit'> = {
      auditPage: async (day, options) => {
        expect(options.limit).toBe(PAGE);
        const page = await store.auditPage(day, options);
        pages.push(page.entries.length);
        return page;
      },
      appendAudit: (actor, entry) => store.appendAudit(actor, entry),
    };
    const documents = folder();
    const chunkLines: number[] = [];
    const counting: DocumentStore = Object.assign(Object.create(documents), {
      putStream: (input: Parameters<DocumentStore['putStream']>[0]) =>
        documents.putStream({
          ...input,
          body: (async function* () {
            for await (const chunk of input.body) {
              chunkLines.push(String(chunk).split('\r\n').length - 1);
              yield chunk;
            }
          })(),
        }),
    });
    // Act
    const out = await exportAudit(
      { store: paged, documents: counting, now: () => new Date(), pageSize: PAGE },
      admin,
      {
        from: '2026-10-31',
        to: '2026-11-04',
      },
    );
    // Assess
    if (!out.ok) throw new Error('export failed');
    expect(out.rows).toBe(ENTRIES);
    expect(Math.max(...pages)).toBeLessThanOrEqual(PAGE);
    expect(pages.length).toBeGreaterThanOrEqual(ENTRIES / PAGE);
    expect(Math.max(...chunkLines)).toBeLessThanOrEqual(PAGE);
    const [, ...rows] = await readExport(documents, out.url);
    expect(rows).toHaveLength(ENTRIES);
    expect(rows.map((r) => Number(r[7]))).toEqual(Array.from({ length: ENTRIES }, (_, i) => i));
    const times = rows.map((r) => r[0]!);
    expect([...times].sort()).toEqual(times);
  });
});
