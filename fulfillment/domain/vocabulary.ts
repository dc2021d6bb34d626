/**
 * The canonical values of the bot contract (blood groups, components, urgency and the like). Slot
 * types in bots/definition/slotTypes.ts resolve to exactly these strings, and the domain, the store
 * and every adapter speak them. Pure: no AWS, no Lex.
 */
export const BLOOD_GROUPS = ['O+', 'O-', 'A+', 'A-', 'B+', 'B-', 'AB+', 'AB-'] as const;
export type BloodGroup = (typeof BLOOD_GROUPS)[number];

export const COMPONENTS = ['whole_blood', 'red_cells', 'platelets', 'plasma', 'cryo'] as const;
export type Component = (typeof COMPONENTS)[number];

export const DONATION_TYPES = ['whole_blood', 'double_red_cells', 'platelets', 'plasma'] as const;
export type DonationType = (typeof DONATION_TYPES)[number];

export const URGENCIES = ['routine', 'urgent', 'emergency'] as const;
export type Urgency = (typeof URGENCIES)[number];

export const ROLES = ['anonymous', 'donor', 'staff', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** What donors ask about before they come (DOMAIN.md "Self-declared deferrals"): CheckEligibility's topic. */
export const DEFERRAL_TOPICS = [
  'tattoo',
  'travel',
  'illness',
  'antibiotics',
  'vaccination',
  'pregnancy',
] as const;
export type DeferralTopic = (typeof DEFERRAL_TOPICS)[number];

export const SEXES = ['F', 'M'] as const;
export type Sex = (typeof SEXES)[number];

/** Human wording used in replies: "O RhD negative red cells". */
export const COMPONENT_LABEL: Record<Component, string> = {
  whole_blood: 'whole blood',
  red_cells: 'red cells',
  platelets: 'platelets',
  plasma: 'plasma',
  cryo: 'cryo',
};

export const DONATION_TYPE_LABEL: Record<DonationType, string> = {
  whole_blood: 'whole blood',
  double_red_cells: 'double red cells',
  platelets: 'platelets',
  plasma: 'plasma',
};

export function isBloodGroup(value: string): value is BloodGroup {
  return (BLOOD_GROUPS as readonly string[]).includes(value);
}
export function isComponent(value: string): value is Component {
  return (COMPONENTS as readonly string[]).includes(value);
}
export function isDeferralTopic(value: string): value is DeferralTopic {
  return (DEFERRAL_TOPICS as readonly string[]).includes(value);
}
