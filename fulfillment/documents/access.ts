/**
 * Who may read or write which documents, by key prefix. Pure, so every use case asks the same
 * question the same way; on AWS the functions' IAM policies allow the same prefixes again. Which
 * role may is the authorization table's (auth/authorize.ts); whose donor folder is whose is here.
 *
 *   donors/<donorId>/…   staff and admins; a donor only under their own id
 *   reports/…            staff and admins (written by the daily job, or on demand by staff)
 *   audit-exports/…      admins only
 *   anything else        nobody through a use case
 */
import { type Action, authorize } from '../auth/authorize.js';
import type { Principal } from '../auth/principal.js';

export const PREFIX = {
  donors: 'donors/',
  reports: 'reports/',
  auditExports: 'audit-exports/',
} as const;

export type DocumentOperation = 'read' | 'write';

/** The principal that writes scheduled reports; never a person, never from a token. */
export const SYSTEM_PRINCIPAL: Principal = { userId: 'system', role: 'admin', channel: 'system' };

export function donorPrefix(donorId: string): string {
  return `${PREFIX.donors}${donorId}/`;
}

/** Which action of the authorization table a key and an operation are. */
function actionFor(key: string, operation: DocumentOperation): Action | null {
  if (key.startsWith(PREFIX.donors)) return operation === 'write' ? 'documents.upload' : 'documents.read';
  if (key.startsWith(PREFIX.reports))
    return operation === 'write' ? 'reports.stock.make' : 'reports.stock.read';
  if (key.startsWith(PREFIX.auditExports)) return 'audit.export';
  return null;
}

/** The role decision is the table's; what is left here is whose documents a donor's are. */
export function mayAccess(principal: Principal, key: string, operation: DocumentOperation): boolean {
  const action = actionFor(key, operation);
  if (!action) return false;
  const decision = authorize(action, principal.role);
  if (!decision.allowed) return false;
  if (!key.startsWith(PREFIX.donors)) return decision.access === 'full';
  const donorId = key.slice(PREFIX.donors.length).split('/')[0];
  if (!donorId) return false;
  return decision.access === 'full' || (decision.access === 'own' && principal.donorId === donorId);
}
