import { Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'aws-lambda';
import { describe, expect, it, vi } from 'vitest';
import { lazyHandler } from '../../fulfillment/lazyHandler.js';

const context = {
  functionName: 'bloodbank-web',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:bloodbank-web',
  memoryLimitInMB: '512',
  awsRequestId: 'req-1',
} as Context;

/** A configuration source whose answers the test sets, counting how often the handler is built. */
function world(configs: Array<string | Error>) {
  let builds = 0;
  const handler = lazyHandler<string, number, string>({
    load: async () => {
      const next = configs.length > 1 ? configs.shift()! : configs[0]!;
      if (next instanceof Error) throw next;
      return next;
    },
    build: (config) => {
      builds += 1;
      const built = builds;
      return async (event) => `${config}:${event}:build${built}`;
    },
  });
  return { handler, builds: () => builds };
}

describe('lazyHandler', () => {
  it.each([
    ['builds once while the configuration stays the same', ['key-a', 'key-a', 'key-a'], 1, 'key-a:3:build1'],
    ['builds again when a secret has rotated', ['key-a', 'key-a', 'key-b'], 2, 'key-b:3:build2'],
  ])('%s', async (_, configs, builds, last) => {
    // Prepare
    const w = world([...configs]);
    // Act
    const answers = [await w.handler(1), await w.handler(2), await w.handler(3)];
    // Assess
    expect(answers.at(-1)).toBe(last);
    expect(w.builds()).toBe(builds);
  });

  it('fails only the invocation whose configuration failed to load; the next one retries', async () => {
    // Prepare
    const w = world([new Error('Secrets Manager throttled'), 'key-a']);
    // Act
    const first = w.handler(1);
    // Assess
    await expect(first).rejects.toThrow('Secrets Manager throttled');
    await expect(w.handler(2)).resolves.toBe('key-a:2:build1');
  });

  it('does not keep a failed build', async () => {
    // Prepare
    let attempts = 0;
    const handler = lazyHandler<string, number, number>({
      load: async () => 'config',
      build: () => {
        attempts += 1;
        if (attempts === 1) throw new Error('bad wiring');
        return async (event) => event * 2;
      },
    });
    // Act
    const first = handler(1);
    // Assess
    await expect(first).rejects.toThrow('bad wiring');
    await expect(handler(2)).resolves.toBe(4);
  });

  it("gives the entry's logger the Lambda context, so its lines carry the request id", async () => {
    // Prepare: Powertools logs with its own Console on process.stdout; read what reaches it.
    const logger = new Logger({ serviceName: 'web-api' });
    const handler = lazyHandler<string, number, void>({
      load: async () => 'config',
      build: () => async () => logger.info('turn'),
      loggers: [logger],
    });
    const written: string[] = [];
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      written.push(String(chunk));
      return true;
    });
    // Act
    try {
      await handler(1, context);
    } finally {
      stdout.mockRestore();
    }
    // Assess
    const line = JSON.parse(written.join('').trim().split('\n').at(-1)!);
    expect(line).toMatchObject({
      message: 'turn',
      function_name: 'bloodbank-web',
      function_request_id: 'req-1',
      cold_start: expect.any(Boolean),
    });
  });
});
