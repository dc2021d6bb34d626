/**
 * The embedded default for end-to-end tests: the real app (server, local Lex runtime, fulfillment,
 * DynamoDB Local) on a unique table of the run's engine, with a fixed clock and test principals
 * chosen by the Authorization header ("Bearer test:<role>:<userId>[:<donorId>]").
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { type EmbeddedApp, startEmbedded } from '../../adapters/local/app.js';
import { loadLocalConfig } from '../../adapters/local/config.js';
import type { Principal } from '../../fulfillment/auth/principal.js';
import { ROLES, type Role } from '../../fulfillment/domain/vocabulary.js';

export async function startTestApp(options: { now?: () => Date } = {}): Promise<EmbeddedApp> {
  const config = loadLocalConfig({
    DATA_DIR: mkdtempSync(join(tmpdir(), 'bloodbank-e2e-')),
    PORT: '0',
    TABLE_NAME: `e2e-${randomUUID()}`,
  });
  return startEmbedded(config, {
    dynamoEndpoint: inject('dynamoEndpoint'),
    quiet: true,
    now: options.now ?? (() => new Date('2026-11-24T10:00:00Z')),
    identify: async (authorization) => {
      const [, role, userId, donorId] = (authorization ?? '').replace(/^Bearer /, '').split(':');
      if (!role || !(ROLES as readonly string[]).includes(role))
        return { userId: 'anonymous', role: 'anonymous', channel: 'web' };
      const principal: Principal = { userId: userId ?? role, role: role as Role, channel: 'web' };
      return donorId ? { ...principal, donorId } : principal;
    },
  });
}

export interface ChatReply {
  status: number;
  body: {
    sessionId: string;
    messages: Array<{
      contentType: string;
      content?: string;
      imageResponseCard?: { title: string; buttons?: Array<{ text: string; value: string }> };
    }>;
    dialogAction: { type: string; slotToElicit?: string };
    intent: {
      name: string;
      state: string;
      slots: Record<string, { value?: { interpretedValue?: string } } | null>;
    } | null;
    error?: string;
    message?: string;
  };
  text: string;
}

/** A conversation through POST /api/chat, keeping the session id the server hands back. */
export function conversation(app: EmbeddedApp, authorization?: string) {
  let sessionId: string | undefined;
  return async function say(text: string): Promise<ChatReply> {
    const res = await fetch(`${app.url}/api/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
      body: JSON.stringify(sessionId ? { text, sessionId } : { text }),
    });
    const body = (await res.json()) as ChatReply['body'];
    if (res.ok) sessionId = body.sessionId;
    const joined = (body.messages ?? []).map((m) => m.content ?? '').join('\n');
    return { status: res.status, body, text: joined };
  };
}
