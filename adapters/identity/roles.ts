/**
 * Cognito groups → our role. A user in several groups gets the strongest; a signed-in user in no
 * group is a donor (self sign-up lands there), never staff by default.
 */
import type { Role } from '../../fulfillment/domain/vocabulary.js';

const STRENGTH: ReadonlyArray<Exclude<Role, 'anonymous'>> = ['admin', 'staff', 'donor'];

export function roleFromGroups(groups: unknown): Exclude<Role, 'anonymous'> {
  const list = Array.isArray(groups) ? groups.filter((g): g is string => typeof g === 'string') : [];
  return STRENGTH.find((role) => list.includes(role)) ?? 'donor';
}
