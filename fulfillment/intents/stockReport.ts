/**
 * StockReport ("show me the stock report"): staff get the latest daily report's summary with
 * short-lived links to its chart and CSV. Who may ask is the authorization table's StockReport row;
 * the use case asks the table again before it reads a report.
 */
import { close } from '../lex/dialog.js';
import { stockReportAnswer } from '../usecases/stockReport/answer.js';
import type { IntentHandler } from './context.js';

export const stockReport: IntentHandler = async (ctx) => {
  const documents = ctx.deps.documents;
  if (!documents) {
    return close(ctx.event, 'Failed', { text: 'Stock reports are not set up here yet.' });
  }
  const answer = await stockReportAnswer(
    { store: ctx.deps.store, documents, policy: ctx.deps.policy, now: ctx.deps.now },
    ctx.principal,
    ctx.today,
    ctx.deps.generateStockReport,
  );
  return close(ctx.event, answer.ok ? 'Fulfilled' : 'Failed', { text: answer.text });
};
