/**
 * Account screens in Chromium against the local Cognito: sign-up with the email confirmation code,
 * a wrong password, and the MFA code step (a user with an authenticator app), all through the
 * widget's own forms with Amplify Auth doing the Cognito calls.
 */
import { describe, expect, it } from 'vitest';
import { ensureUser } from '../../adapters/identity/demoUsers.js';
import type { EmbeddedApp } from '../../adapters/local/app.js';
import { DEMO_PASSWORD, signUpCode, useBrowserApp } from './support/app.js';
import type { Browser } from './support/browser.js';
import { totp } from './support/totp.js';
import { widget } from './support/widget.js';

let app: EmbeddedApp;
let browser: Browser;

useBrowserApp((a, b) => {
  app = a;
  browser = b;
});

/** A new tab with no one signed in, the widget open. */
async function freshPage() {
  const page = await browser.freshPage(app.url);
  const w = widget(page);
  await w.open();
  return { page, w };
}

/** A user whose sign-in asks for an authenticator app code; returns the app's secret. */
async function userWithTotp(email: string): Promise<string> {
  // Admin actions go through the server's own client: the engine refuses them from anyone else.
  const cognito = app.cognito!.admin;
  // As on AWS, where the pool's MFA is optional (the local demo pool starts with it off).
  await cognito.call('SetUserPoolMfaConfig', {
    UserPoolId: app.cognito!.userPoolId,
    MfaConfiguration: 'OPTIONAL',
    SoftwareTokenMfaConfiguration: { Enabled: true },
  });
  await ensureUser(cognito, app.cognito!.userPoolId, email, DEMO_PASSWORD, ['donor']);
  const auth = await cognito.call<{ AuthenticationResult: { AccessToken: string } }>('InitiateAuth', {
    AuthFlow: 'USER_PASSWORD_AUTH',
    ClientId: app.cognito!.clientId,
    AuthParameters: { USERNAME: email, PASSWORD: DEMO_PASSWORD },
  });
  const AccessToken = auth.AuthenticationResult.AccessToken;
  const { SecretCode } = await cognito.call<{ SecretCode: string }>('AssociateSoftwareToken', {
    AccessToken,
  });
  await cognito.call('VerifySoftwareToken', { AccessToken, UserCode: totp(SecretCode) });
  await cognito.call('SetUserMFAPreference', {
    AccessToken,
    SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
  });
  return SecretCode;
}

describe('accounts in the widget', () => {
  it('signs up with the emailed confirmation code and lands signed in as a donor', async () => {
    // Prepare
    const { page, w } = await freshPage();
    const email = 'new.donor@example.org';

    // Act: create the account
    await w.button('Sign in').click();
    await w.panel.getByRole('button', { name: 'Create an account' }).click();
    const signUp = w.panel.getByRole('form', { name: 'Create an account' });
    await signUp.getByLabel('Email').fill(email);
    await signUp.getByLabel('Password').fill(DEMO_PASSWORD);
    await signUp.getByRole('button', { name: 'Create account' }).click();

    // Assess: the code step, with focus on the code field
    const confirm = w.panel.getByRole('form', { name: 'Check your email' });
    await confirm.waitFor();
    await expect(confirm.getByLabel('Code').evaluate((el) => el.matches(':focus'))).resolves.toBe(true);

    // Act: a wrong code, then the right one
    await confirm.getByLabel('Code').fill('000000');
    await confirm.getByRole('button', { name: 'Confirm' }).click();
    await confirm
      .getByRole('alert')
      .filter({ hasText: /code is not right/ })
      .waitFor();
    await confirm.getByLabel('Code').fill(signUpCode(app, email));
    await confirm.getByRole('button', { name: 'Confirm' }).click();

    // Assess: signed in; the bot greets a donor (no donor record yet, so registering is offered)
    await w.panel.getByText(`Signed in as ${email}`, { exact: true }).waitFor();
    await w.botSaid(/not registered as a donor yet/).waitFor();
    await expect(w.choices().filter({ hasText: 'Register as a donor' }).count()).resolves.toBe(1);
    await page.close();
  });

  it('says so when the password is wrong, and keeps the person on the form', async () => {
    // Prepare
    const { page, w } = await freshPage();

    // Act
    await w.button('Sign in').click();
    const form = w.panel.getByRole('form', { name: 'Sign in' });
    await form.getByLabel('Email').fill('donor@example.org');
    await form.getByLabel('Password').fill('not-the-password');
    await form.getByRole('button', { name: 'Sign in' }).click();

    // Assess
    await form.getByRole('alert').filter({ hasText: 'Wrong email or password.' }).waitFor();
    await expect(w.button('Sign out').count()).resolves.toBe(0);
    await page.close();
  });

  it('asks for the authenticator app code when Cognito requires MFA', async () => {
    // Prepare
    const email = 'mfa.donor@example.org';
    const secret = await userWithTotp(email);
    const { page, w } = await freshPage();

    // Act: password first
    await w.button('Sign in').click();
    const form = w.panel.getByRole('form', { name: 'Sign in' });
    await form.getByLabel('Email').fill(email);
    await form.getByLabel('Password').fill(DEMO_PASSWORD);
    await form.getByRole('button', { name: 'Sign in' }).click();

    // Assess: the MFA step
    const mfa = w.panel.getByRole('form', { name: 'Enter your code' });
    await mfa.getByText('Enter the 6-digit code from your authenticator app.').waitFor();

    // Act: the code the app shows
    await mfa.getByLabel('Code').fill(totp(secret));
    await mfa.getByRole('button', { name: 'Verify' }).click();

    // Assess
    await w.panel.getByText(`Signed in as ${email}`, { exact: true }).waitFor();
    await w.botSaid(/not registered as a donor yet/).waitFor();
    await page.close();
  });
});
