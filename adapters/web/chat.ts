/**
 * The web chat API, as one transport-free handler: the API Gateway Lambda and the local server's
 * `POST /api/chat` both call `handleChat`. It validates the body, resolves who is speaking from the
 * bearer token (never from the body), signs that principal for fulfillment, and relays the turn to
 * the bot runtime. Bad input → 4xx JSON error, and nothing reaches the bot.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { BotRuntime } from '../../bots/runtime/port.js';
import { PRINCIPAL_ATTRIBUTE, type Principal, signPrincipal } from '../../fulfillment/auth/principal.js';
import { type HttpRequest, type HttpResponse, type Identify, IdentityError, json } from '../shared/http.js';

export const MAX_BODY_BYTES = 4096;

export const chatRequestSchema = z.strictObject({
  text: z.string().trim().min(1, 'text must not be empty').max(1000, 'text is at most 1000 characters'),
  sessionId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{8,64}$/, 'sessionId is 8–64 letters, digits, _ or -')
    .optional(),
});
export type ChatRequest = z.infer<typeof chatRequestSchema>;

export interface ChatDeps {
  runtime: BotRuntime;
  identify: Identify;
  signingKey: string;
  now: () => Date;
  newSessionId: () => string;
  /** Per-principal rate limit, checked once the principal is known and before the bot is called. */
  limit?: (principal: Principal, request: HttpRequest) => Promise<RateVerdict>;
}

export interface RateVerdict {
  allowed: boolean;
  retryAfterSeconds: number;
}

/**
 * The bot session is keyed by the principal as well as the client's id, so one user can never
 * continue another's conversation by guessing a session id, and the id carries no personal data.
 */
export function botSessionId(principal: Principal, clientSessionId: string): string {
  return createHash('sha256')
    .update(`${principal.userId}\u0000${clientSessionId}`)
    .digest('hex')
    .slice(0, 40);
}

export async function handleChat(request: HttpRequest, deps: ChatDeps): Promise<HttpResponse> {
  if (request.method !== 'POST') return json(405, { error: 'method_not_allowed', message: 'Use POST.' });
  const contentType = request.headers['content-type'] ?? '';
  if (!contentType.toLowerCase().startsWith('application/json')) {
    return json(415, { error: 'unsupported_media_type', message: 'Send application/json.' });
  }
  const raw = request.body ?? '';
  if (Buffer.byteLength(raw) > MAX_BODY_BYTES) {
    return json(413, { error: 'payload_too_large', message: `The body is at most ${MAX_BODY_BYTES} bytes.` });
  }
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    return json(400, { error: 'invalid_json', message: 'The body is not valid JSON.' });
  }
  const parsed = chatRequestSchema.safeParse(body);
  if (!parsed.success) {
    return json(400, {
      error: 'invalid_request',
      message: parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '),
    });
  }
  let principal: Principal;
  try {
    principal = await deps.identify(request.headers.authorization);
  } catch (error) {
    if (error instanceof IdentityError) return json(401, { error: 'unauthorized', message: error.message });
    throw error;
  }
  if (deps.limit) {
    const verdict = await deps.limit(principal, request);
    if (!verdict.allowed) {
      return json(
        429,
        { error: 'rate_limited', message: 'Too many messages. Please wait a moment and try again.' },
        { 'retry-after': String(Math.max(1, verdict.retryAfterSeconds)) },
      );
    }
  }
  const sessionId = parsed.data.sessionId ?? deps.newSessionId();
  const result = await deps.runtime.recognizeText({
    sessionId: botSessionId(principal, sessionId),
    text: parsed.data.text,
    sessionState: {
      sessionAttributes: { [PRINCIPAL_ATTRIBUTE]: signPrincipal(principal, deps.signingKey, deps.now()) },
    },
  });
  const intent = result.sessionState.intent;
  return json(200, {
    sessionId,
    messages: result.messages,
    dialogAction: result.sessionState.dialogAction ?? { type: 'ElicitIntent' },
    intent: intent ? { name: intent.name, state: intent.state, slots: intent.slots ?? {} } : null,
  });
}
