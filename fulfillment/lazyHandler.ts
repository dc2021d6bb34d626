/**
 * The one cold-start pattern every Lambda entry point uses (fulfillment and adapters/*\/lambda.ts).
 *
 * Nothing is read at import time, so a bad variable fails an invocation with a clear message rather
 * than the init phase. Each invocation:
 *   1. gives the Lambda context to the entry's logger, so every log line carries the request id,
 *      function name and cold-start flag (Powertools `addContext`, the middy-free injectLambdaContext);
 *   2. loads the configuration: env parsing plus secrets, which Parameters caches for a max age
 *      (fulfillment/secrets.ts), so this costs a Secrets Manager call only when the cache expires;
 *   3. builds the handler the first time, and again only when the configuration changed, which is how
 *      a rotated key reaches a warm container without a new deployment.
 * A failed load or build fails that invocation only; the next one tries again.
 */
import { isDeepStrictEqual } from 'node:util';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'aws-lambda';

export type LambdaHandler<E, R> = (event: E, context?: Context) => Promise<R>;

export interface LazyHandlerOptions<C, E, R> {
  /** Reads and validates the configuration; called on every invocation, so it must be cheap when warm. */
  load: () => Promise<C>;
  /** Wires the clients and use cases for one configuration. */
  build: (config: C) => LambdaHandler<E, R> | Promise<LambdaHandler<E, R>>;
  /** The entry's logger(s); each gets the invocation's Lambda context. */
  loggers?: Logger[];
}

export function lazyHandler<C, E, R>(options: LazyHandlerOptions<C, E, R>): LambdaHandler<E, R> {
  let current: { config: C; handler: Promise<LambdaHandler<E, R>> } | undefined;
  return async (event, context) => {
    // The local invoker and tests call without a context.
    if (context) for (const logger of options.loggers ?? []) logger.addContext(context);
    const config = await options.load();
    if (!current || !isDeepStrictEqual(current.config, config)) {
      const entry = { config, handler: Promise.resolve().then(() => options.build(config)) };
      current = entry;
      entry.handler.catch(() => {
        if (current === entry) current = undefined;
      });
    }
    return (await current.handler)(event, context);
  };
}
