/**
 * Who is speaking on the web channel: the `Authorization: Bearer <Cognito ID token>` header →
 * principal. No header → anonymous. A header that is present but wrong (not Bearer, forged,
 * expired, another app's token) is refused with IdentityError (401), not downgraded to anonymous:
 * a client that believes it is signed in must learn that it is not.
 */
import { anonymous, type Principal } from '../../fulfillment/auth/principal.js';
import { type Identify, IdentityError } from '../shared/http.js';
import { roleFromGroups } from './roles.js';
import { IdTokenError, type IdTokenVerifier } from './verifier.js';

const MESSAGES: Record<IdTokenError['reason'], string> = {
  expired: 'Your sign-in has expired. Please sign in again.',
  wrong_audience: 'This token was not issued for this application.',
  wrong_issuer: 'This token was not issued by our sign-in service.',
  invalid: 'The sign-in token is not valid.',
};

export function createWebIdentify(deps: {
  verifier: IdTokenVerifier;
  donorIdBySub: (sub: string) => Promise<string | null>;
}): Identify {
  return async (authorization) => {
    if (authorization === undefined || authorization.trim() === '') return anonymous('web');
    const match = /^Bearer\s+([A-Za-z0-9_.-]+)$/.exec(authorization.trim());
    if (!match) throw new IdentityError('Send the ID token as "Authorization: Bearer <token>".');
    let claims: Awaited<ReturnType<IdTokenVerifier['verify']>>;
    try {
      claims = await deps.verifier.verify(match[1]!);
    } catch (error) {
      if (error instanceof IdTokenError) throw new IdentityError(MESSAGES[error.reason]);
      throw error;
    }
    const role = roleFromGroups(claims.groups);
    const donorId = await deps.donorIdBySub(claims.sub);
    const principal: Principal = { userId: claims.sub, role, channel: 'web' };
    return donorId ? { ...principal, donorId } : principal;
  };
}
