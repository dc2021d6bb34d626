/**
 * HTTP as every adapter sees it, on AWS and on the local server alike: one request and response
 * shape, the JSON reply helper, the identity door (`Identify`) and the API Gateway translation. The
 * web chat, documents, SMS webhook, dev login and the local server all speak this; no channel owns it.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { authorize, type RouteAction } from '../../fulfillment/auth/authorize.js';
import type { Principal } from '../../fulfillment/auth/principal.js';

export interface HttpRequest {
  method: string;
  /** Lower-case header names, as Node and API Gateway (v2 payload) give them. */
  headers: Record<string, string | undefined>;
  body: string | undefined;
  path?: string;
  query?: URLSearchParams;
  /** The caller's address (API Gateway's sourceIp, the socket locally): anonymous rate limits key on it. */
  sourceIp?: string;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Who is speaking, from the request's credentials; throws IdentityError for a bad token. */
export type Identify = (authorization: string | undefined) => Promise<Principal>;

export class IdentityError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IdentityError';
  }
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): HttpResponse {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
    body: JSON.stringify(body),
  };
}

/**
 * Who is calling, if the authorization table lets their role through this route: bad tokens and
 * callers asked to sign in get a 401, refused roles a 403, each with the table's reason.
 */
export async function authorizedCaller(
  request: HttpRequest,
  identify: Identify,
  action: RouteAction,
): Promise<Principal | HttpResponse> {
  let principal: Principal;
  try {
    principal = await identify(request.headers.authorization);
  } catch (error) {
    if (error instanceof IdentityError) return json(401, { error: 'unauthorized', message: error.message });
    throw error;
  }
  const decision = authorize(action, principal.role);
  if (decision.allowed) return principal;
  return decision.access === 'sign_in'
    ? json(401, { error: 'unauthorized', message: decision.reason })
    : json(403, { error: 'forbidden', message: decision.reason });
}

/** API Gateway HTTP API (payload v2) → HttpRequest: lower-case headers, base64 bodies decoded. */
export function toHttpRequest(event: APIGatewayProxyEventV2): HttpRequest {
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(event.headers ?? {})) headers[name.toLowerCase()] = value;
  const body =
    event.body === undefined
      ? undefined
      : event.isBase64Encoded
        ? Buffer.from(event.body, 'base64').toString('utf8')
        : event.body;
  return {
    method: event.requestContext.http.method,
    headers,
    body,
    path: event.rawPath,
    query: new URLSearchParams(event.rawQueryString ?? ''),
    sourceIp: event.requestContext.http.sourceIp,
  };
}
