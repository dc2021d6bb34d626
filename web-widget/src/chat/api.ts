/**
 * The widget's only door to the bot: `POST {api}/api/chat` with the Cognito ID token (signed-out
 * turns may go to another path, see config.ts). The browser never calls Lex: a browser holding
 * AWS credentials could set any session attribute, so only the server-side adapter, which signs the
 * principal, talks to the bot (README "Architecture"). The answer is read as data: messages become
 * text and buttons, nothing is evaluated.
 */
import type { CardButton } from './conversation.js';

export type BotMessage =
  | { kind: 'text'; text: string }
  | { kind: 'card'; title: string; subtitle?: string; buttons: CardButton[] };

export interface Turn {
  sessionId: string;
  messages: BotMessage[];
  /** The bot is asking yes or no (Lex ConfirmIntent). */
  confirming: boolean;
}

export class ChatError extends Error {
  constructor(
    message: string,
    /** HTTP status, or 0 when the network failed. */
    readonly status: number,
    /** Worth offering "Retry": a network failure, a rate limit, a server error. */
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'ChatError';
  }
}

const TIMEOUT_MS = 20_000;

export async function sendTurn(
  url: string,
  request: { text: string; sessionId?: string | undefined },
  idToken: string | undefined,
): Promise<Turn> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(idToken ? { authorization: `Bearer ${idToken}` } : {}),
      },
      body: JSON.stringify(request.sessionId ? request : { text: request.text }),
      // Not a credentialed request: identity travels in the Authorization header only.
      credentials: 'omit',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch {
    throw new ChatError("We couldn't reach the blood service. Check your connection and try again.", 0, true);
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const message = readString(body, 'message') ?? 'Something went wrong on our side. Please try again.';
    const retryable = response.status === 429 || response.status >= 500;
    throw new ChatError(message, response.status, retryable);
  }
  return parseTurn(body);
}

function readString(value: unknown, key: string): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const found = (value as Record<string, unknown>)[key];
  return typeof found === 'string' ? found : undefined;
}

/** The API's answer, checked field by field; anything unexpected is dropped rather than shown. */
export function parseTurn(body: unknown): Turn {
  const sessionId = readString(body, 'sessionId');
  if (!sessionId)
    throw new ChatError('The service sent an answer we could not read. Please try again.', 200, true);
  const raw = (body as { messages?: unknown }).messages;
  const messages: BotMessage[] = [];
  for (const m of Array.isArray(raw) ? raw : []) {
    const contentType = readString(m, 'contentType');
    if (contentType === 'PlainText') {
      const text = readString(m, 'content');
      if (text) messages.push({ kind: 'text', text });
    } else if (contentType === 'ImageResponseCard') {
      const card = (m as { imageResponseCard?: unknown }).imageResponseCard;
      const buttons = (card as { buttons?: unknown } | undefined)?.buttons;
      const list = (Array.isArray(buttons) ? buttons : [])
        .map((b) => ({ text: readString(b, 'text') ?? '', value: readString(b, 'value') ?? '' }))
        .filter((b) => b.text && b.value)
        .slice(0, 5);
      const subtitle = readString(card, 'subtitle');
      messages.push({
        kind: 'card',
        title: readString(card, 'title') ?? '',
        ...(subtitle ? { subtitle } : {}),
        buttons: list,
      });
    }
    // SSML and CustomPayload are for other channels; the widget shows neither.
  }
  const dialogAction = (body as { dialogAction?: unknown }).dialogAction;
  return { sessionId, messages, confirming: readString(dialogAction, 'type') === 'ConfirmIntent' };
}
