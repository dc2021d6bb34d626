/**
 * Secrets Manager secrets. Functions receive `<NAME>_SECRET_ARN` and read the value at cold start
 * through `resolveSecret` (fulfillment/secrets.ts), so no secret value is in a template or in a
 * function's configuration. The environment variable each one backs is part of the contract.
 */
import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';

export interface SecretsProps {
  dataKey: kms.IKey;
}

export class Secrets extends Construct {
  /** PRINCIPAL_SIGNING_KEY: HMAC key adapters sign principals with and fulfillment verifies. */
  readonly principalSigningKey: secretsmanager.Secret;
  /** PHONE_HASH_KEY: pepper of the hashed phone numbers in the table's lookup keys. */
  readonly phoneHashKey: secretsmanager.Secret;
  /** SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN: set by an operator after creating the Slack app. */
  readonly slackSigningSecret: secretsmanager.Secret;
  readonly slackBotToken: secretsmanager.Secret;
  /** LAB_SERVICE_CREDENTIAL: what the lab system sends in `x-lab-key` to POST /api/lab-results. */
  readonly labServiceCredential: secretsmanager.Secret;

  constructor(scope: Construct, id: string, props: SecretsProps) {
    super(scope, id);
    const generated = (name: string, description: string) =>
      new secretsmanager.Secret(this, name, {
        description,
        encryptionKey: props.dataKey,
        // 64 alphanumerics ≈ 380 bits; punctuation excluded so the value survives shells and env files.
        generateSecretString: { passwordLength: 64, excludePunctuation: true, includeSpace: false },
        // Losing the phone-hash key orphans every phone lookup; losing either strands live sessions.
        removalPolicy: RemovalPolicy.RETAIN,
      });

    this.principalSigningKey = generated(
      'PrincipalSigningKey',
      'HMAC key for signed principals (adapters → fulfillment)',
    );
    Validations.of(this.principalSigningKey).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'Functions cache the key per container and principals are verified with one key, so an automatic ' +
        'rotation would reject every in-flight turn until all containers recycle. Rotated by the manual ' +
        'runbook in README "Deploy to AWS" (put-secret-value, then redeploy the stateless stack).',
    });

    this.phoneHashKey = generated('PhoneHashKey', 'Pepper for hashed phone numbers in DynamoDB lookup keys');
    Validations.of(this.phoneHashKey).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'The value is baked into stored PHONE#<hash> keys; rotating it would silently unlink every donor ' +
        'from their phone (SMS replies stop resolving). Rotation needs a re-keying migration, not a schedule.',
    });

    const slack = (name: string, description: string) => {
      const secret = new secretsmanager.Secret(this, name, {
        description,
        encryptionKey: props.dataKey,
        // A random placeholder until the operator stores the real value (README); the Slack door
        // then rejects every request, since no Slack signature matches it.
        generateSecretString: { passwordLength: 32, excludePunctuation: true },
        removalPolicy: RemovalPolicy.DESTROY,
      });
      Validations.of(secret).acknowledge({
        id: 'AwsSolutions-SMG4',
        reason:
          'Issued by Slack, not by us: it is rotated in the Slack app settings and then stored here; ' +
          'Secrets Manager cannot call Slack to rotate it.',
      });
      return secret;
    };
    this.labServiceCredential = generated(
      'LabServiceCredential',
      'Service credential of the lab system for POST /api/lab-results (LAB_SERVICE_CREDENTIAL)',
    );
    Validations.of(this.labServiceCredential).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'The lab system holds a copy: an automatic rotation would lock the lab out until its operator ' +
        'copies the new value. Rotated by the manual runbook in README "Deploy to AWS" (put-secret-value, ' +
        'then the lab updates its key; the function reads it through Parameters within five minutes).',
    });

    this.slackSigningSecret = slack('SlackSigningSecret', 'Slack app signing secret (SLACK_SIGNING_SECRET)');
    this.slackBotToken = slack('SlackBotToken', 'Slack bot token xoxb-… (SLACK_BOT_TOKEN)');
  }
}
