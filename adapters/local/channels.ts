/**
 * The channels of the embedded default, wired onto the local server: identity (the local Cognito,
 * its demo users and /api/dev/login), the chat API with CORS and rate limit, Slack through Bolt's
 * HTTPReceiver, inbound SMS, and the outbox. The same handlers the Lambdas run; only the transports
 * and the stand-ins (outbox for SNS, in-process Slack work for the SNS hop) differ.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { BotRuntime } from '../../bots/runtime/port.js';
import type { Principal } from '../../fulfillment/auth/principal.js';
import { policyFor } from '../../fulfillment/domain/policy.js';
import { createPhoneHasher } from '../../fulfillment/privacy.js';
import { DynamoAlertStore } from '../../fulfillment/store/dynamo/alerts.js';
import { DynamoIdentity } from '../../fulfillment/store/dynamo/identity.js';
import type { DynamoStore } from '../../fulfillment/store/dynamo/index.js';
import { DynamoSlackAnswers } from '../../fulfillment/store/dynamo/slackAnswers.js';
import { alertContexts } from '../alerts/smsContext.js';
import { LocalAccountDirectory } from '../identity/accounts.js';
import { type DemoPool, ensureDemoPool, passwordLogin } from '../identity/demoUsers.js';
import { createDevLogin } from '../identity/devLogin.js';
import { type LocalCognito, startLocalCognito } from '../identity/localCognito.js';
import { createIdTokenVerifier } from '../identity/verifier.js';
import { createWebIdentify } from '../identity/webIdentity.js';
import { type Identify, IdentityError, json } from '../shared/http.js';
import { MemoryRateLimiter } from '../shared/rateLimit.js';
import {
  createLocalSlack,
  type LocalSlack,
  SLACK_BODY_LIMIT_BYTES,
  SLACK_EVENTS_PATH,
} from '../slack/local.js';
import { createSmsInboundRoute } from '../sms/http.js';
import { OutboxSmsSender } from '../sms/sender.js';
import { createChatApi } from '../web/api.js';
import type { LocalConfig } from './config.js';
import { type EngineLockFile, Supervisor } from './engines.js';
import { Outbox } from './outbox.js';
import type { LocalServer, RouteHandler } from './server.js';

export interface LocalIdentity {
  cognito: LocalCognito;
  pool: DemoPool;
  /** Restarts the local Cognito when it dies (same port, same admin secret). */
  supervisor: Supervisor<LocalCognito>;
}

/** The local Cognito with the demo pool; its data lives under DATA_DIR/cognito. */
export async function startLocalIdentity(
  config: LocalConfig,
  options: { lock?: EngineLockFile; logger: Logger },
): Promise<LocalIdentity> {
  const dataDir = join(config.dataDir, 'cognito');
  const adminSecret = randomBytes(32).toString('base64url');
  const cognito = await startLocalCognito({ dataDir, adminSecret });
  const port = Number(new URL(cognito.endpoint).port);
  const record = (engine: LocalCognito) => options.lock?.record('cognito', { pid: engine.pid, port });
  record(cognito);
  const supervisor = new Supervisor(
    'cognito',
    cognito,
    () => startLocalCognito({ dataDir, port, adminSecret }),
    {
      logger: options.logger,
      onStart: record,
    },
  );
  try {
    return { cognito, pool: await ensureDemoPool(cognito, config.demoPassword), supervisor };
  } catch (error) {
    await supervisor.stop();
    throw error;
  }
}

export interface ChannelContext {
  config: LocalConfig;
  store: DynamoStore;
  runtime: BotRuntime;
  now: () => Date;
  logger: Logger;
  /** Injected by tests; otherwise Cognito ID tokens verified against the local pool. */
  identify?: Identify;
  identity: LocalIdentity | null;
  /** `/blood report` in Slack (issue 8: adapters/documents/local.ts). */
  stockReport?: (principal: Principal) => Promise<string>;
}

export interface MountedChannels {
  identityStore: DynamoIdentity;
  outbox: Outbox;
  slack: LocalSlack | null;
  /** Origins allowed to call /api/chat; the server's own origin is added once it listens. */
  allowedOrigins: string[];
  /** Who is calling, from a bearer ID token: the other signed-in routes (documents, reports) reuse it. */
  identify: Identify;
}

/** Slack's event ids and retried deliveries are remembered for a day. */
const SLACK_EVENT_TTL_SECONDS = 24 * 60 * 60;

export function mountChannels(server: LocalServer, ctx: ChannelContext): MountedChannels {
  const { config, store, runtime, now, logger } = ctx;
  const identityStore = new DynamoIdentity(store.options, store.client);
  const outbox = new Outbox(now);
  const allowedOrigins = [...config.allowedOrigins];
  const pool = ctx.identity?.pool;

  const identify: Identify =
    ctx.identify ??
    (pool
      ? createWebIdentify({
          verifier: createIdTokenVerifier({
            issuer: pool.issuer,
            audience: pool.clientId,
            jwksUri: pool.jwksUri,
            jwks: pool.jwks,
          }),
          donorIdBySub: (sub) => store.donorIdBySub(sub),
        })
      : async () => {
          throw new Error('No identity configured');
        });

  const chat = createChatApi(
    {
      runtime,
      identify,
      signingKey: config.principalSigningKey,
      now,
      newSessionId: () => randomUUID().replace(/-/g, ''),
    },
    {
      allowedOrigins,
      limiter: new MemoryRateLimiter({ limit: config.rateLimitPerMinute ?? 30, windowSeconds: 60 }, now),
      logger,
    },
  );
  server.route('*', '/api/chat', (request) => chat(request));

  if (ctx.identity) {
    const { cognito } = ctx.identity;
    const clientId = ctx.identity.pool.clientId;
    server.route(
      '*',
      '/api/dev/login',
      createDevLogin((u, p) => passwordLogin(cognito.client, clientId, u, p)),
    );
  }

  // The outbox shows phone numbers and messages: staff and admins only.
  server.route(
    'GET',
    '/api/dev/outbox',
    staffOnly(identify, async () => json(200, outbox.list())),
  );

  const sms = createSmsInboundRoute(
    {
      identity: identityStore,
      donorIdByPhone: (phone) => store.donorIdByPhone(phone),
      hashPhone: createPhoneHasher(config.phoneHashKey),
      runtime,
      signingKey: config.principalSigningKey,
      now,
      sender: new OutboxSmsSender(outbox),
      logger,
      activeContexts: alertContexts(new DynamoAlertStore(store.options, store.client), now),
    },
    {
      limiter: new MemoryRateLimiter({ limit: config.smsRateLimitPerMinute ?? 20, windowSeconds: 60 }, now),
    },
  );
  server.route('POST', '/api/sms/inbound', sms);

  let slack: LocalSlack | null = null;
  if (config.slack) {
    slack = createLocalSlack({
      signingSecret: config.slack.signingSecret,
      botToken: config.slack.botToken,
      ...(config.slack.botUserId ? { botUserId: config.slack.botUserId } : {}),
      ...(config.slack.apiUrl ? { slackApiUrl: config.slack.apiUrl } : {}),
      claimDelivery: (key) => identityStore.claimOnce(`slack:${key}`, SLACK_EVENT_TTL_SECONDS),
      turn: {
        links: identityStore,
        // Links are checked against the local Cognito's accounts; without it (tests that inject
        // `identify`) no link can be made from Slack.
        accounts: ctx.identity
          ? new LocalAccountDirectory(ctx.identity.cognito.client, ctx.identity.pool.userPoolId)
          : null,
        runtime,
        signingKey: config.principalSigningKey,
        now,
        logger,
        ...(ctx.stockReport ? { stockReport: ctx.stockReport } : {}),
        answers: new DynamoSlackAnswers(store.options, store.client),
        thresholds: {
          store: new DynamoAlertStore(store.options, store.client),
          policy: policyFor(config.policy),
        },
      },
      record: (entry) => outbox.add(entry),
      logger,
    });
    server.rawRoute(SLACK_EVENTS_PATH, slack.requestListener, { maxBytes: SLACK_BODY_LIMIT_BYTES });
    // A response_url for local trials (npm run slack:sign): answers also land in the outbox. Open,
    // like Slack's own response_url: it takes an answer and shows nothing back.
    server.route('POST', '/api/dev/slack/response', async () => json(200, { ok: true }));
  } else {
    logger.info('slack door closed: set SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN to open /slack/events');
  }
  return { identityStore, outbox, slack, allowedOrigins, identify };
}

/**
 * A development door for staff: a staff or admin ID token, or 401 (no or bad token) / 403 (a donor).
 * `/api/dev/login` and the widget's Cognito door stay open: they are how one signs in.
 */
export function staffOnly(identify: Identify, handler: RouteHandler): RouteHandler {
  return async (request, raw) => {
    let principal: Principal;
    try {
      principal = await identify(request.headers.authorization);
    } catch (error) {
      if (error instanceof IdentityError) return json(401, { error: 'unauthorized', message: error.message });
      throw error;
    }
    if (principal.role === 'anonymous') {
      return json(401, {
        error: 'unauthorized',
        message: 'Sign in as staff: send "Authorization: Bearer <ID token>".',
      });
    }
    if (principal.role !== 'staff' && principal.role !== 'admin') {
      return json(403, { error: 'forbidden', message: 'Only staff can see this.' });
    }
    return handler(request, raw);
  };
}
