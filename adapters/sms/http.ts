/**
 * `POST /api/sms/inbound` in the embedded default: the same inbound JSON End User Messaging sends,
 * handled at once (no SNS hop), answered with the outcome so a developer can see what happened.
 */
import { type HttpRequest, type HttpResponse, json } from '../shared/http.js';
import { handleInboundSms, type SmsDeps } from './inbound.js';

export function createSmsInboundRoute(deps: SmsDeps) {
  return async (request: HttpRequest): Promise<HttpResponse> => {
    let body: unknown;
    try {
      body = JSON.parse(request.body ?? '');
    } catch {
      return json(400, { error: 'invalid_json', message: 'The body is not valid JSON.' });
    }
    const outcome = await handleInboundSms(body, deps);
    if (outcome === 'invalid') {
      return json(400, { error: 'invalid_request', message: 'Send an End User Messaging inbound SMS JSON.' });
    }
    return json(200, { ok: true, outcome });
  };
}
