/**
 * Stock-change events from fulfillment to the alerts function on AWS: the PutEvents request built,
 * understood by the alerts function's parser, and never a failure for the request that caused it.
 */
import type { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { describe, expect, it } from 'vitest';
import { parseAlertEvent } from '../../adapters/alerts/runner.js';
import {
  createStockEventPublisher,
  STOCK_EVENT_DETAIL_TYPE,
  STOCK_EVENT_SOURCE,
} from '../../fulfillment/stockEvents.js';

const CHANGE = {
  reason: 'issue' as const,
  lines: [
    { site: 'central', group: 'O-' as const, component: 'red_cells' as const },
    { site: 'central', group: 'O-' as const, component: 'red_cells' as const },
    { site: 'northside', group: 'O-' as const, component: 'red_cells' as const },
  ],
};

function recorder(fail?: 'throw' | 'reject-entry') {
  const sent: PutEventsCommand[] = [];
  const warnings: string[] = [];
  const client = {
    send: async (command: PutEventsCommand) => {
      sent.push(command);
      if (fail === 'throw') throw Object.assign(new Error('throttled'), { name: 'ThrottlingException' });
      return { FailedEntryCount: fail === 'reject-entry' ? 1 : 0, Entries: [] };
    },
  };
  const logger = { warn: (message: string) => void warnings.push(message) };
  return { sent, warnings, publish: createStockEventPublisher(client as never, 'default', logger as never) };
}

describe('stock change events', () => {
  it('publishes one StockChanged entry with each changed line once and nothing personal', async () => {
    // Prepare
    const { sent, publish } = recorder();
    // Act
    await publish(CHANGE);
    // Assess
    expect(sent).toHaveLength(1);
    const [entry] = sent[0]!.input.Entries!;
    expect(entry).toMatchObject({
      EventBusName: 'default',
      Source: STOCK_EVENT_SOURCE,
      DetailType: STOCK_EVENT_DETAIL_TYPE,
    });
    expect(JSON.parse(entry!.Detail!)).toEqual({
      reason: 'issue',
      lines: [
        { site: 'central', group: 'O-', component: 'red_cells' },
        { site: 'northside', group: 'O-', component: 'red_cells' },
      ],
    });
  });

  it('is understood by the alerts function as a stock change once EventBridge delivers it', async () => {
    const { sent, publish } = recorder();
    await publish(CHANGE);
    const entry = sent[0]!.input.Entries![0]!;
    const delivered = {
      version: '0',
      id: 'e1',
      source: entry.Source,
      'detail-type': entry.DetailType,
      detail: JSON.parse(entry.Detail!),
    };
    expect(parseAlertEvent(delivered)).toEqual({ kind: 'stock_change' });
  });

  it.each([['throw' as const], ['reject-entry' as const]])(
    'never fails the change when publishing does (%s)',
    async (fail) => {
      const { publish, warnings } = recorder(fail);
      await expect(publish(CHANGE)).resolves.toBeUndefined();
      expect(warnings).toHaveLength(1);
    },
  );
});
