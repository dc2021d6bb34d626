/**
 * Sign-in for the widget with Amplify Auth v6 against the Cognito user pool (the local one in the
 * embedded default). Only `aws-amplify/auth` and `Amplify.configure` are imported, which keeps the
 * bundle small. Amplify keeps the tokens and refreshes the ID token when it expires; the chat asks
 * for a fresh one before every turn with `idToken()`.
 *
 * Each step of a sign-in or sign-up comes back as a small `Step` value the views can draw, so
 * Amplify's step names stay in this file.
 */
import { Amplify } from 'aws-amplify';
import {
  confirmSignIn,
  confirmSignUp,
  fetchAuthSession,
  resendSignUpCode,
  type SignInOutput,
  signIn,
  signOut,
  signUp,
} from 'aws-amplify/auth';
import type { AuthSettings } from './config.js';

export interface SignedIn {
  sub: string;
  email: string;
}

export type Step =
  | { kind: 'done' }
  | { kind: 'mfa-code'; method: 'totp' | 'sms' | 'email'; destination?: string }
  | { kind: 'mfa-select'; options: string[] }
  | { kind: 'totp-setup'; secret: string; uri: string }
  | { kind: 'new-password' }
  | { kind: 'confirm-sign-up'; destination?: string }
  | { kind: 'unsupported'; name: string };

export class Auth {
  private pending: { email: string; password: string } | undefined;

  constructor(private readonly settings: AuthSettings) {
    Amplify.configure({
      Auth: {
        Cognito: {
          userPoolId: settings.userPoolId,
          userPoolClientId: settings.userPoolClientId,
          ...(settings.userPoolEndpoint ? { userPoolEndpoint: settings.userPoolEndpoint } : {}),
          loginWith: { email: true },
          signUpVerificationMethod: 'code',
        },
      },
    });
  }

  /** Who is signed in, from the (refreshed if needed) ID token; null when nobody is. */
  async current(): Promise<SignedIn | null> {
    try {
      const session = await fetchAuthSession();
      const payload = session.tokens?.idToken?.payload;
      if (!payload || typeof payload.sub !== 'string') return null;
      return { sub: payload.sub, email: typeof payload.email === 'string' ? payload.email : '' };
    } catch {
      return null;
    }
  }

  /** The ID token for POST /api/chat; Amplify refreshes it when it has expired (or when forced). */
  async idToken(forceRefresh = false): Promise<string | undefined> {
    try {
      const session = await fetchAuthSession({ forceRefresh });
      return session.tokens?.idToken?.toString();
    } catch {
      return undefined;
    }
  }

  async signIn(email: string, password: string): Promise<Step> {
    this.pending = { email, password };
    const out = await signIn({
      username: email,
      password,
      // The local Cognito has no SRP; a real pool may use either (see README, "The chat widget").
      options: { authFlowType: this.settings.authFlow },
    });
    return this.step(out);
  }

  /** Answers the current challenge: an MFA code, an MFA choice, a new password. */
  async answer(response: string): Promise<Step> {
    return this.step(await confirmSignIn({ challengeResponse: response }));
  }

  async signUp(email: string, password: string): Promise<Step> {
    this.pending = { email, password };
    const out = await signUp({ username: email, password, options: { userAttributes: { email } } });
    if (out.nextStep.signUpStep === 'CONFIRM_SIGN_UP') {
      const destination = out.nextStep.codeDeliveryDetails?.destination;
      return { kind: 'confirm-sign-up', ...(destination ? { destination } : {}) };
    }
    return this.signIn(email, password);
  }

  /** Confirms the e-mailed sign-up code, then signs in with the password just chosen. */
  async confirmSignUp(code: string): Promise<Step> {
    const pending = this.pending;
    if (!pending) return { kind: 'unsupported', name: 'NO_PENDING_SIGN_UP' };
    await confirmSignUp({ username: pending.email, confirmationCode: code });
    return this.signIn(pending.email, pending.password);
  }

  async resendCode(): Promise<void> {
    if (this.pending) await resendSignUpCode({ username: this.pending.email });
  }

  get pendingEmail(): string | undefined {
    return this.pending?.email;
  }

  async signOut(): Promise<void> {
    this.pending = undefined;
    await signOut();
  }

  private step(out: SignInOutput): Step {
    const next = out.nextStep;
    if (next.signInStep === 'DONE') {
      // The password is only needed until the sign-in completes; don't keep it around.
      this.pending = undefined;
      return { kind: 'done' };
    }
    switch (next.signInStep) {
      case 'CONFIRM_SIGN_IN_WITH_TOTP_CODE':
        return { kind: 'mfa-code', method: 'totp' };
      case 'CONFIRM_SIGN_IN_WITH_SMS_CODE':
      case 'CONFIRM_SIGN_IN_WITH_EMAIL_CODE': {
        const destination = next.codeDeliveryDetails?.destination;
        const method = next.signInStep === 'CONFIRM_SIGN_IN_WITH_SMS_CODE' ? 'sms' : 'email';
        return { kind: 'mfa-code', method, ...(destination ? { destination } : {}) };
      }
      case 'CONTINUE_SIGN_IN_WITH_MFA_SELECTION':
      case 'CONTINUE_SIGN_IN_WITH_MFA_SETUP_SELECTION':
        return { kind: 'mfa-select', options: [...(next.allowedMFATypes ?? [])] };
      case 'CONTINUE_SIGN_IN_WITH_TOTP_SETUP': {
        const details = next.totpSetupDetails;
        const uri = details.getSetupUri('City Blood Service', this.pending?.email).toString();
        return { kind: 'totp-setup', secret: details.sharedSecret, uri };
      }
      case 'CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED':
        return { kind: 'new-password' };
      case 'CONFIRM_SIGN_UP':
        return { kind: 'confirm-sign-up' };
      default:
        return { kind: 'unsupported', name: next.signInStep };
    }
  }
}

/** A message for a person from whatever Amplify or Cognito threw, on the screen it happened on. */
export function authErrorMessage(error: unknown, screen: 'sign-in' | 'other' = 'other'): string {
  const name = error instanceof Error ? error.name : '';
  // Some Cognito implementations answer a wrong password at sign-in with InvalidPasswordException.
  if (screen === 'sign-in' && name === 'InvalidPasswordException') return 'Wrong email or password.';
  switch (name) {
    case 'NotAuthorizedException':
    case 'UserNotFoundException':
      return 'Wrong email or password.';
    case 'UsernameExistsException':
      return 'An account with this email already exists. Sign in instead.';
    case 'CodeMismatchException':
      return 'That code is not right. Check it and try again.';
    case 'ExpiredCodeException':
      return 'That code has expired. Ask for a new one.';
    case 'InvalidPasswordException':
      return 'Choose a stronger password: at least 12 characters with upper and lower case letters, a number and a symbol.';
    case 'LimitExceededException':
    case 'TooManyRequestsException':
      return 'Too many attempts. Please wait a few minutes and try again.';
    case 'UserNotConfirmedException':
      return 'Please confirm your email first: enter the code we sent you.';
    case 'NetworkError':
      return "We couldn't reach the sign-in service. Check your connection and try again.";
    default:
      return error instanceof Error && error.message ? error.message : 'Sign-in failed. Please try again.';
  }
}
