/**
 * The Slack threshold commands: parsing (what is and is not a threshold command), and running them
 * against DynamoDB Local with the caller's role deciding.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  parseThresholdCommand,
  runThresholdCommand,
  THRESHOLD_USAGE,
} from '../../../adapters/alerts/slackCommand.js';
import type { Principal } from '../../../fulfillment/auth/principal.js';
import { policyFor } from '../../../fulfillment/domain/policy.js';
import { DynamoAlertStore } from '../../../fulfillment/store/dynamo/alerts.js';
import type { DynamoStore } from '../../../fulfillment/store/dynamo/index.js';
import { INVALID_THRESHOLDS } from '../../../fulfillment/usecases/alerts/thresholds.js';
import { createTestStore } from '../../support/store.js';

let store: DynamoStore;
let deps: { store: DynamoAlertStore; policy: ReturnType<typeof policyFor> };
const admin: Principal = { userId: 'admin@example.org', role: 'admin', channel: 'slack' };
const staff: Principal = { userId: 'staff@example.org', role: 'staff', channel: 'slack' };

beforeAll(async () => {
  store = await createTestStore();
  deps = { store: new DynamoAlertStore(store.options, store.client), policy: policyFor('US') };
});
afterAll(() => store.destroy());

describe('parseThresholdCommand', () => {
  it.each([
    ['thresholds', { kind: 'list' }],
    ['threshold O- amber 3 red 1.5', { kind: 'set', group: 'O-', amberBelowDays: 3, redBelowDays: 1.5 }],
    ['Threshold ab+ AMBER 2.5 RED 1', { kind: 'set', group: 'AB+', amberBelowDays: 2.5, redBelowDays: 1 }],
    ['threshold O- amber three red 1', { kind: 'usage' }],
    ['threshold C+ amber 3 red 1', { kind: 'usage' }],
    ['threshold O- amber 3 red 1 now', { kind: 'usage' }],
    ['how many O- units do we have', null],
    ['link <@U123> staff bob', null],
  ])('%j → %j', (text, expected) => {
    expect(parseThresholdCommand(text)).toEqual(expected);
  });
});

describe('runThresholdCommand', () => {
  it('lets an admin change a group and everyone on staff read it back', async () => {
    // Act
    const changed = await runThresholdCommand(
      parseThresholdCommand('threshold O- amber 4 red 2')!,
      admin,
      deps,
    );
    const listed = await runThresholdCommand({ kind: 'list' }, staff, deps);
    // Assess
    expect(changed).toBe('O- now turns amber below 4 days of supply and red below 2.');
    expect(listed).toContain('O-: amber below 4 days, red below 2 (set by an admin)');
    expect(listed).toContain('A+: amber below 2 days, red below 1');
    const audit = await store.auditByEntity('thresholds', 'O-');
    expect(audit[0]?.actor).toEqual({ userId: 'admin@example.org', role: 'admin', channel: 'slack' });
  });

  it.each([
    [staff, 'threshold A+ amber 3 red 1', 'Only admins can change stock thresholds.'],
    [admin, 'threshold A+ amber 1 red 3', INVALID_THRESHOLDS],
    [admin, 'threshold A+ amber 300 red 1', INVALID_THRESHOLDS],
    [admin, 'threshold A+ amber', THRESHOLD_USAGE],
  ])('answers %o "%s" without changing anything', async (caller, text, answer) => {
    expect(await runThresholdCommand(parseThresholdCommand(text)!, caller, deps)).toBe(answer);
    expect((await deps.store.thresholds())['A+']).toBeUndefined();
  });
});
