/**
 * Who may sign in to the widget: a Cognito user pool with the donor/staff/admin groups (the roles
 * fulfillment authorizes by) and the widget's public app client. No identity pool: browsers never
 * call AWS services directly (a browser holding AWS credentials could set any Lex session attribute),
 * they call the web API with an ID token, so there is nothing for identity-pool credentials to do
 * except widen the attack surface.
 */
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';

export const GROUPS = [
  { name: 'admin', precedence: 0, description: 'Changes thresholds, sends alerts, links Slack users' },
  { name: 'staff', precedence: 10, description: 'Blood bank and hospital staff' },
  { name: 'donor', precedence: 20, description: 'Registered blood donors' },
] as const;

export class Identity extends Construct {
  readonly userPool: cognito.UserPool;
  readonly widgetClient: cognito.UserPoolClient;

  constructor(scope: Construct, id: string) {
    super(scope, id);

    this.userPool = new cognito.UserPool(this, 'Users', {
      // Donors sign themselves up from the widget; staff and admins are invited by an admin.
      selfSignUpEnabled: true,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      keepOriginal: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      // MFA is required, not optional: Cognito cannot require it per group, and staff/admin accounts
      // unlock every donor's health data, so "optional" would leave the strongest accounts to choose.
      // TOTP only: SMS codes are open to SIM swap and SMS-pumping fraud, and SMS is already the
      // channel shortage alerts arrive on. Donors enrol an authenticator app at first sign-in
      // (Amplify's CONTINUE_SIGN_IN_WITH_TOTP_SETUP step).
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
        passwordHistorySize: 5,
      },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      featurePlan: cognito.FeaturePlan.ESSENTIALS,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions-COG8',
      reason:
        'Plus tier (threat protection) is billed per monthly active user and donors are the bulk of ' +
        'users; required TOTP MFA and a 12-character policy cover credential stuffing for now. ' +
        'Revisit when donor sign-ins grow (README "Deploy to AWS").',
    });

    for (const group of GROUPS) {
      new cognito.UserPoolGroup(this, `${group.name}Group`, {
        userPool: this.userPool,
        groupName: group.name,
        precedence: group.precedence,
        description: group.description,
      });
    }

    this.widgetClient = this.userPool.addClient('WidgetClient', {
      userPoolClientName: 'web-widget',
      // A browser cannot keep a secret.
      generateSecret: false,
      // SRP for the real sign-in; USER_PASSWORD_AUTH too because Amplify falls back to it where the
      // issuer lacks SRP (cognito-local has none), so one widget build works against both runtimes.
      authFlows: { userSrp: true, userPassword: true },
      disableOAuth: true,
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: Duration.minutes(60),
      accessTokenValidity: Duration.minutes(60),
      refreshTokenValidity: Duration.days(7),
      authSessionValidity: Duration.minutes(5),
    });
  }
}
