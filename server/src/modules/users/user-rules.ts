import { badInput, conflict, forbidden, type AppError } from '../../platform/errors.js';
import type { Role } from '../auth/user.entity.js';

/**
 * Roles in the order of what they may do. The access lattice (graphql/access-policy.ts) ranks OWNER and
 * ADMIN alike, since they reach the same fields; here they differ: ownership is what an admin lacks.
 */
const ROLE_ORDER: Record<Role, number> = { TECHNICIAN: 1, BILLING: 2, ADMIN: 3, OWNER: 4 };

/** A staff user as the rules read them: as the database has them now, under lock. */
export interface Person {
  id: string;
  role: Role;
  disabled: boolean;
}

export type UserChange = { kind: 'update'; role?: Role } | { kind: 'disable' } | { kind: 'enable' };

export const LAST_OWNER = 'The organization must keep at least one enabled owner: make someone else an owner first';

/**
 * Why `actor` may not make `change` to `target`, or null when they may. `enabledOwners` counts the org's
 * enabled owners now. Pure: the service reads both people and the count under the rows' locks, so what
 * these rules see is what the change is applied to (a concurrent demotion has committed or waits).
 */
export function refusalOf(
  actor: Person | null,
  target: Person,
  change: UserChange,
  enabledOwners: number,
): AppError | null {
  const newRole = change.kind === 'update' ? change.role : undefined;
  if (target.id === actor?.id) {
    if (change.kind === 'disable') return badInput('id', 'You cannot disable yourself; ask another owner or admin');
    if (newRole && ROLE_ORDER[newRole] < ROLE_ORDER[actor.role])
      return badInput('role', 'You cannot lower your own role; ask another owner or admin to do it');
  }
  // Before who may do what: two owners demoting or disabling each other at once meet here, the second
  // finding itself no longer an owner (or disabled) and its target the last one. The access row already
  // admitted the caller as an owner or admin, to whom this says nothing they could not read in `users`.
  const endsOwnership = change.kind === 'disable' || (newRole !== undefined && newRole !== 'OWNER');
  if (target.role === 'OWNER' && !target.disabled && endsOwnership && enabledOwners <= 1) return conflict(LAST_OWNER);
  if (!actor || actor.disabled || ROLE_ORDER[actor.role] < ROLE_ORDER.ADMIN)
    return forbidden('Only owners and admins manage users');
  if (target.role === 'OWNER' && actor.role !== 'OWNER')
    return forbidden('Only an owner can change, disable or enable an owner');
  if (newRole && ROLE_ORDER[newRole] > ROLE_ORDER[actor.role])
    return badInput(
      'role',
      newRole === 'OWNER' ? 'Only an owner can make someone an owner' : 'You cannot give a role above your own',
    );
  return null;
}
