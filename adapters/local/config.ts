/**
 * Configuration of the embedded default (`npm start`): read once from the environment, validated,
 * failing fast. Secrets for local use are generated on first start and kept under DATA_DIR, so no
 * key is ever committed or shared between machines.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as z from 'zod';

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  DATA_DIR: z.string().default('.data'),
  TABLE_NAME: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{3,255}$/)
    .default('bloodbank'),
  DEMO_PASSWORD: z.string().min(8).default('Donate-Blood-2026!'),
  ELIGIBILITY_POLICY: z.enum(['US', 'UK']).default('US'),
  TIME_ZONE: z.string().default('UTC'),
  SLACK_SIGNING_SECRET: z.string().optional(),
  SLACK_BOT_TOKEN: z.string().optional(),
  /** Slack Web API base URL (tests and offline demos point it at a local stub). */
  SLACK_API_URL: z.url().optional(),
  SLACK_BOT_USER_ID: z.string().optional(),
  /** Chat messages per principal per minute on /api/chat. */
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(30),
  /** Inbound SMS per originating number per minute on /api/sms/inbound. */
  SMS_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(20),
  /** Origins allowed to embed the widget and call /api/chat (comma-separated). */
  ALLOWED_ORIGINS: z.string().optional(),
  /** The lab system's credential for POST /api/lab-results (`x-lab-key`); staff tokens work without it. */
  LAB_SERVICE_CREDENTIAL: z.string().min(32).optional(),
});

export interface LocalConfig {
  port: number;
  host: string;
  dataDir: string;
  demoPassword: string;
  policy: 'US' | 'UK';
  timeZone: string;
  tableName: string;
  principalSigningKey: string;
  phoneHashKey: string;
  slack: { signingSecret: string; botToken: string; apiUrl?: string; botUserId?: string } | null;
  allowedOrigins: string[];
  /** Chat messages per principal per minute; 30 when absent. */
  rateLimitPerMinute?: number;
  /** Inbound SMS per originating number per minute; 20 when absent. */
  smsRateLimitPerMinute?: number;
  /** The lab system's credential (LAB_SERVICE_CREDENTIAL); absent, only staff tokens post lab results. */
  labCredential?: string;
}

interface LocalSecrets {
  principalSigningKey: string;
  phoneHashKey: string;
}

function loadSecrets(dataDir: string): LocalSecrets {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'local-secrets.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as LocalSecrets;
  const secrets = {
    principalSigningKey: randomBytes(32).toString('base64url'),
    phoneHashKey: randomBytes(32).toString('base64url'),
  };
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

export function loadLocalConfig(env: NodeJS.ProcessEnv = process.env): LocalConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new Error(
      `Invalid configuration: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  const e = parsed.data;
  const dataDir = resolve(e.DATA_DIR);
  const secrets = loadSecrets(dataDir);
  const port = e.PORT;
  return {
    port,
    host: e.HOST,
    dataDir,
    demoPassword: e.DEMO_PASSWORD,
    policy: e.ELIGIBILITY_POLICY,
    timeZone: e.TIME_ZONE,
    tableName: e.TABLE_NAME,
    ...secrets,
    slack:
      e.SLACK_SIGNING_SECRET && e.SLACK_BOT_TOKEN
        ? {
            signingSecret: e.SLACK_SIGNING_SECRET,
            botToken: e.SLACK_BOT_TOKEN,
            ...(e.SLACK_API_URL ? { apiUrl: e.SLACK_API_URL } : {}),
            ...(e.SLACK_BOT_USER_ID ? { botUserId: e.SLACK_BOT_USER_ID } : {}),
          }
        : null,
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    smsRateLimitPerMinute: e.SMS_RATE_LIMIT_PER_MINUTE,
    ...(e.LAB_SERVICE_CREDENTIAL ? { labCredential: e.LAB_SERVICE_CREDENTIAL } : {}),
    allowedOrigins: (e.ALLOWED_ORIGINS ?? `http://localhost:${port},http://127.0.0.1:${port}`)
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
  };
}
