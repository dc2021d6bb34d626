/**
 * Shortage alerts in the embedded default: the same use cases and runner as the Lambda, with local
 * stand-ins behind the same ports. Appeals go through the SMS adapter's SnsSmsSender with an SNS
 * client that writes each PublishCommand to the outbox; staff notices land in the outbox as "slack".
 * Detection after a stock change runs in the background (a staff member's request is not held up by
 * an appeal) and is tracked, so `idle()` can wait for it; the schedule runs on unref'd timers.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Policy } from '../../fulfillment/domain/policy.js';
import { DynamoAlertStore } from '../../fulfillment/store/dynamo/alerts.js';
import type { DynamoStore } from '../../fulfillment/store/dynamo/index.js';
import type { StockChangeListener } from '../../fulfillment/usecases/alerts/port.js';
import type { Outbox } from '../local/outbox.js';
import { SnsSmsSender } from '../sms/sender.js';
import { parseAlertSettings } from './config.js';
import { SpacingLimiter } from './limiter.js';
import {
  type AlertJobDeps,
  type AlertRunner,
  type AlertTask,
  createAlertRunner,
  type RunOutcome,
} from './runner.js';
import { OutboxStaffNotifier } from './slack.js';
import { type AlertContexts, alertContexts } from './smsContext.js';
import { appealSender, OutboxSnsClient } from './sns.js';

export interface LocalAlertsOptions {
  store: DynamoStore;
  policy: Policy;
  timeZone: string;
  now: () => Date;
  logger: Logger;
  /** Where sent messages go (the outbox's `add`). */
  record: Outbox['add'];
  env?: NodeJS.ProcessEnv;
}

export interface LocalAlerts {
  store: DynamoAlertStore;
  /** The ports as wired here (for `npm run invoke -- alerts`, which runs the Lambda's handler on them). */
  deps: AlertJobDeps;
  runner: AlertRunner;
  sns: OutboxSnsClient;
  /** For fulfillment: detection after an issue, in the background. */
  onStockChange: StockChangeListener;
  /** For the SMS adapter: the `shortageAlert` context of a donor with a pending appeal. */
  smsContexts: AlertContexts;
  run(task: AlertTask): Promise<RunOutcome>;
  /** Resolves once no background detection is running. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

const STOCK_CHECK_MS = 15 * 60_000;
const SWEEP_MS = 24 * 60 * 60_000;

export function createLocalAlerts(options: LocalAlertsOptions): LocalAlerts {
  const env = options.env ?? process.env;
  const { settings, smsPerSecond } = parseAlertSettings(env);
  const store = new DynamoAlertStore(options.store.options, options.store.client);
  const sns = new OutboxSnsClient({ add: (entry) => options.record(entry) });
  const staff = new OutboxStaffNotifier(
    { add: (e) => options.record(e) },
    env.SLACK_ALERTS_CHANNEL ?? '#blood-stock',
  );
  const deps: AlertJobDeps = {
    jobs: {
      units: {
        store: options.store,
        policy: options.policy,
        clock: { now: options.now, timeZone: options.timeZone },
      },
      staff,
    },
    alerts: store,
    inventory: options.store,
    policy: options.policy,
    timeZone: options.timeZone,
    settings,
    sender: appealSender(new SnsSmsSender({ client: sns })),
    limiter: new SpacingLimiter({ perSecond: smsPerSecond }),
    notifiers: [staff],
    now: options.now,
    logger: options.logger,
    deliveryBudgetMs: 10 * 60_000,
    concurrency: 8,
  };
  const runner = createAlertRunner(deps);
  const running = new Set<Promise<unknown>>();
  const track = <T>(work: Promise<T>): Promise<T> => {
    running.add(work);
    work.finally(() => running.delete(work)).catch(() => undefined);
    return work;
  };
  const safely = (task: AlertTask) => () => {
    track(runner.run(task)).catch((error: unknown) =>
      options.logger.error('scheduled alert task failed', {
        task,
        error: error instanceof Error ? error.name : 'unknown',
      }),
    );
  };
  const timers = [
    setInterval(safely('stockCheck'), STOCK_CHECK_MS),
    setInterval(safely('expirySweep'), SWEEP_MS),
    setInterval(safely('expiringSoon'), SWEEP_MS),
  ];
  for (const t of timers) t.unref();

  const idle = async () => {
    while (running.size > 0) await Promise.allSettled([...running]);
  };
  return {
    store,
    deps,
    runner,
    sns,
    onStockChange: async (change) => {
      // The listener logs its own failures; nothing here can reject.
      void track(runner.listener(change));
    },
    smsContexts: alertContexts(store, options.now),
    run: (task) => track(runner.run(task)),
    idle,
    async stop() {
      for (const t of timers) clearInterval(t);
      await idle();
    },
  };
}
