import { describe, expect, it } from 'vitest';
import type { Principal } from '../modules/auth/principal.js';
import { ACCESS, FIELD_ACCESS, accessOf } from './resolvers.js';
import { staffAccess, visibleInvoicesOf } from './guards.js';

/** What the parameter decorators hand a resolver, and how they refuse: pure, no database. */
const user = (role: 'OWNER' | 'ADMIN' | 'BILLING' | 'TECHNICIAN'): Principal => ({
  kind: 'user',
  orgId: 'o1',
  userId: 'u1',
  role,
  name: 'N',
  email: 'n@x.test',
});
const token = (scope: 'read' | 'billing' | 'admin'): Principal => ({
  kind: 'token',
  orgId: 'o1',
  tokenId: 't1',
  name: 'T',
  scope,
});
const portal: Principal = {
  kind: 'portal',
  orgId: 'o1',
  portalUserId: 'p1',
  clientId: 'c1',
  name: 'P',
  email: 'p@x.test',
};

const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return { code: (err as { code?: string }).code, message: (err as Error).message };
  }
  return null;
};

describe('staffAccess', () => {
  it('hands the org and actor of callers the table admits', () => {
    expect(staffAccess(user('BILLING'), ACCESS.Mutation.createClient)).toMatchObject({
      orgId: 'o1',
      actor: { id: 'u1' },
    });
    expect(staffAccess(token('read'), FIELD_ACCESS.Invoice!.timeline)).toMatchObject({
      orgId: 'o1',
      actor: { id: 't1' },
    });
  });

  it('refuses with the caller-specific messages', () => {
    expect(refusal(() => staffAccess(null, ACCESS.Query.clients))).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(refusal(() => staffAccess(portal, FIELD_ACCESS.Invoice!.timeline))).toEqual({
      code: 'FORBIDDEN',
      message: 'Portal users cannot do that',
    });
    expect(refusal(() => staffAccess(user('TECHNICIAN'), ACCESS.Query.auditEvents))).toEqual({
      code: 'FORBIDDEN',
      message: 'Your role (TECHNICIAN) cannot do that',
    });
    expect(refusal(() => staffAccess(token('billing'), ACCESS.Mutation.updatePaymentSettings))).toEqual({
      code: 'FORBIDDEN',
      message: 'This API token (scope billing) cannot do that',
    });
    expect(refusal(() => staffAccess(token('admin'), ACCESS.Mutation.createApiToken))).toEqual({
      code: 'FORBIDDEN',
      message: 'API tokens cannot do that; sign in as an admin',
    });
  });

  it('fails closed on a field the table does not list', () => {
    expect(accessOf('Invoice', 'lines')).toBeUndefined();
    expect(accessOf('Query', 'constructor')).toBeUndefined();
    expect(refusal(() => staffAccess(user('OWNER'), accessOf('Invoice', 'lines')))).toMatchObject({
      code: 'FORBIDDEN',
    });
  });
});

describe('visibleInvoicesOf', () => {
  it('narrows portal users to their client, lets billing staff and tokens see the org, and technicians nothing', () => {
    expect(visibleInvoicesOf(portal)).toEqual({ orgId: 'o1', clientId: 'c1', issuedOnly: true });
    expect(visibleInvoicesOf(user('BILLING'))).toEqual({ orgId: 'o1' });
    expect(visibleInvoicesOf(token('read'))).toEqual({ orgId: 'o1' });
    expect(visibleInvoicesOf(user('TECHNICIAN'))).toBeNull();
  });
});
