import type { GraphQLResolveInfo } from 'graphql';
import { createParameterDecorator } from 'type-graphql';
import type { Actor } from '../platform/actor.js';
import { forbidden, unauthenticated } from '../platform/errors.js';
import { actorOf, type Principal } from '../modules/auth/principal.js';
import type { Role } from '../modules/auth/user.entity.js';
import type { InvoiceScope } from '../modules/invoices/invoice-query.js';
import type { Container } from '../app/container.js';
import type { GraphQLContext } from './context.js';
import { attachedAccess, callerOf, decide, type Access } from './access-policy.js';

/**
 * What a resolver is handed about its caller. Who may call a field is said once, in the access row its
 * module declares (access-policy.ts), and enforced before the resolver runs (access-enforcement.ts, which
 * leaves the row on the schema field); the parameter decorators below only hand the resolver the
 * authorized org, actor or principal, and check the same row again on the way (fail closed: a field with
 * no row hands nothing to anyone).
 */

export const BILLING_ROLES: Role[] = ['OWNER', 'ADMIN', 'BILLING'];

/** Who a staff field's caller is, once the access row admitted them. */
export interface StaffCaller {
  orgId: string;
  actor: Actor;
  principal: Exclude<Principal, { kind: 'portal' }>;
}

/** What `@Staff()` hands a resolver: the admitted caller, and the app's services to call one of. */
export interface StaffAccess extends StaffCaller {
  container: Container;
}

/**
 * Admin-side access to a field whose entry in the table is `access`. API tokens act for their org with
 * the role their scope stands for (read and billing: BILLING, admin: ADMIN); people-only entries keep
 * tokens out of minting tokens, creating users and connecting providers.
 */
export function staffAccess(p: Principal | null, access: Access | undefined): StaffCaller {
  if (!p) throw unauthenticated();
  if (p.kind === 'portal') throw forbidden('Portal users cannot do that');
  if (decide(access, callerOf(p), 'query') !== 'allow') {
    if (p.kind === 'token' && access?.kind === 'staff' && access.people)
      throw forbidden('API tokens cannot do that; sign in as an admin');
    throw forbidden(
      p.kind === 'user' ? `Your role (${p.role}) cannot do that` : `This API token (scope ${p.scope}) cannot do that`,
    );
  }
  return { orgId: p.orgId, actor: actorOf(p), principal: p };
}

export function signedIn(p: Principal | null): Principal {
  if (!p) throw unauthenticated();
  return p;
}

/**
 * What invoices a caller may see, in the API and as PDFs: a portal user only the invoices issued to its
 * client (`issuedToClient`: sent, never a draft, nor a draft voided unsent), billing staff and API
 * tokens their org's. Null: none at all.
 */
export function visibleInvoicesOf(p: Principal): InvoiceScope | null {
  if (p.kind === 'portal') return { orgId: p.orgId, clientId: p.clientId, issuedOnly: true };
  if (p.kind === 'user' && !BILLING_ROLES.includes(p.role)) return null;
  return { orgId: p.orgId };
}

export function invoiceScopeFor(principal: Principal | null): InvoiceScope {
  const p = signedIn(principal);
  const scope = visibleInvoicesOf(p);
  if (!scope) throw forbidden(`Your role (${p.kind === 'user' ? p.role : p.kind}) cannot see invoices`);
  return scope;
}

const accessHere = (info: GraphQLResolveInfo) => attachedAccess(info.parentType.getFields()[info.fieldName]);

/** `@Staff() staff: StaffAccess`: the org, actor and principal of staff (or a token) the table admits here. */
export const Staff = () =>
  createParameterDecorator<GraphQLContext>(({ context, info }): StaffAccess => ({
    ...staffAccess(context.principal, accessHere(info)),
    container: context.container,
  }));

/**
 * `@Staff()` for a module's resolvers: the admitted caller with the module's services picked from the
 * container, e.g. `const StripeStaff = () => StaffWith((c) => ({ stripe: stripeOf(c) }))`.
 */
export const StaffWith = <S extends object>(pick: (container: Container) => S) =>
  createParameterDecorator<GraphQLContext>(({ context, info }): StaffCaller & S => ({
    ...staffAccess(context.principal, accessHere(info)),
    ...pick(context.container),
  }));

/** `@OrgId() orgId: string`: the org of staff (or a token) the table admits here. */
export const OrgId = () =>
  createParameterDecorator<GraphQLContext>(
    ({ context, info }) => staffAccess(context.principal, accessHere(info)).orgId,
  );

/** `@SignedIn() p: Principal`: any signed-in caller (staff, token or portal user), for fields that serve all. */
export const SignedIn = () => createParameterDecorator<GraphQLContext>(({ context }) => signedIn(context.principal));

/** `@VisibleInvoices() scope: InvoiceScope`: the invoices the caller may see (portal: those issued to its client). */
export const VisibleInvoices = () =>
  createParameterDecorator<GraphQLContext>(({ context }) => invoiceScopeFor(context.principal));
