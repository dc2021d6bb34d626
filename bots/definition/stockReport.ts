/** StockReport: staff ask for the latest daily stock report (chart and CSV links). */
import type { IntentSource } from './types.js';

export const stockReport: IntentSource = {
  name: 'StockReport',
  description:
    'The latest daily stock report: days of supply per group against thresholds, as a chart and CSV.',
  sampleUtterances: [
    'show me the stock report',
    'stock report',
    "today's stock report",
    'latest stock report',
    'daily stock report',
    'send me the stock report',
    'stock chart',
    'can I see the stock report',
    'where is the stock report',
    'give me the daily report',
    'I want the inventory report',
    'inventory report please',
    'show the stock chart',
    'get me the latest report on stock',
    'the report for today please',
    'pull up the daily inventory chart',
    'send the stock csv',
    'download the stock report',
    "what does this morning's report say",
    'link to the stock report',
    'report on blood stock',
    'open the stock dashboard report',
  ],
  fulfillmentCodeHook: true,
};
