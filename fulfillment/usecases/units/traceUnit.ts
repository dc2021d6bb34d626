/**
 * Use case: trace a DIN (21 CFR 606.160 / 606.165: where every component is and how it got there),
 * for the TraceUnit intent's words and for `GET /api/units/{din}`. One Query for the components
 * with their histories, one read of the donation. No donor identity in the answer.
 */
import * as z from 'zod';
import { describeDinRejection, parseDin } from '../../domain/dinInput.js';
import type { HistoryEntry } from '../../domain/unit.js';
import { DISCARD_REASON_LABEL, UNIT_STATUS_LABEL } from '../../domain/unitVocabulary.js';
import type { DonationRecord, StoredUnit } from '../../store/unitPort.js';
import { parseInput, type UnitDeps } from './deps.js';

export const traceUnitInput = z.object({ din: z.string().trim().min(1) });
export type TraceUnitInput = z.input<typeof traceUnitInput>;

export interface TracedComponent {
  code: string;
  component: StoredUnit['component'];
  group: StoredUnit['group'];
  status: StoredUnit['status'];
  site: string;
  expiresOn: string;
  holds: StoredUnit['holds'];
  consignee: string | null;
  issuedOn: string | null;
  discardReason: StoredUnit['discardReason'];
  discardNote: string | null;
  source: string | null;
  history: readonly HistoryEntry[];
  /** The history in words, one line per entry, oldest first. */
  words: string[];
}

export type TraceUnitResult =
  | {
      ok: true;
      din: string;
      donation: Pick<DonationRecord, 'collectedOn' | 'site' | 'donationType' | 'outcome' | 'state'> | null;
      components: TracedComponent[];
    }
  | { ok: false; reason: 'invalid_input' | 'bad_din' | 'not_found'; message: string };

/** One history entry in words, knowing the site the unit was at before it. */
export function entryInWords(entry: HistoryEntry, siteBefore: string | null): string {
  const e = entry.event;
  const what = ((): string => {
    switch (e.type) {
      case 'collect':
        return `collected at ${e.unit.site}, in quarantine until tested`;
      case 'receive':
        return `received from ${e.source} at ${e.unit.site}, available`;
      case 'release':
        return `released after testing (${e.group}), available`;
      case 'issue':
        return `issued to ${e.consignee}`;
      case 'return':
        return 'returned';
      case 'restock':
        return 'back in stock';
      case 'discard':
        return `discarded: ${DISCARD_REASON_LABEL[e.reason]}${e.note ? ` (${e.note})` : ''}`;
      case 'expire':
        return 'expired';
      case 'recall':
        return `quarantined by ${e.hold.kind === 'lookback' ? `the lookback of ${e.hold.ref}` : `recall ${e.hold.ref}`}`;
      case 'lift_hold':
        return `hold ${e.ref} lifted (${UNIT_STATUS_LABEL[entry.to]})`;
      case 'transfer':
        return `moved${siteBefore ? ` from ${siteBefore}` : ''} to ${e.toSite}`;
    }
  })();
  return `${entry.on}: ${what}`;
}

export function historyInWords(history: readonly HistoryEntry[]): string[] {
  let site: string | null = null;
  return history.map((entry) => {
    const line = entryInWords(entry, site);
    const e = entry.event;
    if (e.type === 'collect' || e.type === 'receive') site = e.unit.site;
    else if (e.type === 'transfer') site = e.toSite;
    return line;
  });
}

export async function traceUnit(
  deps: Pick<UnitDeps, 'store'>,
  input: TraceUnitInput,
): Promise<TraceUnitResult> {
  const parsed = parseInput(traceUnitInput, input);
  if (!parsed.ok) return parsed;
  const read = parseDin(parsed.value.din);
  if (!read.ok) return { ok: false, reason: 'bad_din', message: describeDinRejection(read.reason) };
  const [units, donation] = await Promise.all([
    deps.store.unitsOfDonation(read.din),
    deps.store.donation(read.din),
  ]);
  if (units.length === 0 && !donation)
    return { ok: false, reason: 'not_found', message: `no unit ${read.din} is recorded` };
  return {
    ok: true,
    din: read.din,
    donation: donation
      ? {
          collectedOn: donation.collectedOn,
          site: donation.site,
          donationType: donation.donationType,
          outcome: donation.outcome,
          state: donation.state,
        }
      : null,
    components: units.map((u) => ({
      code: u.code,
      component: u.component,
      group: u.group,
      status: u.status,
      site: u.site,
      expiresOn: u.expiresOn,
      holds: u.holds,
      consignee: u.consignee,
      issuedOn: u.issuedOn,
      discardReason: u.discardReason,
      discardNote: u.discardNote,
      source: u.source,
      history: u.history,
      words: historyInWords(u.history),
    })),
  };
}
