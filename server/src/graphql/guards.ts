import type { Actor } from '../platform/actor.js';
import { forbidden, unauthenticated } from '../platform/errors.js';
import { actorOf, type Principal } from '../modules/auth/principal.js';
import type { Role } from '../modules/auth/user.entity.js';
import type { InvoiceScope } from '../modules/invoices/invoice-query.js';
import type { GraphQLContext } from './context.js';
import { SCOPE_ROLE } from './access-policy.js';

export const BILLING_ROLES: Role[] = ['OWNER', 'ADMIN', 'BILLING'];
export const MANAGER_ROLES: Role[] = ['OWNER', 'ADMIN'];
export const ANY_STAFF: Role[] = ['OWNER', 'ADMIN', 'BILLING', 'TECHNICIAN'];

export interface StaffAccess {
  orgId: string;
  actor: Actor;
  principal: Exclude<Principal, { kind: 'portal' }>;
}

/**
 * Admin-side access. API tokens act for their org with the role their scope stands for (read and
 * billing: BILLING, admin: ADMIN; read tokens never reach a mutation, see access-policy.ts); `usersOnly`
 * keeps some actions (minting tokens, creating users, connecting providers) for signed-in people.
 */
export function requireStaff(ctx: GraphQLContext, roles: Role[] = BILLING_ROLES, opts: { usersOnly?: boolean } = {}): StaffAccess {
  const p = ctx.principal;
  if (!p) throw unauthenticated();
  if (p.kind === 'portal') throw forbidden('Portal users cannot do that');
  if (p.kind === 'token' && opts.usersOnly) throw forbidden('API tokens cannot do that; sign in as an admin');
  if (p.kind === 'user' && !roles.includes(p.role)) throw forbidden(`Your role (${p.role}) cannot do that`);
  if (p.kind === 'token' && !roles.includes(SCOPE_ROLE[p.scope])) throw forbidden(`This API token (scope ${p.scope}) cannot do that`);
  return { orgId: p.orgId, actor: actorOf(p), principal: p };
}

export function requirePrincipal(ctx: GraphQLContext): Principal {
  if (!ctx.principal) throw unauthenticated();
  return ctx.principal;
}

/** What invoices the caller may see: a portal user only its client's finalized invoices. */
export function invoiceScopeOf(ctx: GraphQLContext): InvoiceScope {
  const p = requirePrincipal(ctx);
  if (p.kind === 'portal') return { orgId: p.orgId, clientId: p.clientId, finalizedOnly: true };
  if (p.kind === 'user' && !BILLING_ROLES.includes(p.role)) throw forbidden(`Your role (${p.role}) cannot see invoices`);
  return { orgId: p.orgId };
}
