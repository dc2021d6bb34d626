/**
 * Which donor groups a recipient may receive, per component (DOMAIN.md "ABO / RhD compatibility").
 * Groups are decomposed through an explicit table, never by string prefix: matching 'A%' is the known
 * bug that offered AB units to group A patients.
 */
import { BLOOD_GROUPS, type BloodGroup, type Component } from './vocabulary.js';

export type Recipient = BloodGroup | 'unknown';

export type CompatibilityFlag =
  | 'abo_identical'
  | 'abo_compatible'
  | 'rhd_positive_to_negative'
  | 'platelet_abo_nonidentical'
  | 'emergency_o_negative';

/** rank 0 = best; choices sharing a rank are interchangeable, so allocation takes the soonest expiry. */
export interface DonorChoice {
  group: BloodGroup;
  rank: number;
  flags: CompatibilityFlag[];
}

type Abo = 'O' | 'A' | 'B' | 'AB';

const PARTS: Record<BloodGroup, { abo: Abo; rhdPositive: boolean }> = {
  'O+': { abo: 'O', rhdPositive: true },
  'O-': { abo: 'O', rhdPositive: false },
  'A+': { abo: 'A', rhdPositive: true },
  'A-': { abo: 'A', rhdPositive: false },
  'B+': { abo: 'B', rhdPositive: true },
  'B-': { abo: 'B', rhdPositive: false },
  'AB+': { abo: 'AB', rhdPositive: true },
  'AB-': { abo: 'AB', rhdPositive: false },
};

// recipient ABO ← donor ABO (DOMAIN.md tables).
const RED_CELL_DONORS: Record<Abo, readonly Abo[]> = {
  O: ['O'],
  A: ['A', 'O'],
  B: ['B', 'O'],
  AB: ['AB', 'A', 'B', 'O'],
};
const PLASMA_DONORS: Record<Abo, readonly Abo[]> = {
  O: ['O', 'A', 'B', 'AB'],
  A: ['A', 'AB'],
  B: ['B', 'AB'],
  AB: ['AB'],
};

/** How many recipient ABO groups a donor ABO group serves: the more universal stock is used last. */
function universality(table: Record<Abo, readonly Abo[]>, donor: Abo): number {
  return Object.values(table).filter((donors) => donors.includes(donor)).length;
}

interface Candidate {
  group: BloodGroup;
  tier: number;
  /** Order within a tier, smaller first. */
  order: number;
  flags: CompatibilityFlag[];
}

/**
 * Tiers: 0 ABO-identical, 1 ABO-compatible, +2 when RhD-positive goes to an RhD-negative recipient,
 * so every RhD-negative option outranks every RhD-positive one (DOMAIN.md: only "when RhD-negative
 * stock is short").
 */
function knownRecipientChoices(
  recipient: BloodGroup,
  component: Component,
  allowRhPositive: boolean,
): Candidate[] {
  const r = PARTS[recipient];
  const rhdMatters = component !== 'plasma' && component !== 'cryo'; // "RhD does not matter" for plasma
  const table = rhdMatters ? RED_CELL_DONORS : PLASMA_DONORS;
  const candidates: Candidate[] = [];
  for (const group of BLOOD_GROUPS) {
    const d = PARTS[group];
    const identical = d.abo === r.abo;
    if (!table[r.abo].includes(d.abo)) continue;
    if (component === 'whole_blood' && !identical) continue; // "Whole blood: ABO-identical only"
    const rhdMismatch = rhdMatters && d.rhdPositive && !r.rhdPositive;
    if (rhdMismatch && !allowRhPositive) continue;
    const flags: CompatibilityFlag[] = [identical ? 'abo_identical' : 'abo_compatible'];
    if (component === 'platelets' && !identical) flags.push('platelet_abo_nonidentical');
    if (rhdMismatch) flags.push('rhd_positive_to_negative');
    // Cells: identical RhD first (A+ recipient: A+, A−, O+, O−), then least universal ABO. Plasma,
    // where RhD does not matter: least universal ABO first, RhD only as a tie-break.
    const rhdRank = d.rhdPositive === r.rhdPositive ? 0 : 1;
    const aboRank = universality(table, d.abo);
    candidates.push({
      group,
      tier: (identical ? 0 : 1) + (rhdMismatch ? 2 : 0),
      order: rhdMatters ? rhdRank * 10 + aboRank : aboRank * 10 + rhdRank,
      flags,
    });
  }
  return candidates;
}

/**
 * Group unknown. Red cells and whole blood: O− only (DOMAIN.md "Emergency, group unknown"). Plasma and
 * cryo: AB, the universal plasma donor. Platelets: O− as for red cells, the red-cell table being the
 * platelet fallback; O+ only with allowRhPositive, because an unknown recipient may be RhD-negative.
 */
function unknownRecipientChoices(component: Component, allowRhPositive: boolean): Candidate[] {
  const choice = (group: BloodGroup, tier: number, flags: CompatibilityFlag[]): Candidate => ({
    group,
    tier,
    order: 0,
    flags,
  });
  switch (component) {
    case 'red_cells':
    case 'whole_blood':
      return [choice('O-', 0, ['abo_compatible', 'emergency_o_negative'])];
    case 'plasma':
    case 'cryo':
      return [choice('AB+', 0, ['abo_compatible']), choice('AB-', 0, ['abo_compatible'])];
    case 'platelets': {
      // Flagged non-identical and RhD-mismatched because neither can be ruled out.
      const choices = [
        choice('O-', 0, ['abo_compatible', 'platelet_abo_nonidentical', 'emergency_o_negative']),
      ];
      if (allowRhPositive) {
        choices.push(
          choice('O+', 1, ['abo_compatible', 'platelet_abo_nonidentical', 'rhd_positive_to_negative']),
        );
      }
      return choices;
    }
  }
}

/**
 * Donor groups a recipient may receive for a component, best first: ABO-identical before compatible;
 * within a rank the least universal stock first (O for red cells, AB for plasma, last) so universal
 * units are kept for those who need them. RhD-negative recipients get RhD-positive
 * red cells, platelets or whole blood only with allowRhPositive, flagged and ranked after all others.
 */
export function donorChoices(
  recipient: Recipient,
  component: Component,
  options: { allowRhPositive?: boolean } = {},
): DonorChoice[] {
  const allowRhPositive = options.allowRhPositive ?? false;
  const candidates =
    recipient === 'unknown'
      ? unknownRecipientChoices(component, allowRhPositive)
      : knownRecipientChoices(recipient, component, allowRhPositive);
  candidates.sort(
    (a, b) =>
      a.tier - b.tier || a.order - b.order || BLOOD_GROUPS.indexOf(a.group) - BLOOD_GROUPS.indexOf(b.group),
  );
  // Dense ranks: tiers that are empty (e.g. whole blood has no "compatible" tier) leave no gaps.
  const tiers = [...new Set(candidates.map((c) => c.tier))];
  return candidates.map((c) => ({ group: c.group, rank: tiers.indexOf(c.tier), flags: c.flags }));
}

/** Strict rules: no RhD-positive exception, no emergency choice. */
export function canReceive(recipient: BloodGroup, donor: BloodGroup, component: Component): boolean {
  return donorChoices(recipient, component).some((choice) => choice.group === donor);
}

/**
 * Groups whose donations can serve a short group, by the strict rules, best first — the donors a
 * shortage appeal should reach. e.g. O− red cells short → [O−]; A+ → [A+, A−, O+, O−].
 */
export function donorsWhoCanServe(shortGroup: BloodGroup, component: Component): BloodGroup[] {
  return donorChoices(shortGroup, component).map((choice) => choice.group);
}
