/**
 * The local Cognito as the browser sees it, at POST /api/dev/cognito on the embedded default's own
 * origin (absent on AWS, where Amplify talks to the real user pool).
 *
 * Why a proxy rather than the widget calling cognito-local directly:
 *  - Amplify 6.20 refreshes tokens with GetTokensFromRefreshToken, which cognito-local 5.3 does not
 *    implement; the proxy answers it with the equivalent InitiateAuth REFRESH_TOKEN_AUTH, so the
 *    widget's code is the same locally and on AWS.
 *  - cognito-local does not authenticate its Admin* actions; only the actions a public app client
 *    may call pass here, so the page cannot make itself staff through this door.
 *  - Same origin as the page: the demo's CSP needs no second connect-src.
 */
import { PUBLIC_ACTIONS } from '../identity/localCognito.js';
import { type HttpRequest, type HttpResponse, json } from '../shared/http.js';

const PREFIX = 'AWSCognitoIdentityProviderService.';

/**
 * What Amplify Auth calls for sign-in, sign-up, MFA, password changes, refresh and sign-out: the
 * engine's own public list (one list, so the two doors cannot disagree), plus the refresh call the
 * proxy translates. Nothing administrative.
 */
const CLIENT_ACTIONS = new Set<string>([...PUBLIC_ACTIONS, 'GetTokensFromRefreshToken']);

function cognitoError(status: number, type: string, message: string): HttpResponse {
  return {
    status,
    headers: { 'content-type': 'application/x-amz-json-1.1', 'cache-control': 'no-store' },
    body: JSON.stringify({ __type: type, message }),
  };
}

/** GetTokensFromRefreshToken → InitiateAuth(REFRESH_TOKEN_AUTH); both answer with AuthenticationResult. */
function translate(action: string, body: string): { action: string; body: string } {
  if (action !== 'GetTokensFromRefreshToken') return { action, body };
  const input = JSON.parse(body) as { ClientId?: string; RefreshToken?: string; ClientMetadata?: unknown };
  return {
    action: 'InitiateAuth',
    body: JSON.stringify({
      AuthFlow: 'REFRESH_TOKEN_AUTH',
      ClientId: input.ClientId,
      AuthParameters: { REFRESH_TOKEN: input.RefreshToken },
      ...(input.ClientMetadata ? { ClientMetadata: input.ClientMetadata } : {}),
    }),
  };
}

export function createLocalCognitoProxy(endpoint: string) {
  return async (request: HttpRequest): Promise<HttpResponse> => {
    if (request.method !== 'POST') return json(405, { error: 'method_not_allowed', message: 'Use POST.' });
    const target = request.headers['x-amz-target'] ?? '';
    const action = target.startsWith(PREFIX) ? target.slice(PREFIX.length) : '';
    if (!CLIENT_ACTIONS.has(action)) {
      return cognitoError(400, 'NotAuthorizedException', 'This action is not available to the widget.');
    }
    let forward: { action: string; body: string };
    try {
      forward = translate(action, request.body ?? '');
    } catch {
      return cognitoError(400, 'InvalidParameterException', 'The body is not valid JSON.');
    }
    const response = await fetch(`${endpoint}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `${PREFIX}${forward.action}` },
      body: forward.body,
    });
    return {
      status: response.status,
      headers: { 'content-type': 'application/x-amz-json-1.1', 'cache-control': 'no-store' },
      body: await response.text(),
    };
  };
}
