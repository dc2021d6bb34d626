/**
 * The chat API as deployed: CORS allow-list → handleChat (size limit, validation, identity,
 * per-principal rate limit, bot turn) → CORS headers on the answer. The one place where anything
 * unexpected becomes a JSON 500, so a client always gets JSON. Both the API Gateway Lambda
 * (./lambda.ts) and the local server's `POST /api/chat` call this.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { type HttpRequest, type HttpResponse, json } from '../shared/http.js';
import { type ChatDeps, handleChat } from './chat.js';
import { corsFor, preflight } from './cors.js';
import { type RateLimiter, rateKey } from './rateLimit.js';

export interface ChatApiOptions {
  allowedOrigins: readonly string[];
  limiter?: RateLimiter;
  logger?: Logger;
}

export type ChatApi = (request: HttpRequest) => Promise<HttpResponse>;

export function createChatApi(deps: Omit<ChatDeps, 'limit'>, options: ChatApiOptions): ChatApi {
  const logger = options.logger ?? new Logger({ serviceName: 'web-api' });
  const limiter = options.limiter;
  const chatDeps: ChatDeps = limiter
    ? { ...deps, limit: (principal, request) => limiter.hit(rateKey(principal, request)) }
    : deps;

  return async (request) => {
    const cors = corsFor(request, options.allowedOrigins);
    if (cors.kind === 'refused') {
      logger.warn('chat refused', { reason: 'origin_not_allowed' });
      return cors.response;
    }
    const corsHeaders = cors.kind === 'allowed' ? cors.headers : {};
    if (request.method === 'OPTIONS') return preflight(request, corsHeaders);
    let response: HttpResponse;
    try {
      response = await handleChat(request, chatDeps);
    } catch (error) {
      // Names only: messages from lower layers can carry request content.
      logger.error('chat failed', { error: error instanceof Error ? error.name : 'unknown' });
      response = json(500, {
        error: 'internal',
        message: 'Something went wrong on our side. Please try again.',
      });
    }
    if (response.status >= 400) logger.info('chat rejected', { status: response.status });
    return { ...response, headers: { ...response.headers, ...corsHeaders } };
  };
}
