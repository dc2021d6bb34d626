/**
 * On AWS the fulfillment function tells the alerts function about stock changes through EventBridge
 * (detail-type `StockChanged`, source `bloodbank.inventory`), so a shortage is detected when units
 * are issued rather than at the next scheduled check. The event carries groups and components only.
 * Publishing never throws: a lost event is caught up by the scheduled check, and a request that was
 * committed must not be reported as failed.
 */

import type { Logger } from '@aws-lambda-powertools/logger';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import type { StockChange, StockChangeListener } from './usecases/alerts/port.js';

export const STOCK_EVENT_SOURCE = 'bloodbank.inventory';
export const STOCK_EVENT_DETAIL_TYPE = 'StockChanged';

export function stockChangedEntry(change: StockChange, eventBusName: string) {
  const lines = [...new Map(change.lines.map((l) => [`${l.site}#${l.group}#${l.component}`, l])).values()];
  return {
    EventBusName: eventBusName,
    Source: STOCK_EVENT_SOURCE,
    DetailType: STOCK_EVENT_DETAIL_TYPE,
    Detail: JSON.stringify({ reason: change.reason, lines }),
  };
}

export function createStockEventPublisher(
  client: Pick<EventBridgeClient, 'send'>,
  eventBusName: string,
  logger: Pick<Logger, 'warn'>,
): StockChangeListener {
  return async (change) => {
    try {
      const out = await client.send(
        new PutEventsCommand({ Entries: [stockChangedEntry(change, eventBusName)] }),
      );
      if ((out.FailedEntryCount ?? 0) > 0)
        logger.warn('stock change event not accepted', { reason: change.reason });
    } catch (error) {
      logger.warn('stock change event failed', { error: error instanceof Error ? error.name : 'unknown' });
    }
  };
}

export function eventBridgeClient(region?: string): EventBridgeClient {
  return new EventBridgeClient(region ? { region } : {});
}
