/**
 * Deployment settings, read once from CDK context (cdk.json, or `-c key=value`) and validated, so a
 * typo fails synth instead of a cold start. Nothing here is secret: secrets live in Secrets Manager.
 */
import type { Node } from 'constructs';
import * as z from 'zod';

const origins = z
  .string()
  .default('')
  .transform((v) =>
    v
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.string().regex(/^https:\/\/[^/\s]+$/, 'an https origin without a path')));

const schema = z.object({
  /** ELIGIBILITY_POLICY of fulfillment: which national donor-selection rules apply. */
  eligibilityPolicy: z.enum(['US', 'UK']).default('US'),
  /** TIME_ZONE: the service's IANA zone ("today", opening hours, the nightly sweep). */
  timeZone: z.string().min(1).default('UTC'),
  /** DEFAULT_SITE: the donation site used when a donor does not name one. */
  defaultSite: z.string().min(1).default('central'),
  /** Sites that embed the widget (comma-separated https origins); the widget's own domain is added. */
  allowedOrigins: origins,
  /** E.164 number SMS are sent from (End User Messaging origination number), once you have one. */
  smsOriginationNumber: z
    .string()
    .regex(/^\+[1-9]\d{6,14}$/)
    .optional(),
  /** Slack channel (ID) where staff see shortage alerts start, escalate and recover. */
  slackAlertsChannel: z.string().min(1).optional(),
  /** Slack channel (ID) the daily stock report summary is posted to; unset, it is only stored. */
  slackStaffChannel: z
    .string()
    .regex(/^[CG][A-Z0-9]{2,}$/, 'a Slack channel id')
    .optional(),
  /** Custom domain for the widget, with an ACM certificate ARN in us-east-1 (both or neither). */
  widgetDomainName: z.string().min(1).optional(),
  widgetCertificateArn: z.string().startsWith('arn:').optional(),
});

export type DeploymentConfig = z.infer<typeof schema>;

export function loadDeploymentConfig(node: Node): DeploymentConfig {
  const raw = Object.fromEntries(Object.keys(schema.shape).map((key) => [key, node.tryGetContext(key)]));
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid CDK context: ${problems}`);
  }
  if (Boolean(parsed.data.widgetDomainName) !== Boolean(parsed.data.widgetCertificateArn)) {
    throw new Error('Invalid CDK context: set widgetDomainName and widgetCertificateArn together');
  }
  return parsed.data;
}
