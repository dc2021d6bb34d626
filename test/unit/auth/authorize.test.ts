/**
 * The authorization table itself, every action × role: the intents' rows as the README's "What you
 * can do today" describes them, and the doors that ask it (HTTP routes, Slack admin commands,
 * thresholds). No engines: the table is pure. The matrix tests (matrix*.test.ts) show the same
 * answers through the real fulfillment handler.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import { bot, INTENT_NAMES, type IntentName } from '../../../bots/definition/index.js';
import { ACTIONS, type Access, type Action, authorize } from '../../../fulfillment/auth/authorize.js';
import { ROLES, type Role } from '../../../fulfillment/domain/vocabulary.js';
import { INTENT_HANDLERS } from '../../../fulfillment/handler.js';
import type { IntentHandler } from '../../../fulfillment/intents/context.js';

type Row = readonly [anonymous: Access, donor: Access, staff: Access, admin: Access];

const STAFF: Row = ['refused', 'refused', 'full', 'full'];
const ADMIN: Row = ['refused', 'refused', 'refused', 'full'];
const EVERYONE: Row = ['full', 'full', 'full', 'full'];
const OWN: Row = ['sign_in', 'own', 'full', 'full'];

const EXPECTED: Record<Action, Row> = {
  CheckStock: ['levels', 'levels', 'full', 'full'],
  StockReport: STAFF,
  RegisterDonor: OWN,
  ScheduleDonation: OWN,
  CancelDonation: OWN,
  CheckEligibility: ['general', 'own', 'full', 'full'],
  RequestUnits: STAFF,
  RespondToAlert: ['refused', 'own', 'refused', 'refused'],
  RecordDonation: STAFF,
  RecordTestResults: STAFF,
  ReceiveUnits: STAFF,
  TransferUnits: STAFF,
  ReturnUnits: STAFF,
  DiscardUnits: STAFF,
  TraceUnit: STAFF,
  Lookback: STAFF,
  ExpiringUnits: STAFF,
  ActivityReport: STAFF,
  Help: EVERYONE,
  SmallTalk: EVERYONE,
  FallbackIntent: EVERYONE,
  'documents.upload': OWN,
  'documents.read': OWN,
  'reports.stock.read': ['sign_in', 'refused', 'full', 'full'],
  'reports.stock.make': ['sign_in', 'refused', 'full', 'full'],
  'audit.export': ['sign_in', 'refused', 'refused', 'full'],
  'slack.link': ADMIN,
  'slack.unlink': ADMIN,
  'thresholds.show': STAFF,
  'thresholds.set': ADMIN,
  'api.stock': ['sign_in', 'refused', 'full', 'full'],
  'api.unit': ['sign_in', 'refused', 'full', 'full'],
  'api.labResults': ['sign_in', 'refused', 'full', 'full'],
  'job.run': ['sign_in', 'refused', 'full', 'full'],
};

const CELLS = (Object.entries(EXPECTED) as Array<[Action, Row]>).flatMap(([action, row]) =>
  ROLES.map((role, i) => [action, role, row[i]!] as const),
);

describe('authorize: every action × role', () => {
  it.each(CELLS)('%s as %s → %s', (action, role, access) => {
    // Act
    const decision = authorize(action, role);
    // Assess
    expect(decision.access).toBe(access);
    expect(decision.allowed).toBe(access !== 'refused' && access !== 'sign_in');
    if (!decision.allowed) expect(decision.reason.length).toBeGreaterThan(10);
  });

  it('covers every intent of the bot and every route action, nothing more', () => {
    expect([...ACTIONS].sort()).toEqual(Object.keys(EXPECTED).sort());
    expect([...INTENT_NAMES]).toEqual(bot.intents.map((i) => i.name));
    expect(Object.keys(INTENT_HANDLERS).sort()).toEqual([...INTENT_NAMES].sort());
  });

  it.each<[Action, Role, string]>([
    ['RequestUnits', 'donor', 'Only blood bank and hospital staff can request units.'],
    ['StockReport', 'anonymous', 'Stock reports are for blood service staff.'],
    ['DiscardUnits', 'donor', 'Only blood service staff can record, move or look up units.'],
    ['TraceUnit', 'anonymous', 'Only blood service staff can record, move or look up units.'],
    ['RegisterDonor', 'anonymous', 'please sign in or create an account first'],
    ['audit.export', 'staff', 'Audit exports are for admins.'],
    ['audit.export', 'anonymous', 'Sign in first.'],
    ['slack.link', 'staff', 'Only admins can link or unlink Slack users.'],
    ['thresholds.set', 'staff', 'Only admins can change stock thresholds.'],
    ['thresholds.show', 'donor', 'Only blood service staff can see thresholds.'],
    ['api.unit', 'donor', 'Stock and unit records are for blood service staff.'],
    ['job.run', 'anonymous', 'Sign in first.'],
  ])('%s as %s is told "%s"', (action, role, told) => {
    const decision = authorize(action, role);
    expect(decision.allowed || decision.reason).toContain(told);
  });
});

describe('the compiler keeps the registry and the table in step with the bot (checked by tsc)', () => {
  it('keys the handler registry by IntentName, so an intent without a handler does not compile', () => {
    expectTypeOf<keyof typeof INTENT_HANDLERS>().toEqualTypeOf<IntentName>();
    expectTypeOf<IntentName>().toExtend<Action>();
    // @ts-expect-error: a registry that misses intents of the bot
    const partial: { readonly [I in IntentName]: IntentHandler } = { CheckStock: INTENT_HANDLERS.CheckStock };
    // @ts-expect-error: an intent the bot does not have
    const unknown: Action = 'DeleteEverything';
    expect([partial, unknown]).toHaveLength(2);
  });
});
