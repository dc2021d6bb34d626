/**
 * CORS for the chat API: only the sites allowed to embed the widget may call it from a browser.
 * Requests without an Origin (curl, server to server) are not browser cross-origin calls and pass;
 * a browser request from any other origin is refused outright (403), not merely left without
 * headers, so a page elsewhere cannot make the API do work on its visitors' behalf.
 */
import { type HttpRequest, type HttpResponse, json } from '../shared/http.js';

export type CorsDecision =
  | { kind: 'no_origin' }
  | { kind: 'allowed'; headers: Record<string, string> }
  | { kind: 'refused'; response: HttpResponse };

const ALLOW_HEADERS = 'authorization, content-type';

export function normaliseOrigin(origin: string): string {
  return origin.trim().replace(/\/+$/, '').toLowerCase();
}

export function corsFor(request: HttpRequest, allowedOrigins: readonly string[]): CorsDecision {
  const origin = request.headers.origin;
  if (!origin) return { kind: 'no_origin' };
  const allowed = allowedOrigins.map(normaliseOrigin);
  if (!allowed.includes(normaliseOrigin(origin))) {
    return {
      kind: 'refused',
      response: json(
        403,
        { error: 'origin_not_allowed', message: 'This site may not call the chat API.' },
        { vary: 'Origin' },
      ),
    };
  }
  return {
    kind: 'allowed',
    headers: { 'access-control-allow-origin': origin, vary: 'Origin' },
  };
}

/** The answer to a preflight from an allowed origin. */
export function preflight(request: HttpRequest, headers: Record<string, string>): HttpResponse {
  const method = (request.headers['access-control-request-method'] ?? '').toUpperCase();
  if (method !== 'POST') {
    return json(405, { error: 'method_not_allowed', message: 'Use POST.' }, headers);
  }
  return {
    status: 204,
    headers: {
      ...headers,
      'access-control-allow-methods': 'POST, OPTIONS',
      'access-control-allow-headers': ALLOW_HEADERS,
      'access-control-max-age': '600',
    },
    body: '',
  };
}
