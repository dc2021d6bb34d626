/**
 * `POST /api/sms/inbound` in the embedded default: the same inbound JSON End User Messaging sends,
 * handled at once (no SNS hop), answered with the outcome so a developer can see what happened.
 *
 * Only `application/json`: a cross-site HTML form can post text/plain (or form data) without a CORS
 * preflight, and would answer as any donor's phone. Each originating number is rate-limited, so one
 * sender cannot flood the bot or the outbox.
 */
import { logTag } from '../../fulfillment/privacy.js';
import { type HttpRequest, type HttpResponse, json } from '../shared/http.js';
import type { RateLimiter } from '../shared/rateLimit.js';
import { handleInboundSms, type SmsDeps } from './inbound.js';

export interface SmsRouteOptions {
  /** Messages per originating number; keyed by the number's hash, never the number. */
  limiter?: RateLimiter;
}

export function createSmsInboundRoute(deps: SmsDeps, options: SmsRouteOptions = {}) {
  return async (request: HttpRequest): Promise<HttpResponse> => {
    const contentType = (request.headers['content-type'] ?? '').toLowerCase();
    if (!/^application\/json\s*(;|$)/.test(contentType)) {
      return json(415, { error: 'unsupported_media_type', message: 'Send application/json.' });
    }
    let body: unknown;
    try {
      body = JSON.parse(request.body ?? '');
    } catch {
      return json(400, { error: 'invalid_json', message: 'The body is not valid JSON.' });
    }
    const from =
      typeof body === 'object' && body !== null
        ? (body as { originationNumber?: unknown }).originationNumber
        : undefined;
    if (options.limiter && typeof from === 'string') {
      const verdict = await options.limiter.hit(`sms:${logTag(deps.hashPhone(from))}`);
      if (!verdict.allowed) {
        return json(
          429,
          { error: 'rate_limited', message: 'Too many messages from this number. Please wait a moment.' },
          { 'retry-after': String(Math.max(1, verdict.retryAfterSeconds)) },
        );
      }
    }
    const outcome = await handleInboundSms(body, deps);
    if (outcome === 'invalid') {
      return json(400, { error: 'invalid_request', message: 'Send an End User Messaging inbound SMS JSON.' });
    }
    return json(200, { ok: true, outcome });
  };
}
