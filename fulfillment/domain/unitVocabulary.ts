/**
 * Canonical values for the life of a unit (the unit statuses of 21 CFR 606 / BSIS, and the bot contract's slot values).
 * Statuses and discard reasons follow BSIS (`ComponentStatus`, `ComponentStatusChangeReasonType`).
 * Every value is one canonical string; synonyms ("broken", "haemolysed") belong to the NLU, not here.
 */
export const UNIT_STATUSES = [
  'quarantined',
  'available',
  'allocated',
  'returned',
  'discarded',
  'expired',
] as const;
export type UnitStatus = (typeof UNIT_STATUSES)[number];

/** No event leaves these. */
export const FINAL_STATUSES: readonly UnitStatus[] = ['discarded', 'expired'];

export const UNIT_STATUS_LABEL: Record<UnitStatus, string> = {
  quarantined: 'in quarantine',
  available: 'available',
  allocated: 'issued',
  returned: 'returned',
  discarded: 'discarded',
  expired: 'expired',
};

export const DISCARD_REASONS = [
  'expired',
  'damaged',
  'failed_inspection',
  'temperature_excursion',
  'reactive_test',
  'returned_out_of_storage',
  'recalled',
  'volume_out_of_range',
  'other',
] as const;
export type DiscardReason = (typeof DISCARD_REASONS)[number];

export const DISCARD_REASON_LABEL: Record<DiscardReason, string> = {
  expired: 'expired',
  damaged: 'damaged (broken or leaking)',
  failed_inspection: 'failed visual inspection (haemolysed, clotted, lipaemic or discoloured)',
  temperature_excursion: 'temperature excursion',
  reactive_test: 'reactive test result',
  returned_out_of_storage: 'returned after too long out of controlled storage',
  recalled: 'recalled',
  volume_out_of_range: 'volume out of range',
  other: 'other',
};

/** `other` alone says nothing an auditor can use. */
export function discardNeedsNote(reason: DiscardReason): boolean {
  return reason === 'other';
}

export function isDiscardReason(value: string): value is DiscardReason {
  return (DISCARD_REASONS as readonly string[]).includes(value);
}

export function isUnitStatus(value: string): value is UnitStatus {
  return (UNIT_STATUSES as readonly string[]).includes(value);
}

/** Screening markers (21 CFR 610.40; HEV in the UK). `chagas` is T. cruzi. */
export const MARKERS = ['hiv', 'hbv', 'hcv', 'htlv', 'syphilis', 'wnv', 'chagas', 'hev'] as const;
export type Marker = (typeof MARKERS)[number];

export const MARKER_LABEL: Record<Marker, string> = {
  hiv: 'HIV-1/2',
  hbv: 'hepatitis B',
  hcv: 'hepatitis C',
  htlv: 'HTLV-I/II',
  syphilis: 'syphilis',
  wnv: 'West Nile virus',
  chagas: 'T. cruzi (Chagas)',
  hev: 'hepatitis E',
};

export function isMarker(value: string): value is Marker {
  return (MARKERS as readonly string[]).includes(value);
}

export const TEST_RESULTS = ['negative', 'reactive'] as const;
export type TestResult = (typeof TEST_RESULTS)[number];

export const DONATION_OUTCOMES = ['completed', 'incomplete', 'deferred', 'adverse_reaction'] as const;
export type DonationOutcome = (typeof DONATION_OUTCOMES)[number];
