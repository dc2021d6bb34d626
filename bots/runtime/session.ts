/**
 * Lex-style session memory for the local runtime: what the bot is waiting for, the current intent,
 * session attributes and active contexts, forgotten after the bot's idle session TTL (as Lex does).
 */
import type { BotActiveContext, BotIntent, DialogActionType } from './port.js';

export interface StoredContext {
  name: string;
  contextAttributes: Record<string, string>;
  expiresAt: number;
  turnsLeft: number;
  timeToLiveInSeconds: number;
}

export interface Session {
  intent: BotIntent | null;
  /** What the last turn asked for; the next utterance is read in its light. */
  waiting: { type: DialogActionType; slotToElicit?: string } | null;
  /** Failed attempts at the current elicitation or confirmation. */
  retries: number;
  sessionAttributes: Record<string, string>;
  contexts: StoredContext[];
  lastActivity: number;
}

export function newSession(now: number): Session {
  return { intent: null, waiting: null, retries: 0, sessionAttributes: {}, contexts: [], lastActivity: now };
}

export class SessionMemory {
  private readonly sessions = new Map<string, Session>();

  constructor(private readonly idleTtlMs: number) {}

  /** The live session, or a fresh one when none exists or it has been idle too long. */
  load(sessionId: string, now: number): Session {
    const found = this.sessions.get(sessionId);
    if (!found || now - found.lastActivity > this.idleTtlMs) return newSession(now);
    return found;
  }

  save(sessionId: string, session: Session): void {
    this.sessions.set(sessionId, session);
    // Keep memory bounded on a long-running dev server: drop sessions idle past the TTL.
    if (this.sessions.size > 10_000) {
      const cutoff = session.lastActivity - this.idleTtlMs;
      for (const [id, s] of this.sessions) if (s.lastActivity < cutoff) this.sessions.delete(id);
    }
  }

  delete(sessionId: string): void {
    this.sessions.delete(sessionId);
  }
}

/** Contexts still alive at `now` (time and turns both count, as in Lex). */
export function liveContexts(contexts: StoredContext[], now: number): StoredContext[] {
  return contexts.filter((c) => c.expiresAt > now && c.turnsLeft > 0);
}

export function toActiveContexts(contexts: StoredContext[], now: number): BotActiveContext[] {
  return contexts.map((c) => ({
    name: c.name,
    contextAttributes: { ...c.contextAttributes },
    timeToLive: {
      timeToLiveInSeconds: Math.max(0, Math.round((c.expiresAt - now) / 1000)),
      turnsToLive: c.turnsLeft,
    },
  }));
}

export function fromActiveContexts(contexts: BotActiveContext[], now: number): StoredContext[] {
  return contexts
    .filter((c) => c.timeToLive.timeToLiveInSeconds > 0 && c.timeToLive.turnsToLive > 0)
    .map((c) => ({
      name: c.name,
      contextAttributes: { ...(c.contextAttributes ?? {}) },
      expiresAt: now + c.timeToLive.timeToLiveInSeconds * 1000,
      turnsLeft: c.timeToLive.turnsToLive,
      timeToLiveInSeconds: c.timeToLive.timeToLiveInSeconds,
    }));
}
