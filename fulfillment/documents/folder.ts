/**
 * The document store of the embedded default: a folder under DATA_DIR, versioned like the S3 bucket.
 * Each key is a directory `<key>@v/` holding one `<versionId>.bin` and `<versionId>.json` (content
 * type, metadata, size, time) per version; `@` never appears in a valid key, so a key and a longer
 * key beneath it cannot collide. A version becomes visible only when its .json is renamed into
 * place, so a reader never sees half a write. Links are HMAC-signed tokens that the local server's
 * file route checks (expiry included), standing in for S3 presigned URLs.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import * as z from 'zod';
import {
  assertValidKey,
  assertValidPrefix,
  type DocumentStore,
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

const VERSIONS_SUFFIX = '@v';
const VERSION_ID = /^[0-9]{13}-[0-9]{6}-[0-9a-f]{8}$/;

const metaSchema = z.object({
  contentType: z.string(),
  metadata: z.record(z.string(), z.string()),
  size: z.number().int().nonnegative(),
  lastModified: z.string(),
});
type Meta = z.infer<typeof metaSchema>;

const linkSchema = z.object({
  k: z.string(),
  v: z.string(),
  e: z.number().int(),
  n: z.string().optional(),
});

export interface ResolvedLink {
  key: string;
  versionId: string;
  downloadName?: string;
}

export interface FolderStoreOptions {
  root: string;
  /** Secret for link signatures (derived from the local secrets, never shared with S3). */
  linkKey: string;
  /** Where the local server listens (links point at its `/files` route); known only once it listens. */
  baseUrl: () => string;
  now?: () => Date;
}

/** The local server's route for links; the token travels in `?t=` (routes match exact paths). */
export const FILE_ROUTE = '/files';

export class FolderDocumentStore implements DocumentStore {
  private readonly now: () => Date;
  private sequence = 0;

  constructor(private readonly options: FolderStoreOptions) {
    this.now = options.now ?? (() => new Date());
  }

  async put(input: PutInput): Promise<PutResult> {
    const body = toBytes(input.body);
    return this.write(input, async (path) => {
      await writeFile(path, body);
      return body.length;
    });
  }

  async putStream(input: PutStreamInput): Promise<PutResult> {
    return this.write(input, async (path) => {
      const file = await open(path, 'w');
      let size = 0;
      try {
        for await (const chunk of input.body) {
          const bytes = toBytes(chunk);
          await file.write(bytes);
          size += bytes.length;
        }
      } finally {
        await file.close();
      }
      return size;
    });
  }

  async get(key: string, options: { versionId?: string } = {}): Promise<StoredDocument | null> {
    const info = await this.head(key, options);
    if (!info) return null;
    const body = await readFile(join(this.dir(key), `${info.versionId}.bin`));
    return { info, body: new Uint8Array(body) };
  }

  async head(key: string, options: { versionId?: string } = {}): Promise<ObjectInfo | null> {
    assertValidKey(key);
    const versionId = options.versionId ?? (await this.versionIds(key))[0];
    if (!versionId || !VERSION_ID.test(versionId)) return null;
    const meta = await this.meta(key, versionId);
    return meta ? toInfo(key, versionId, meta) : null;
  }

  async versions(key: string): Promise<VersionInfo[]> {
    assertValidKey(key);
    const ids = await this.versionIds(key);
    const out: VersionInfo[] = [];
    for (const [i, versionId] of ids.entries()) {
      const meta = await this.meta(key, versionId);
      if (meta)
        out.push({ key, versionId, size: meta.size, lastModified: meta.lastModified, isLatest: i === 0 });
    }
    return out;
  }

  async list(prefix: string): Promise<ListedObject[]> {
    assertValidPrefix(prefix);
    // Walk only the folder the prefix names (`donors/d1/` → donors/d1), not the whole store.
    const folder = prefix.includes('/') ? prefix.slice(0, prefix.lastIndexOf('/')).split('/') : [];
    const keys = (await this.keysUnder(join(this.options.root, ...folder)))
      .filter((k) => k.startsWith(prefix))
      .sort();
    const out: ListedObject[] = [];
    for (const key of keys) {
      const [latest] = await this.versions(key);
      if (latest) out.push({ key, size: latest.size, lastModified: latest.lastModified });
    }
    return out;
  }

  async link(key: string, options: LinkOptions): Promise<string> {
    assertValidKey(key);
    const versionId = options.versionId ?? (await this.versionIds(key))[0] ?? '';
    const payload = Buffer.from(
      JSON.stringify({
        k: key,
        v: versionId,
        e: Math.floor(this.now().getTime() / 1000) + options.expiresInSeconds,
        ...(options.downloadName ? { n: options.downloadName } : {}),
      }),
    ).toString('base64url');
    return `${this.options.baseUrl()}${FILE_ROUTE}?t=${payload}.${this.sign(payload)}`;
  }

  /** The file route's check: a genuine, unexpired token → what it grants; anything else → null. */
  resolveLink(token: string): ResolvedLink | null {
    const [payload, signature, extra] = token.split('.');
    if (!payload || !signature || extra !== undefined) return null;
    const expected = Buffer.from(this.sign(payload), 'base64url');
    const given = Buffer.from(signature, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    let parsed: z.infer<typeof linkSchema>;
    try {
      parsed = linkSchema.parse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
    } catch {
      return null;
    }
    if (parsed.e * 1000 <= this.now().getTime()) return null;
    return { key: parsed.k, versionId: parsed.v, ...(parsed.n ? { downloadName: parsed.n } : {}) };
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.options.linkKey).update(payload).digest('base64url');
  }

  private dir(key: string): string {
    return join(this.options.root, ...key.split('/')) + VERSIONS_SUFFIX;
  }

  /** Newest first: version ids start with the write time and a per-process sequence. */
  private async versionIds(key: string): Promise<string[]> {
    let names: string[];
    try {
      names = await readdir(this.dir(key));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    return names
      .filter((n) => n.endsWith('.json'))
      .map((n) => n.slice(0, -'.json'.length))
      .filter((id) => VERSION_ID.test(id))
      .sort()
      .reverse();
  }

  private async meta(key: string, versionId: string): Promise<Meta | null> {
    try {
      return metaSchema.parse(JSON.parse(await readFile(join(this.dir(key), `${versionId}.json`), 'utf8')));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  private async keysUnder(dir: string): Promise<string[]> {
    let entries: import('node:fs').Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const keys: string[] = [];
    for (const entry of entries) {
      if (!entry.isDirectory()) continue;
      const path = join(dir, entry.name);
      if (entry.name.endsWith(VERSIONS_SUFFIX)) {
        keys.push(relative(this.options.root, path).split(sep).join('/').slice(0, -VERSIONS_SUFFIX.length));
      } else {
        keys.push(...(await this.keysUnder(path)));
      }
    }
    return keys;
  }

  private newVersionId(at: Date): string {
    this.sequence = (this.sequence + 1) % 1_000_000;
    const ms = String(at.getTime()).padStart(13, '0');
    return `${ms}-${String(this.sequence).padStart(6, '0')}-${randomBytes(4).toString('hex')}`;
  }

  private async write(
    input: Omit<PutInput, 'body'>,
    writeBody: (path: string) => Promise<number>,
  ): Promise<PutResult> {
    assertValidKey(input.key);
    const at = this.now();
    const versionId = this.newVersionId(at);
    const dir = this.dir(input.key);
    await mkdir(dir, { recursive: true });
    const tmp = join(dir, `.${versionId}.tmp`);
    const size = await writeBody(tmp);
    await rename(tmp, join(dir, `${versionId}.bin`));
    const meta: Meta = {
      contentType: input.contentType,
      metadata: { ...(input.metadata ?? {}) },
      size,
      lastModified: at.toISOString(),
    };
    await writeFile(`${tmp}.json`, JSON.stringify(meta));
    await rename(`${tmp}.json`, join(dir, `${versionId}.json`));
    return { key: input.key, versionId, size };
  }
}

function toInfo(key: string, versionId: string, meta: Meta): ObjectInfo {
  return {
    key,
    versionId,
    size: meta.size,
    contentType: meta.contentType,
    metadata: meta.metadata,
    lastModified: meta.lastModified,
  };
}
