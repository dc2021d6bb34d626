/**
 * One DynamoDB Local for the whole test run (in memory), started only by the projects that list this
 * file as their globalSetup (integration, e2e, browser) and shared between them: global setups of all
 * projects run in vitest's main process, so the engine is kept on globalThis with a count of its
 * users and stopped after the last one. Each test file creates its own uniquely named table on it,
 * so files can run in parallel without seeing each other's data.
 */
import 'vitest';
import type { TestProject } from 'vitest/node';
import { type DynamoLocal, startDynamoLocal } from '../../adapters/local/dynamoLocal.js';

interface SharedEngine {
  engine: Promise<DynamoLocal>;
  users: number;
}

const KEY = Symbol.for('bloodbank.test.dynamoLocal');
const slot = globalThis as unknown as Record<symbol, SharedEngine | undefined>;

export async function setup(project: TestProject): Promise<() => Promise<void>> {
  slot[KEY] ??= { engine: startDynamoLocal(), users: 0 };
  const shared = slot[KEY];
  shared.users += 1;
  project.provide('dynamoEndpoint', (await shared.engine).endpoint);
  return async () => {
    shared.users -= 1;
    if (shared.users > 0) return;
    slot[KEY] = undefined;
    await (await shared.engine).stop();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
  }
}
