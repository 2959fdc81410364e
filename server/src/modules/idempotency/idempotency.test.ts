import { describe, expect, it, vi } from 'vitest';
import { failure, ok, rawGql } from '../../../test/api.js';
import { forFile, settleForFile } from '../../../test/for-file.js';
import { canonicalJson } from './canonical-args.js';
import { idempotencyOf } from './idempotency.integration.js';
import { IdempotencyService, type KeyedCall } from './idempotency.service.js';
import { describeIdempotent, newKey, rowsOf, twoKeyOrgs, type KeyOrg } from './idempotency-test-kit.js';

const s = settleForFile({ worker: false });
const orgs = forFile(async () => ({ both: await twoKeyOrgs(s, ['Idem A', 'Idem B']) }));
const both = () => orgs.both;

const CREATE = `mutation($i: CreateInvoiceInput!, $key: String) {
  createInvoice(input: $i, idempotencyKey: $key) { id number status total lines { description amount } } }`;
const manualDraft = (o: KeyOrg, unitPrice: number) => ({
  i: { clientId: o.fx.client.id, lines: [{ description: 'Setup', quantity: '1', unitPrice }] },
});

let day = 0;
/** A day of 2025 no other test bills, with `minutes` of approved time on it. */
async function billableDay(o: KeyOrg): Promise<string> {
  const d = new Date(Date.UTC(2025, 0, 1 + day++)).toISOString().slice(0, 10);
  await o.fx.approvedEntry(30, d);
  return d;
}

describeIdempotent(() => s, both, {
  mutation: 'createInvoice',
  document: CREATE,
  concurrent: 'wait',
  prepare: async (o) => ({ vars: manualDraft(o, 5000), other: manualDraft(o, 6000) }),
  count: (o) => rowsOf(s, 'invoices', o.orgId),
});

describeIdempotent(() => s, both, {
  mutation: 'generateInvoices',
  document: `mutation($i: GenerateInvoicesInput!, $key: String) { generateInvoices(input: $i, idempotencyKey: $key) {
    invoices { id number total status } skipped { clientId reason } } }`,
  concurrent: 'refuse',
  prepare: async (o) => {
    const d = await billableDay(o);
    const i = { clientIds: [o.fx.client.id], periodStart: d, periodEnd: d };
    return { vars: { i }, other: { i: { ...i, periodStart: '2024-12-31' } } };
  },
  count: (o) => rowsOf(s, 'invoices', o.orgId),
});

describeIdempotent(() => s, both, {
  mutation: 'sendInvoice',
  document: `mutation($id: ID!, $d: [InvoiceDestination!], $key: String) {
    sendInvoice(id: $id, destinations: $d, idempotencyKey: $key) { id number status sentAt } }`,
  concurrent: 'wait',
  prepare: async (o) => {
    const draft = await o.fx.draftInvoice(30);
    return { vars: { id: draft.id }, other: { id: draft.id, d: ['EMAIL'] } };
  },
  count: (o) => rowsOf(s, 'emails', o.orgId, `kind = 'invoice'`),
});

const PAY = `mutation($i: RecordPaymentInput!, $key: String) { recordPayment(input: $i, idempotencyKey: $key) {
  payment { id amount method } invoice { id status amountPaid balanceDue } } }`;
describeIdempotent(() => s, both, {
  mutation: 'recordPayment',
  document: PAY,
  concurrent: 'wait',
  prepare: async (o) => {
    const inv = await o.fx.sentInvoice(60);
    const i = { invoiceId: inv.id, amount: 1000, method: 'CHECK' };
    return { vars: { i }, other: { i: { ...i, amount: 1500 } } };
  },
  count: (o) => rowsOf(s, 'payments', o.orgId),
});

describeIdempotent(() => s, both, {
  mutation: 'issueCreditMemo',
  document: `mutation($i: IssueCreditMemoInput!, $key: String) { issueCreditMemo(input: $i, idempotencyKey: $key) {
    creditMemo { id amount reason } invoice { id status amountCredited balanceDue } } }`,
  concurrent: 'wait',
  prepare: async (o) => {
    const inv = await o.fx.sentInvoice(60);
    const i = { invoiceId: inv.id, amount: 500, reason: 'Goodwill' };
    return { vars: { i }, other: { i: { ...i, reason: 'Something else' } } };
  },
  count: (o) => rowsOf(s, 'credit_memos', o.orgId),
});

describe('idempotency keys', () => {
  const invoices = () => rowsOf(s, 'invoices', both()[0].orgId);
  const create = (key: string | undefined, headers: Record<string, string>) =>
    rawGql(
      s,
      CREATE,
      { ...manualDraft(both()[0], 7000), ...(key ? { key } : {}) },
      {
        authorization: `Bearer ${both()[0].token}`,
        ...headers,
      },
    ).then((r) => r.json());

  it('come as the Idempotency-Key header too; the argument wins over the header', async () => {
    const key = newKey();
    const before = await invoices();
    const first = ok(await create(undefined, { 'idempotency-key': key })).createInvoice;
    const again = ok(await create(undefined, { 'idempotency-key': key })).createInvoice;
    expect(again).toEqual(first);
    // The header names a fresh key, the argument the first one: the first call is replayed.
    const byArg = ok(await create(key, { 'idempotency-key': newKey() })).createInvoice;
    expect(byArg).toEqual(first);
    expect(await invoices()).toBe(before + 1);
    const headerOther = failure(
      await rawGql(s, CREATE, manualDraft(both()[0], 9999), {
        authorization: `Bearer ${both()[0].token}`,
        'idempotency-key': key,
      }).then((r) => r.json()),
    );
    expect(headerOther.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('are kept by no call that fails, so the same key can be used again', async () => {
    const [a] = both();
    const inv = await a.fx.sentInvoice(60);
    const key = newKey();
    const pay = (amount: number) => s.gql(PAY, { i: { invoiceId: inv.id, amount, method: 'CHECK' }, key }, a.token);
    expect(failure(await pay(10_001)).code).toBe('BAD_USER_INPUT');
    expect(await rowsOf(s, 'idempotency_keys', a.orgId, `key = '${key}'`)).toBe(0);
    expect(ok(await pay(10_000)).recordPayment.payment.amount).toBe(10_000);
    // The same for a mutation that holds its key IN_PROGRESS while it runs (generateInvoices).
    const gen = `mutation($i: GenerateInvoicesInput!, $key: String) { generateInvoices(input: $i, idempotencyKey: $key) { invoices { id } } }`;
    const genKey = newKey();
    const i = { clientIds: [both()[1].fx.client.id], periodStart: '2025-06-01', periodEnd: '2025-06-01' };
    expect(failure(await s.gql(gen, { i, key: genKey }, a.token))).toMatchObject({ field: 'clientIds' });
    expect(await rowsOf(s, 'idempotency_keys', a.orgId, `key = '${genKey}'`)).toBe(0);
  });

  it('must be 1 to 255 characters', async () => {
    const [a] = both();
    const bad = async (key: string) => failure(await s.gql(CREATE, { ...manualDraft(a, 100), key }, a.token));
    expect(await bad('')).toMatchObject({ code: 'BAD_USER_INPUT', field: 'idempotencyKey' });
    expect(await bad('k'.repeat(256))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'idempotencyKey' });
  });

  it('expire after 24 hours: an expired key is used afresh, and the sweep deletes expired ones', async () => {
    const [a] = both();
    const key = newKey();
    const first = ok(await s.gql(CREATE, { ...manualDraft(a, 4200), key }, a.token)).createInvoice;
    const [row] = await s.container.db.query(
      `SELECT extract(epoch FROM expires_at - created_at)::int AS lifetime FROM idempotency_keys WHERE org_id = $1 AND key = $2`,
      [a.orgId, key],
    );
    expect(row.lifetime).toBe(24 * 3600);
    await s.container.db.query(`UPDATE idempotency_keys SET expires_at = now() - interval '1 second' WHERE key = $1`, [
      key,
    ]);
    const afresh = ok(await s.gql(CREATE, { ...manualDraft(a, 4300), key }, a.token)).createInvoice;
    expect(afresh.id).not.toBe(first.id);
    await s.container.db.query(`UPDATE idempotency_keys SET expires_at = now() - interval '1 second' WHERE key = $1`, [
      key,
    ]);
    const other = newKey();
    ok(await s.gql(CREATE, { ...manualDraft(a, 4400), key: other }, a.token));
    expect(await idempotencyOf(s.container).sweepExpired()).toBeGreaterThanOrEqual(1);
    expect(await rowsOf(s, 'idempotency_keys', a.orgId, `key IN ('${key}', '${other}')`)).toBe(1);
  });

  it('compare arguments in a canonical form: key order and null fields do not matter, values and order do', () => {
    expect(canonicalJson({ b: 1, a: { d: null, c: [2, 1] } })).toBe('{"a":{"c":[2,1]},"b":1}');
    expect(canonicalJson({ a: { c: [2, 1] }, b: 1 })).toBe(canonicalJson({ b: 1, a: { c: [2, 1], d: undefined } }));
    expect(canonicalJson({ a: [1, 2] })).not.toBe(canonicalJson({ a: [2, 1] }));
    expect(canonicalJson({ a: [] })).not.toBe(canonicalJson({}));
  });

  it('held by a caller that died mid-work are free again once its lease lapses, for the same call only', async () => {
    const [a] = both();
    const lease = 400;
    const stored = { save: (r: string) => r, load: async (r: unknown) => r as string };
    const call = (args: unknown): KeyedCall => ({
      orgId: a.orgId,
      caller: 'token:crash-test',
      operation: 'generateInvoices',
      key: key,
      args,
    });
    const key = newKey();
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    // A process that reserves the key, starts its work and dies: nothing it ran renews the key again.
    vi.useFakeTimers({ toFake: ['setInterval'] });
    let dead: IdempotencyService;
    try {
      dead = new IdempotencyService(s.container.db, lease);
      void dead.around(call({ n: 1 }), stored, () => new Promise<string>(() => undefined)).catch(() => undefined);
      await vi.waitFor(async () => expect(await rowsOf(s, 'idempotency_keys', a.orgId, `key = '${key}'`)).toBe(1));
    } finally {
      vi.useRealTimers();
    }
    const other = new IdempotencyService(s.container.db, lease);
    // While its lease runs the key is in use, and other arguments never get it.
    await expect(other.around(call({ n: 1 }), stored, async () => 'again')).rejects.toMatchObject({
      code: 'IDEMPOTENCY_KEY_IN_USE',
    });
    await sleep(lease * 2);
    await expect(other.around(call({ n: 2 }), stored, async () => 'other')).rejects.toMatchObject({
      code: 'IDEMPOTENCY_KEY_REUSED',
    });
    // The same call after the lease lapsed runs the work (it was cut off), and is then replayed for 24 hours.
    expect(await other.around(call({ n: 1 }), stored, async () => 'done')).toBe('done');
    expect(await other.around(call({ n: 1 }), stored, async () => 'twice')).toBe('done');
    const [row] = await s.container.db.query(
      `SELECT status, extract(epoch FROM expires_at - created_at)::int AS lifetime FROM idempotency_keys WHERE key = $1`,
      [key],
    );
    expect(row).toEqual({ status: 'COMPLETED', lifetime: 24 * 3600 });
  });

  it('held by a caller still at work stay held past the lease: it renews them', async () => {
    const [a] = both();
    const lease = 300;
    const stored = { save: (r: string) => r, load: async (r: unknown) => r as string };
    const key = newKey();
    const call: KeyedCall = { orgId: a.orgId, caller: 'token:slow-test', operation: 'generateInvoices', key, args: {} };
    const svc = new IdempotencyService(s.container.db, lease);
    let finish!: (v: string) => void;
    const first = svc.around(call, stored, () => new Promise<string>((r) => (finish = r)));
    await new Promise((r) => setTimeout(r, lease * 4));
    await expect(svc.around(call, stored, async () => 'second')).rejects.toMatchObject({
      code: 'IDEMPOTENCY_KEY_IN_USE',
    });
    finish('first');
    expect(await first).toBe('first');
    expect(await svc.around(call, stored, async () => 'second')).toBe('first');
  });
});
