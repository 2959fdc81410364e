import type { Principal } from '../modules/auth/principal.js';
import type { Role } from '../modules/auth/user.entity.js';

/**
 * Who may call what: the ONE table of the API's root fields. Every Query, Mutation and Subscription
 * field is listed with the least it needs; a field missing here is refused to everyone (fail closed),
 * and the security matrix test (src/security/06-token-scopes.test.ts) calls every field as every role
 * and scope and checks the answer against this table.
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

const PUBLIC: Access = { kind: 'public' };
const SIGNED_IN: Access = { kind: 'signedIn' };
const SESSION: Access = { kind: 'session' };
const staff = (min: StaffLevel, opts: { portal?: boolean; people?: boolean } = {}): Access => ({
  kind: 'staff',
  min,
  portal: !!opts.portal,
  people: !!opts.people,
});
const TECH = staff('TECHNICIAN');
const BILLING = staff('BILLING');
const ADMIN = staff('ADMIN');
const ADMIN_PEOPLE = staff('ADMIN', { people: true });
const BILLING_OR_PORTAL = staff('BILLING', { portal: true });

export const ACCESS: Record<'Query' | 'Mutation' | 'Subscription', Record<string, Access>> = {
  Query: {
    me: SIGNED_IN,
    organization: SIGNED_IN,
    invoices: BILLING_OR_PORTAL,
    invoice: BILLING_OR_PORTAL,
    payments: BILLING_OR_PORTAL,
    client: staff('TECHNICIAN', { portal: true }),
    clients: TECH,
    services: TECH,
    tickets: TECH,
    timeEntries: TECH,
    auditEvents: BILLING,
    dashboard: BILLING,
    emails: BILLING,
    portalUsers: BILLING,
    paymentSettings: BILLING,
    stripeConnection: BILLING,
    stripeWebhookEvents: BILLING,
    quickBooksConnection: BILLING,
    quickBooksAccounts: BILLING,
    quickBooksItems: BILLING,
    quickBooksExceptions: BILLING,
    quickBooksWebhookEvents: BILLING,
    paymentExceptions: BILLING,
    users: ADMIN,
    apiTokens: ADMIN,
    stripeOAuthUrl: ADMIN_PEOPLE,
  },
  Mutation: {
    login: PUBLIC,
    portalLogin: PUBLIC,
    acceptPortalInvite: PUBLIC,
    requestMagicLink: PUBLIC,
    loginWithMagicLink: PUBLIC,
    logout: PUBLIC,
    logoutEverywhere: SESSION,
    startInvoicePayment: BILLING_OR_PORTAL,
    logTime: TECH,
    submitTimeEntries: TECH,
    createTicket: TECH,
    approveTimeEntries: BILLING,
    rejectTimeEntry: BILLING,
    rejectTimeEntries: BILLING,
    createClient: BILLING,
    updateClient: BILLING,
    createService: BILLING,
    updateService: BILLING,
    generateInvoices: BILLING,
    createInvoice: BILLING,
    updateDraftInvoice: BILLING,
    sendInvoice: BILLING,
    voidInvoice: BILLING,
    markInvoiceUncollectible: BILLING,
    recordPayment: BILLING,
    issueCreditMemo: BILLING,
    invitePortalUser: BILLING,
    sendInvoiceToQuickBooks: BILLING,
    emailInvoiceViaQuickBooks: BILLING,
    resolveQuickBooksException: BILLING,
    retryQuickBooksException: BILLING,
    refundPaymentException: BILLING,
    dismissPaymentException: BILLING,
    updateOrganizationSettings: ADMIN,
    updatePaymentSettings: ADMIN,
    setClientStripeSendVia: ADMIN,
    linkStripeCustomer: ADMIN,
    testStripeConnection: ADMIN,
    registerStripeWebhook: ADMIN,
    setStripeWebhookSecret: ADMIN,
    rotateStripeWebhookToken: ADMIN,
    replayStripeWebhookEvent: ADMIN,
    updateQuickBooksMapping: ADMIN,
    connectStripe: ADMIN_PEOPLE,
    disconnectStripe: ADMIN_PEOPLE,
    quickBooksAuthorizeUrl: ADMIN_PEOPLE,
    disconnectQuickBooks: ADMIN_PEOPLE,
    createUser: ADMIN_PEOPLE,
    createApiToken: ADMIN_PEOPLE,
    revokeApiToken: ADMIN_PEOPLE,
  },
  Subscription: {
    invoiceUpdated: BILLING_OR_PORTAL,
  },
};

/**
 * Fields below the root that hold more than their parent does: checked each time they resolve, against
 * the caller (an Invoice reaches portal users, its audit trail and payment exceptions do not).
 */
export const FIELD_ACCESS: Record<string, Record<string, Access>> = {
  Invoice: { timeline: BILLING, paymentExceptions: BILLING },
  PaymentException: { payment: BILLING },
};

/** What a field needs: its entry in ACCESS (root fields) or FIELD_ACCESS; undefined means nobody. */
export function accessOf(typeName: string, fieldName: string): Access | undefined {
  const table =
    typeName === 'Query' || typeName === 'Mutation' || typeName === 'Subscription'
      ? ACCESS[typeName]
      : FIELD_ACCESS[typeName];
  return table && Object.hasOwn(table, fieldName) ? table[fieldName] : undefined;
}

/** The role lattice: OWNER and ADMIN manage, BILLING bills, TECHNICIAN logs time. */
const ROLE_RANK: Record<Role, number> = { TECHNICIAN: 1, BILLING: 2, ADMIN: 3, OWNER: 3 };
const LEVEL_RANK: Record<StaffLevel, number> = { TECHNICIAN: 1, BILLING: 2, ADMIN: 3 };
/** What a token scope is worth on that lattice. `read` reads what billing reads, and writes nothing. */
const SCOPE_RANK: Record<TokenScope, number> = { read: 2, billing: 2, admin: 3 };

/** The role a token acts with inside resolvers that branch on role. */
export const SCOPE_ROLE: Record<TokenScope, Role> = { read: 'BILLING', billing: 'BILLING', admin: 'ADMIN' };

export type Caller =
  { kind: 'anonymous' } | { kind: 'user'; role: Role } | { kind: 'portal' } | { kind: 'token'; scope: TokenScope };

/** The caller as the access table sees it (a principal, less who exactly it is). */
export function callerOf(p: Principal | null): Caller {
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
