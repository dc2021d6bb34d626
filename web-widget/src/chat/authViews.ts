/**
 * The sign-in, sign-up, confirmation-code and MFA screens, drawn inside the panel in place of the
 * conversation. Each screen is one labelled form; errors are announced (role=alert) and focus moves
 * to the first field whenever the screen changes, so all of it works by keyboard and screen reader.
 */
import { type Auth, authErrorMessage, type Step } from './auth.js';
import { field, h } from './dom.js';

export interface AuthFlowDeps {
  auth: Auth;
  container: HTMLElement;
  /** Signed in: back to the conversation. */
  done: () => void;
  /** "Back to chat" without signing in. */
  cancel: () => void;
}

type Screen = 'sign-in' | 'sign-up';

const MFA_LABEL: Record<string, string> = { TOTP: 'Authenticator app', SMS: 'Text message', EMAIL: 'Email' };

export function showAuth(deps: AuthFlowDeps, screen: Screen): void {
  const { auth, container } = deps;

  function form(
    title: string,
    intro: string | HTMLElement | null,
    fields: ReturnType<typeof field>[],
    submitLabel: string | null,
    submit: (values: string[]) => Promise<Step>,
    extras: HTMLElement[] = [],
    screen: 'sign-in' | 'other' = 'other',
  ): void {
    const error = h('p', { class: 'form-error', attrs: { role: 'alert' } });
    const button = submitLabel
      ? h('button', { class: 'primary', text: submitLabel, attrs: { type: 'submit' } })
      : null;
    const el = h(
      'form',
      { class: 'auth-form', attrs: { novalidate: true, 'aria-label': title } },
      h('h3', { text: title, attrs: { tabindex: '-1' } }),
      typeof intro === 'string' ? h('p', { class: 'intro', text: intro }) : intro,
      ...fields.map((f) => f.wrapper),
      error,
      button,
      ...extras,
      h('button', {
        class: 'link',
        text: 'Back to chat',
        attrs: { type: 'button' },
        on: { click: deps.cancel },
      }),
    );
    el.addEventListener('submit', (event) => {
      event.preventDefault();
      const values = fields.map((f) => f.input.value.trim());
      const missing = fields.find((f) => !f.input.value.trim());
      if (missing) {
        error.textContent = 'Please fill in every field.';
        missing.input.setAttribute('aria-invalid', 'true');
        missing.input.focus();
        return;
      }
      error.textContent = '';
      if (button) button.disabled = true;
      el.setAttribute('aria-busy', 'true');
      submit(values)
        .then(next)
        .catch((e: unknown) => {
          error.textContent = authErrorMessage(e, screen);
          fields[0]?.input.focus();
        })
        .finally(() => {
          if (button) button.disabled = false;
          el.removeAttribute('aria-busy');
        });
    });
    container.replaceChildren(el);
    const first = fields[0]?.input ?? el.querySelector('h3');
    first?.focus();
  }

  const email = () => field('Email', { type: 'email', name: 'email', autocomplete: 'username' });
  const code = (hint?: string) =>
    field('Code', {
      type: 'text',
      name: 'code',
      autocomplete: 'one-time-code',
      inputmode: 'numeric',
      ...(hint ? { hint } : {}),
    });
  const link = (text: string, onClick: () => void) =>
    h('button', { class: 'link', text, attrs: { type: 'button' }, on: { click: onClick } });

  function signIn(): void {
    form(
      'Sign in',
      'Sign in to register as a donor and book or change your donations.',
      [email(), field('Password', { type: 'password', name: 'password', autocomplete: 'current-password' })],
      'Sign in',
      ([user, password]) => auth.signIn(user!, password!),
      [link('Create an account', signUp)],
      'sign-in',
    );
  }

  function signUp(): void {
    form(
      'Create an account',
      null,
      [
        email(),
        field('Password', {
          type: 'password',
          name: 'password',
          autocomplete: 'new-password',
          hint: 'At least 12 characters, with upper and lower case letters, a number and a symbol.',
        }),
      ],
      'Create account',
      ([user, password]) => auth.signUp(user!, password!),
      [link('I have an account: sign in', signIn)],
    );
  }

  function next(step: Step): void {
    switch (step.kind) {
      case 'done':
        deps.done();
        break;
      case 'confirm-sign-up': {
        const resend = link('Send a new code', () => {
          auth.resendCode().catch(() => undefined);
        });
        form(
          'Check your email',
          `We sent a code to ${step.destination ?? auth.pendingEmail ?? 'your email'}. Enter it to confirm your account.`,
          [code()],
          'Confirm',
          ([value]) => auth.confirmSignUp(value!),
          [resend],
        );
        break;
      }
      case 'mfa-code': {
        const where =
          step.method === 'totp'
            ? 'Enter the 6-digit code from your authenticator app.'
            : `Enter the code we sent ${step.method === 'sms' ? 'by text message' : 'by email'}${step.destination ? ` to ${step.destination}` : ''}.`;
        form('Enter your code', where, [code()], 'Verify', ([value]) => auth.answer(value!));
        break;
      }
      case 'mfa-select': {
        const choices = step.options.map((option) =>
          h('button', {
            class: 'choice',
            text: MFA_LABEL[option] ?? option,
            attrs: { type: 'button' },
            on: { click: () => auth.answer(option).then(next, (e: unknown) => fail(authErrorMessage(e))) },
          }),
        );
        form(
          'How should we check it is you?',
          'Choose where to get your sign-in code.',
          [],
          null,
          async () => step,
          [h('div', { class: 'choices' }, ...choices)],
        );
        break;
      }
      case 'totp-setup': {
        // Grouped in fours so it can be typed into an app by hand; the link opens the app on phones.
        const intro = h(
          'div',
          { class: 'intro' },
          h('p', {
            text: 'Your account needs an authenticator app. Add this key to it, then enter the code it shows:',
          }),
          h('p', { class: 'secret', text: step.secret.replace(/(.{4})/g, '$1 ').trim() }),
          step.uri.startsWith('otpauth://')
            ? h('a', { text: 'Open in my authenticator app', attrs: { href: step.uri } })
            : null,
        );
        form('Set up your authenticator app', intro, [code()], 'Verify', ([value]) => auth.answer(value!));
        break;
      }
      case 'new-password':
        form(
          'Choose a new password',
          'Your account needs a new password before you continue.',
          [field('New password', { type: 'password', name: 'password', autocomplete: 'new-password' })],
          'Save password',
          ([value]) => auth.answer(value!),
        );
        break;
      case 'unsupported':
        fail('This sign-in step is not supported here. Please contact the blood service.');
        break;
    }
  }

  function fail(message: string): void {
    const alert = container.querySelector('.form-error');
    if (alert) alert.textContent = message;
  }

  if (screen === 'sign-up') signUp();
  else signIn();
}
