/**
 * Cognito ID token verification with aws-jwt-verify, the same code for the real user pool and the
 * local one: signature against the pool's JWKS, issuer, audience (the app client), expiry, and
 * token_use "id" (an access token must not pass as an identity).
 *
 * aws-jwt-verify fetches JWKS over https only; the local Cognito serves plain http, so the embedded
 * default fetches its JWKS once and hands it over with `jwks` (cacheJwks).
 */
import { JwtVerifier } from 'aws-jwt-verify';
import { JwtExpiredError, JwtInvalidAudienceError, JwtInvalidIssuerError } from 'aws-jwt-verify/error';
import type { Jwks } from 'aws-jwt-verify/jwk';

export interface IdTokenVerifierConfig {
  issuer: string;
  /** The app client id(s) whose tokens we accept. */
  audience: string | string[];
  jwksUri: string;
  /** A JWKS already in hand (local Cognito); fetched from jwksUri otherwise. */
  jwks?: Jwks;
}

export interface IdTokenClaims {
  sub: string;
  groups: string[];
}

export type IdTokenProblem = 'expired' | 'wrong_audience' | 'wrong_issuer' | 'invalid';

export class IdTokenError extends Error {
  constructor(
    readonly reason: IdTokenProblem,
    options?: { cause?: unknown },
  ) {
    super(`ID token rejected: ${reason}`, options);
    this.name = 'IdTokenError';
  }
}

export interface IdTokenVerifier {
  verify(token: string): Promise<IdTokenClaims>;
}

export function createIdTokenVerifier(config: IdTokenVerifierConfig): IdTokenVerifier {
  const verifier = JwtVerifier.create({
    issuer: config.issuer,
    audience: config.audience,
    jwksUri: config.jwksUri,
    customJwtCheck: ({ payload }) => {
      if (payload.token_use !== 'id') throw new Error('not an ID token');
    },
  });
  if (config.jwks) verifier.cacheJwks(config.jwks);
  return {
    async verify(token) {
      try {
        const payload = await verifier.verify(token);
        if (typeof payload.sub !== 'string' || !payload.sub) throw new Error('no subject');
        const groups = payload['cognito:groups'];
        return {
          sub: payload.sub,
          groups: Array.isArray(groups) ? groups.filter((g): g is string => typeof g === 'string') : [],
        };
      } catch (error) {
        if (error instanceof JwtExpiredError) throw new IdTokenError('expired', { cause: error });
        if (error instanceof JwtInvalidAudienceError)
          throw new IdTokenError('wrong_audience', { cause: error });
        if (error instanceof JwtInvalidIssuerError) throw new IdTokenError('wrong_issuer', { cause: error });
        throw new IdTokenError('invalid', { cause: error });
      }
    },
  };
}

/** The real user pool's issuer and JWKS address, from its id (`<region>_<suffix>`). */
export function cognitoIssuer(userPoolId: string): { issuer: string; jwksUri: string } {
  const region = userPoolId.split('_')[0];
  const issuer = `https://cognito-idp.${region}.amazonaws.com/${userPoolId}`;
  return { issuer, jwksUri: `${issuer}/.well-known/jwks.json` };
}
