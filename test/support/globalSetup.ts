/**
 * One DynamoDB Local for the whole test run (in memory). Each integration test file creates its own
 * uniquely named table on it, so files can run in parallel without seeing each other's data.
 */
import 'vitest';
import type { TestProject } from 'vitest/node';
import { type DynamoLocal, startDynamoLocal } from '../../adapters/local/dynamoLocal.js';

let engine: DynamoLocal | undefined;

export async function setup(project: TestProject): Promise<void> {
  engine = await startDynamoLocal();
  project.provide('dynamoEndpoint', engine.endpoint);
}

export async function teardown(): Promise<void> {
  await engine?.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
  }
}
