import type { GraphQLField } from 'graphql';
import type { Role } from '../modules/auth/user.entity.js';

/**
 * Who may call what. Every Query, Mutation and Subscription field has an access row saying the least it
 * needs, declared by the module that owns the field (SettleModule.access, next to its resolvers); the
 * API's table is the union over the module list (graphql/resolvers.ts). A root field with no row is
 * refused to everyone (fail closed), and the security matrix test (src/security/06-token-scopes.test.ts)
 * calls every field as every role and scope and checks the answer against the table.
 *
 * Levels, from least to most:
 *   PUBLIC     anyone, signed in or not (sign-in flows)
 *   SIGNED_IN  any caller: staff, API token, portal user
 *   SESSION    a signed-in person (staff or portal), never an API token
 *   staff(min) staff of at least `min` and tokens whose scope reaches `min`; `portal` also lets portal
 *              users in (the resolver then narrows to their client); `people` keeps API tokens out.
 *
 * People-only (no token of any scope): minting/revoking API tokens and creating users (a token must not
 * widen its own power or make people), and connecting/disconnecting Stripe or QuickBooks (where money
 * and the books go; the OAuth flows are browser redirects bound to the session that started them).
 */
export type Access =
  | { kind: 'public' }
  | { kind: 'signedIn' }
  | { kind: 'session' }
  | { kind: 'staff'; min: StaffLevel; portal: boolean; people: boolean };

export type StaffLevel = 'TECHNICIAN' | 'BILLING' | 'ADMIN';
export const TOKEN_SCOPES = ['read', 'billing', 'admin'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

export const PUBLIC: Access = { kind: 'public' };
export const SIGNED_IN: Access = { kind: 'signedIn' };
export const SESSION: Access = { kind: 'session' };
export const staff = (min: StaffLevel, opts: { portal?: boolean; people?: boolean } = {}): Access => ({
  kind: 'staff',
  min,
  portal: !!opts.portal,
  people: !!opts.people,
});
export const TECH = staff('TECHNICIAN');
export const BILLING = staff('BILLING');
export const ADMIN = staff('ADMIN');
export const ADMIN_PEOPLE = staff('ADMIN', { people: true });
export const BILLING_OR_PORTAL = staff('BILLING', { portal: true });

export type RootTypeName = 'Query' | 'Mutation' | 'Subscription';
export const ROOT_TYPES: readonly RootTypeName[] = ['Query', 'Mutation', 'Subscription'];

/** Access rows by field name. */
export type AccessRows = Record<string, Access>;

/**
 * What a module declares, by GraphQL type name: rows for its root fields (Query, Mutation, Subscription),
 * and for the few nested fields that hold more than their parent does (an Invoice reaches portal users,
 * its audit trail does not): those are checked each time they resolve.
 */
export type ModuleAccess = Partial<Record<RootTypeName, AccessRows>> & Record<string, AccessRows>;

/** The API's table: every module's rows, root fields apart from nested ones. */
export interface AccessTable {
  root: Record<RootTypeName, AccessRows>;
  nested: Record<string, AccessRows>;
}

/** What a field needs in `table`; undefined means nobody. */
export function accessIn(table: AccessTable, typeName: string, fieldName: string): Access | undefined {
  const rows = (ROOT_TYPES as readonly string[]).includes(typeName)
    ? table.root[typeName as RootTypeName]
    : table.nested[typeName];
  return rows && Object.hasOwn(rows, fieldName) ? rows[fieldName] : undefined;
}

/** The role lattice: OWNER and ADMIN manage, BILLING bills, TECHNICIAN logs time. */
const ROLE_RANK: Record<Role, number> = { TECHNICIAN: 1, BILLING: 2, ADMIN: 3, OWNER: 3 };
const LEVEL_RANK: Record<StaffLevel, number> = { TECHNICIAN: 1, BILLING: 2, ADMIN: 3 };
/** What a token scope is worth on that lattice. `read` reads what billing reads, and writes nothing. */
const SCOPE_RANK: Record<TokenScope, number> = { read: 2, billing: 2, admin: 3 };

/** The role a token acts with inside resolvers that branch on role. */
export const SCOPE_ROLE: Record<TokenScope, Role> = { read: 'BILLING', billing: 'BILLING', admin: 'ADMIN' };

/**
 * What a token of `scope` may do while its creator holds `role`: never more than the creator could.
 * Owners and admins keep every scope; billing staff keep `read` and `billing` (an `admin` token acts as
 * `billing`); a technician can read nothing a token reads (`read` reads what billing reads), so their
 * tokens stop working (null), as they do when the creator is disabled or removed.
 */
export function scopeWithin(scope: TokenScope, role: Role): TokenScope | null {
  const ceiling = ROLE_RANK[role];
  if (SCOPE_RANK[scope] <= ceiling) return scope;
  return ceiling >= SCOPE_RANK.billing ? 'billing' : null;
}

export type Caller =
  { kind: 'anonymous' } | { kind: 'user'; role: Role } | { kind: 'portal' } | { kind: 'token'; scope: TokenScope };

/**
 * The caller as the access table sees it: a principal (modules/auth/principal.ts), less who exactly it
 * is. Typed by the fields it reads, so the policy does not import the principal that imports its scopes.
 */
export function callerOf(
  p: { kind: 'user'; role: Role } | { kind: 'token'; scope: TokenScope } | { kind: 'portal' } | null,
): Caller {
  if (!p) return { kind: 'anonymous' };
  if (p.kind === 'user') return { kind: 'user', role: p.role };
  if (p.kind === 'token') return { kind: 'token', scope: p.scope };
  return { kind: 'portal' };
}

export type Operation = 'query' | 'mutation' | 'subscription';
export type Decision = 'allow' | 'unauthenticated' | 'forbidden';

/** Pure: may `caller` run a root field whose access is `access` in an operation of type `op`? */
export function decide(access: Access | undefined, caller: Caller, op: Operation): Decision {
  if (!access) return caller.kind === 'anonymous' ? 'unauthenticated' : 'forbidden';
  if (access.kind === 'public') return 'allow';
  if (caller.kind === 'anonymous') return 'unauthenticated';
  if (caller.kind === 'token' && caller.scope === 'read' && op === 'mutation') return 'forbidden';
  switch (access.kind) {
    case 'signedIn':
      return 'allow';
    case 'session':
      return caller.kind === 'token' ? 'forbidden' : 'allow';
    case 'staff':
      if (caller.kind === 'portal') return access.portal ? 'allow' : 'forbidden';
      if (caller.kind === 'token')
        return !access.people && SCOPE_RANK[caller.scope] >= LEVEL_RANK[access.min] ? 'allow' : 'forbidden';
      return ROLE_RANK[caller.role] >= LEVEL_RANK[access.min] ? 'allow' : 'forbidden';
  }
}

/** Where the schema keeps each guarded field's row (set by access-enforcement.ts, read back by guards.ts). */
const ROW_EXTENSION = 'settleAccess';

export function attachAccess(field: GraphQLField<unknown, unknown>, access: Access | undefined): void {
  field.extensions = { ...field.extensions, [ROW_EXTENSION]: access };
}

/** Whether the table gave this field a row of its own (every root field; nested fields it lists). */
export function hasAccessRow(field: GraphQLField<unknown, unknown>): boolean {
  return ROW_EXTENSION in (field.extensions ?? {});
}

/** The row enforcement attached to a schema field; undefined (nobody) if it attached none. */
export function attachedAccess(field: GraphQLField<unknown, unknown> | undefined): Access | undefined {
  return field?.extensions[ROW_EXTENSION] as Access | undefined;
}
