/**
 * What every intent handler receives: the validated event, who is speaking (verified), what they may
 * do, and the ports. Handlers are `(ctx) => Promise<LexResponse>` and registered by intent name.
 */
import type { Granted } from '../auth/authorize.js';
import type { Principal } from '../auth/principal.js';
import type { DocumentStore } from '../documents/port.js';
import type { Policy } from '../domain/policy.js';
import type { LexEvent, LexIntent, LexResponse } from '../lex/event.js';
import type { Actor, IdentityStore, Store } from '../store/port.js';
import type { UnitStore } from '../store/unitPort.js';
import type { AlertStore, StockChangeListener } from '../usecases/alerts/port.js';
import type { PhoneVerification } from '../usecases/phoneVerification.js';
import type { GenerateReport } from '../usecases/stockReport/answer.js';
import type { UnitNotifier } from '../usecases/units/notice.js';

export interface FulfillmentDeps {
  store: Store & UnitStore;
  policy: Policy;
  timeZone: string;
  defaultSite: string;
  principalSigningKey: string;
  now: () => Date;
  /** Reports and documents (StockReport); absent → the intent says reports are not set up. */
  documents?: DocumentStore;
  /** Shortage alerts (RespondToAlert); absent → no open appeal is ever found. */
  alerts?: AlertStore;
  /** Staff notices of the unit intents (a lookback's list) to Slack; absent → only the audit has them. */
  unitNotifier?: UnitNotifier;
  /** Called after units leave stock (allocation); runs shortage detection. Must not throw. */
  onStockChange?: StockChangeListener;
  /**
   * Makes the first stock report when none exists. Given in the embedded default; on AWS the daily
   * report function makes them, so fulfillment only reads reports and does not carry the charting code.
   */
  generateStockReport?: GenerateReport;
  /**
   * A donor registering themselves proves their number by a texted code, then a number already on
   * file is linked to their account. Absent → self-registration says it cannot check numbers now.
   */
  selfRegistration?: SelfRegistrationDeps;
}

export interface SelfRegistrationDeps {
  phones: PhoneVerification;
  accounts: Pick<IdentityStore, 'linkDonorSub'>;
}

export interface IntentContext {
  deps: FulfillmentDeps;
  event: LexEvent;
  intent: LexIntent;
  principal: Principal;
  /** What the authorization table grants this role; refusals never reach a handler. */
  access: Granted;
  actor: Actor;
  now: Date;
  /** YYYY-MM-DD in the service's time zone. */
  today: string;
}

export type IntentHandler = (ctx: IntentContext) => Promise<LexResponse>;

/** The donor a handler acts for: the principal's own record, resolved through the Cognito link. */
export async function ownDonorId(ctx: IntentContext): Promise<string | null> {
  if (ctx.principal.donorId) return ctx.principal.donorId;
  if (ctx.principal.role === 'donor') return ctx.deps.store.donorIdBySub(ctx.principal.userId);
  return null;
}
