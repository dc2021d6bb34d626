/**
 * The embedded default's document store (a folder under DATA_DIR) against the shared contract, plus
 * what only it has: link tokens that the local file route must refuse when tampered with.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FolderDocumentStore } from '../../../fulfillment/documents/folder.js';
import { documentStoreContract } from './contract.js';

function folderStore() {
  const base = Date.now();
  let offsetMs = 0;
  const documents = new FolderDocumentStore({
    root: mkdtempSync(join(tmpdir(), 'bloodbank-docs-')),
    linkKey: 'contract-test-link-key',
    baseUrl: () => 'http://127.0.0.1:3000',
    now: () => new Date(base + offsetMs),
  });
  return {
    documents,
    async open(url: string, secondsLater: number) {
      offsetMs = secondsLater * 1000;
      try {
        const granted = documents.resolveLink(new URL(url).searchParams.get('t') ?? '');
        if (!granted) return null;
        return (await documents.get(granted.key, { versionId: granted.versionId }))?.body ?? null;
      } finally {
        offsetMs = 0;
      }
    },
  };
}

documentStoreContract('folder (embedded default)', async () => folderStore());

describe('folder store links', () => {
  it('refuses a link whose signature or payload was changed', async () => {
    // Prepare
    const { documents } = folderStore();
    await documents.put({ key: 'donors/a/consent-form', body: 'a', contentType: 'application/pdf' });
    await documents.put({ key: 'donors/b/consent-form', body: 'b', contentType: 'application/pdf' });
    const token = new URL(
      await documents.link('donors/a/consent-form', { expiresInSeconds: 60 }),
    ).searchParams.get('t')!;
    const [payload, signature] = token.split('.') as [string, string];
    const forged = Buffer.from(
      Buffer.from(payload, 'base64url').toString('utf8').replace('donors/a/', 'donors/b/'),
    ).toString('base64url');
    // Act / Assess
    expect(documents.resolveLink(token)?.key).toBe('donors/a/consent-form');
    expect(documents.resolveLink(`${forged}.${signature}`)).toBeNull();
    expect(documents.resolveLink(`${payload}.${signature.slice(0, -2)}xx`)).toBeNull();
    expect(documents.resolveLink(`${payload}`)).toBeNull();
    expect(documents.resolveLink('not-a-token')).toBeNull();
  });
});
