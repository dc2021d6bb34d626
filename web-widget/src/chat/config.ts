/**
 * Where the widget learns its settings, first match wins:
 *   1. the script tag: data-user-pool-id, data-user-pool-client-id (+ data-user-pool-endpoint,
 *      data-auth-flow, data-anonymous-chat-path) — nothing to fetch;
 *   2. a JSON file: data-config="<url>", or widget-config.json next to widget.js (written by
 *      `npm run build:widget` for AWS; served from the running local Cognito by `npm start`).
 * Without either, the widget still chats, anonymously, and offers no sign-in.
 */

export type AuthFlow = 'USER_SRP_AUTH' | 'USER_PASSWORD_AUTH';

export interface AuthSettings {
  userPoolId: string;
  userPoolClientId: string;
  /** A Cognito-compatible endpoint other than AWS's (the local Cognito). */
  userPoolEndpoint?: string;
  /** SRP on AWS; USER_PASSWORD_AUTH for a local Cognito without SRP. */
  authFlow: AuthFlow;
}

export interface WidgetSettings {
  auth: AuthSettings | null;
  /** Path of the chat API for signed-in turns (Authorization header). */
  chatPath: string;
  /**
   * Path for signed-out turns. The embedded default answers both on /api/chat; on AWS the API's JWT
   * authorizer cannot be optional, so signed-out turns go to /api/chat/anonymous.
   */
  anonymousChatPath: string;
}

const DEFAULT_CHAT_PATH = '/api/chat';

function url(value: string, base: string): URL | null {
  try {
    return new URL(value, base);
  } catch {
    return null;
  }
}

function path(value: unknown, fallback: string): string {
  return typeof value === 'string' && /^\/[\w/-]*$/.test(value) ? value : fallback;
}

/** `base` resolves a relative userPoolEndpoint (a config file may say "/api/dev/cognito"). */
function fromRecord(record: Record<string, unknown>, base: string): WidgetSettings {
  const chatPath = path(record.chatPath, DEFAULT_CHAT_PATH);
  const paths = { chatPath, anonymousChatPath: path(record.anonymousChatPath, chatPath) };
  const { userPoolId, userPoolClientId } = record;
  if (typeof userPoolId !== 'string' || !/^[\w-]+_[0-9A-Za-z]+$/.test(userPoolId))
    return { auth: null, ...paths };
  if (typeof userPoolClientId !== 'string' || !userPoolClientId) return { auth: null, ...paths };
  const endpoint = typeof record.userPoolEndpoint === 'string' ? url(record.userPoolEndpoint, base) : null;
  return {
    auth: {
      userPoolId,
      userPoolClientId,
      ...(endpoint && /^https?:$/.test(endpoint.protocol) ? { userPoolEndpoint: endpoint.href } : {}),
      authFlow: record.authFlow === 'USER_PASSWORD_AUTH' ? 'USER_PASSWORD_AUTH' : 'USER_SRP_AUTH',
    },
    ...paths,
  };
}

export async function loadSettings(
  tag: Readonly<Record<string, string | undefined>>,
  scriptUrl: string,
): Promise<WidgetSettings> {
  if (tag.userPoolId) return fromRecord(tag, document.baseURI);
  const file = url(tag.config ?? 'widget-config.json', tag.config ? document.baseURI : scriptUrl);
  try {
    const response = await fetch(file!, { credentials: 'omit' });
    const body: unknown = response.ok ? await response.json() : {};
    return fromRecord(
      typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {},
      file!.href,
    );
  } catch {
    return fromRecord({}, document.baseURI);
  }
}
