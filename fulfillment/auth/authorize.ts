/**
 * The one answer to "may this role do this?" (README, "Architecture"): one table, action × role →
 * access, for every intent, HTTP route, Slack admin command and threshold command.
 * Enforced in fulfillment and the use cases so that no channel can skip it. The answer shapes what
 * a handler does, not only whether it runs: an anonymous stock check sees levels, staff see counts.
 * A refusal carries the sentence the user is told, so every door refuses in the same words.
 *
 * Ownership is not decided here: 'own' means "only what is theirs", and the code that knows what a
 * record belongs to (documents/access.ts, the donor intents) tests that.
 */
import type { IntentName } from '../../bots/definition/index.js';
import type { Role } from '../domain/vocabulary.js';

export type Access =
  | 'full' // staff and admin: any donor, counts, requests
  | 'own' // a donor acting on their own record
  | 'levels' // stock levels only (ok / low / critical)
  | 'general' // general rules only (eligibility for anonymous)
  | 'sign_in' // asked to sign in or sign up first
  | 'refused';

/** What a caller who gets past the door may do; handlers never see a refusal. */
export type Granted = Exclude<Access, 'sign_in' | 'refused'>;

/** Doors other than the bot's intents (HTTP routes, Slack commands). */
export const ROUTE_ACTIONS = [
  'documents.upload', // POST /api/documents
  'documents.read', // GET /api/documents, GET /api/documents/link
  'reports.stock.read', // GET /api/reports/stock/latest, Slack `report`, the StockReport use case
  'reports.stock.make', // POST /api/reports/stock
  'audit.export', // POST /api/audit-exports
  'slack.link', // /blood link @someone staff|admin <account>
  'slack.unlink', // /blood unlink @someone
  'thresholds.show', // /blood thresholds
  'thresholds.set', // /blood threshold O- amber 3 red 1.5
  'api.stock', // GET /api/stock
  'api.unit', // GET /api/units/{din}
  'api.labResults', // POST /api/lab-results (a staff token; the lab's own credential is checked apart)
  'job.run', // POST /api/dev/run/{job} (embedded default only)
] as const;
export type RouteAction = (typeof ROUTE_ACTIONS)[number];

export type Action = IntentName | RouteAction;

export type Decision =
  | { allowed: true; access: Granted }
  | { allowed: false; access: 'sign_in' | 'refused'; reason: string };

type Cells = Readonly<Record<Role, Access>>;

/** A row must say what a refused caller is told, and what one asked to sign in is told. */
type Reasons<C extends Cells> = ('refused' extends C[Role] ? { refused: string } : { refused?: never }) &
  ('sign_in' extends C[Role] ? { signIn: string } : { signIn?: never });

interface Rule {
  readonly cells: Cells;
  readonly refused?: string;
  readonly signIn?: string;
}

function rule<const C extends Cells>(
  cells: C,
  ...reasons: [Extract<C[Role], 'refused' | 'sign_in'>] extends [never] ? [] : [Reasons<C>]
): Rule {
  return { cells, ...reasons[0] };
}

// The same rule under two names where two doors lead to one thing.
const STAFF = { anonymous: 'refused', donor: 'refused', staff: 'full', admin: 'full' } as const;
const ADMIN = { anonymous: 'refused', donor: 'refused', staff: 'refused', admin: 'full' } as const;
const EVERYONE = { anonymous: 'full', donor: 'full', staff: 'full', admin: 'full' } as const;
const SIGNED_IN_STAFF = { anonymous: 'sign_in', donor: 'refused', staff: 'full', admin: 'full' } as const;
const SIGNED_IN_OWN = { anonymous: 'sign_in', donor: 'own', staff: 'full', admin: 'full' } as const;

const NOT_STAFF_UNITS =
  'Only blood service staff can record, move or look up units. If you are staff, please sign in with your staff account.';
const NOT_STAFF_REPORTS = 'Stock reports are for blood service staff.';
const NOT_STAFF_RECORDS = 'Stock and unit records are for blood service staff.';
/** HTTP routes answer a missing or anonymous caller with 401 and this. */
const SIGN_IN_FIRST = 'Sign in first.';

const TABLE: { readonly [A in Action]: Rule } = {
  // Intents (the bot's contract).
  CheckStock: rule({ anonymous: 'levels', donor: 'levels', staff: 'full', admin: 'full' }),
  StockReport: rule(STAFF, { refused: NOT_STAFF_REPORTS }),
  RegisterDonor: rule(SIGNED_IN_OWN, {
    signIn:
      'To register as a donor, please sign in or create an account first, then say "register as a donor".',
  }),
  ScheduleDonation: rule(SIGNED_IN_OWN, {
    signIn: 'Please sign in to book a donation, so the appointment is in your name.',
  }),
  CancelDonation: rule(SIGNED_IN_OWN, { signIn: 'Please sign in to manage your appointments.' }),
  CheckEligibility: rule({ anonymous: 'general', donor: 'own', staff: 'full', admin: 'full' }),
  RequestUnits: rule(STAFF, {
    refused:
      'Only blood bank and hospital staff can request units. If you are staff, please sign in with your staff account.',
  }),
  // Appeals go to donors by SMS; anyone else is told there is nothing to answer, not why.
  RespondToAlert: rule(
    { anonymous: 'refused', donor: 'own', staff: 'refused', admin: 'refused' },
    { refused: 'There is no open appeal for you to answer right now. Appeals go to donors, by SMS.' },
  ),
  // The life of a unit (issue 14): blood bank staff only.
  RecordDonation: rule(STAFF, { refused: NOT_STAFF_UNITS }),
  RecordTestResults: rule(STAFF, { refused: NOT_STAFF_UNITS }),
  ReceiveUnits: rule(STAFF, { refused: NOT_STAFF_UNITS }),
  TransferUnits: rule(STAFF, { refused: NOT_STAFF_UNITS }),
  ReturnUnits: rule(STAFF, { refused: NOT_STAFF_UNITS }),
  DiscardUnits: rule(STAFF, { refused: NOT_STAFF_UNITS }),
  TraceUnit: rule(STAFF, { refused: NOT_STAFF_UNITS }),
  Lookback: rule(STAFF, { refused: NOT_STAFF_UNITS }),
  ExpiringUnits: rule(STAFF, { refused: NOT_STAFF_UNITS }),
  ActivityReport: rule(STAFF, { refused: NOT_STAFF_UNITS }),
  Help: rule(EVERYONE),
  SmallTalk: rule(EVERYONE),
  FallbackIntent: rule(EVERYONE),

  // HTTP routes (adapters/documents/http.ts). Documents a donor owns: documents/access.ts tests whose.
  'documents.upload': rule(SIGNED_IN_OWN, { signIn: SIGN_IN_FIRST }),
  'documents.read': rule(SIGNED_IN_OWN, { signIn: SIGN_IN_FIRST }),
  'reports.stock.read': rule(SIGNED_IN_STAFF, { signIn: SIGN_IN_FIRST, refused: NOT_STAFF_REPORTS }),
  'reports.stock.make': rule(SIGNED_IN_STAFF, { signIn: SIGN_IN_FIRST, refused: NOT_STAFF_REPORTS }),
  'audit.export': rule(
    { anonymous: 'sign_in', donor: 'refused', staff: 'refused', admin: 'full' },
    { signIn: SIGN_IN_FIRST, refused: 'Audit exports are for admins.' },
  ),

  // The unit and stock API (adapters/web/units.ts, adapters/web/labResults.ts) and the local job door.
  'api.stock': rule(SIGNED_IN_STAFF, { signIn: SIGN_IN_FIRST, refused: NOT_STAFF_RECORDS }),
  'api.unit': rule(SIGNED_IN_STAFF, { signIn: SIGN_IN_FIRST, refused: NOT_STAFF_RECORDS }),
  'api.labResults': rule(SIGNED_IN_STAFF, { signIn: SIGN_IN_FIRST, refused: NOT_STAFF_RECORDS }),
  'job.run': rule(SIGNED_IN_STAFF, { signIn: SIGN_IN_FIRST, refused: 'Only staff can run scheduled jobs.' }),

  // Slack admin commands (adapters/slack/admin.ts, adapters/alerts/slackCommand.ts).
  'slack.link': rule(ADMIN, { refused: 'Only admins can link or unlink Slack users.' }),
  'slack.unlink': rule(ADMIN, { refused: 'Only admins can link or unlink Slack users.' }),
  'thresholds.show': rule(STAFF, { refused: 'Only blood service staff can see thresholds.' }),
  'thresholds.set': rule(ADMIN, { refused: 'Only admins can change stock thresholds.' }),
};

export const ACTIONS = Object.keys(TABLE) as Action[];

export function authorize(action: Action, role: Role): Decision {
  const row = TABLE[action];
  const access = row.cells[role];
  if (access === 'refused') return { allowed: false, access, reason: row.refused ?? '' };
  if (access === 'sign_in') return { allowed: false, access, reason: row.signIn ?? '' };
  return { allowed: true, access };
}
