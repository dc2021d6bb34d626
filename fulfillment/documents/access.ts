/**
 * Who may read or write which documents, by key prefix. Pure, so every use case asks the same
 * question the same way; on AWS the functions' IAM policies allow the same prefixes again.
 *
 *   donors/<donorId>/…   staff and admins; a donor only under their own id
 *   reports/…            staff and admins (written by the daily job, or on demand by staff)
 *   audit-exports/…      admins only
 *   anything else        nobody through a use case
 */
import type { Principal } from '../auth/principal.js';

export const PREFIX = {
  donors: 'donors/',
  reports: 'reports/',
  auditExports: 'audit-exports/',
} as const;

export type DocumentOperation = 'read' | 'write';

/** The principal that writes scheduled reports; never a person, never from a token. */
export const SYSTEM_PRINCIPAL: Principal = { userId: 'system', role: 'admin', channel: 'system' };

function isStaff(principal: Principal): boolean {
  return principal.role === 'staff' || principal.role === 'admin';
}

export function donorPrefix(donorId: string): string {
  return `${PREFIX.donors}${donorId}/`;
}

/** Reads and writes follow the same rule today; the operation is kept so a rule can tell them apart. */
export function mayAccess(principal: Principal, key: string, _operation: DocumentOperation): boolean {
  if (key.startsWith(PREFIX.donors)) {
    const donorId = key.slice(PREFIX.donors.length).split('/')[0];
    if (!donorId) return false;
    if (isStaff(principal)) return true;
    return principal.role === 'donor' && principal.donorId === donorId;
  }
  if (key.startsWith(PREFIX.reports)) {
    return isStaff(principal);
  }
  if (key.startsWith(PREFIX.auditExports)) return isAdmin(principal);
  return false;
}

function isAdmin(principal: Principal): boolean {
  return principal.role === 'admin';
}
