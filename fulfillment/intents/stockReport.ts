/**
 * StockReport ("show me the stock report"): staff get the latest daily report's summary with
 * short-lived links to its chart and CSV. Not yet in the bot contract: registering it takes the
 * intent in bots/definition, `StockReport: stockReport` in INTENT_HANDLERS and a row in the access
 * table (staff and admin 'full', everyone else 'refused').
 */
import { close } from '../lex/dialog.js';
import { NOT_STAFF, stockReportAnswer } from '../usecases/stockReport/answer.js';
import type { IntentHandler } from './context.js';

export const stockReport: IntentHandler = async (ctx) => {
  if (ctx.access !== 'full') return close(ctx.event, 'Failed', { text: NOT_STAFF });
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
