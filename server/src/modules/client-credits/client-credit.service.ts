import type { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../../platform/actor.js';
import { badInput, notFound } from '../../platform/errors.js';
import { formatMoney } from '../../platform/money.js';
import type { Invoice } from '../invoices/invoice.entity.js';
import { lockInvoice } from '../invoices/invoice-state.js';
import { InvoiceStatus } from '../invoices/invoice-status.js';
import type { PaymentException } from '../payment-exceptions/payment-exception.entity.js';
import type { PaymentExceptionRemedies } from '../payment-exceptions/payment-exception-remedies.js';
import type { CreditMemo, Payment } from '../payments/payment.entity.js';
import type { SettlementService } from '../payments/settlement.service.js';
import { CreditMemoPurpose } from '../payments/settlement.types.js';
import { ClientCredit, ClientCreditSource, type ClientCreditBalance } from './client-credit.entity.js';
import { creditToApply } from './client-credit-math.js';

export const APPLIED_REASON = 'Client credit applied';

/** Invoices credit can be spent on: finalized, not void, something still due. */
const OPEN = new Set<InvoiceStatus>([InvoiceStatus.SENT, InvoiceStatus.PARTIALLY_PAID, InvoiceStatus.UNCOLLECTIBLE]);

type NewRow = Pick<ClientCredit, 'orgId' | 'clientId' | 'currency' | 'amount' | 'source'> &
  Partial<Pick<ClientCredit, 'creditMemoId' | 'paymentExceptionId' | 'invoiceId' | 'reversesId' | 'paymentId'>>;

export interface AppliedCredit {
  entry: ClientCredit;
  creditMemo: CreditMemo;
  invoice: Invoice;
}

/**
 * Client credit: granted by a credit memo on a paid invoice or an overpayment kept as credit, spent on
 * open invoices through the settlement path (a credit memo "Client credit applied"). Spending takes the
 * invoice's row lock, then the client's (the order finalize already holds them in), so two applications
 * for one client run one after the other and the second sees what the first left.
 */
export class ClientCreditService {
  constructor(
    private readonly db: DataSource,
    private readonly settlement: SettlementService,
    private readonly remedies: PaymentExceptionRemedies,
  ) {}

  /** Balances of these clients (of this org only), per currency, from the ledger; zero balances left out. */
  async balances(orgId: string, clientIds: readonly string[]): Promise<Map<string, ClientCreditBalance[]>> {
    const rows = (await this.db.query(
      `SELECT client_id, currency, SUM(amount)::bigint AS amount FROM client_credits
        WHERE org_id = $1 AND client_id = ANY($2::uuid[])
        GROUP BY client_id, currency HAVING SUM(amount) <> 0 ORDER BY currency`,
      [orgId, clientIds],
    )) as Array<{ client_id: string; currency: string; amount: string }>;
    const out = new Map<string, ClientCreditBalance[]>();
    for (const r of rows)
      out.set(r.client_id, [...(out.get(r.client_id) ?? []), { currency: r.currency, amount: Number(r.amount) }]);
    return out;
  }

  /** The ledgers of these clients, newest first, at most `limit` rows each, in one statement. */
  async ledgers(orgId: string, clientIds: readonly string[], limit = 200): Promise<Map<string, ClientCredit[]>> {
    const rows = await this.db.manager
      .getRepository(ClientCredit)
      .createQueryBuilder('c')
      .where(
        `c.id IN (SELECT id FROM (
           SELECT x.id, row_number() OVER (PARTITION BY x.client_id ORDER BY x.created_at DESC, x.id DESC) AS n
             FROM client_credits x WHERE x.org_id = :orgId AND x.client_id = ANY(:clientIds::uuid[])) r WHERE r.n <= :limit)`,
        { orgId, clientIds, limit },
      )
      .orderBy('c.created_at', 'DESC')
      .addOrderBy('c.id', 'DESC')
      .getMany();
    const out = new Map<string, ClientCredit[]>();
    for (const r of rows) out.set(r.clientId, [...(out.get(r.clientId) ?? []), r]);
    return out;
  }

  /** Credit spent on each of these invoices (positive minor units; 0 when none). */
  async appliedTo(orgId: string, invoiceIds: readonly string[]): Promise<Map<string, number>> {
    const rows = (await this.db.query(
      `SELECT invoice_id, -SUM(amount)::bigint AS applied FROM client_credits
        WHERE org_id = $1 AND invoice_id = ANY($2::uuid[]) AND source = 'APPLIED' GROUP BY invoice_id`,
      [orgId, invoiceIds],
    )) as Array<{ invoice_id: string; applied: string }>;
    return new Map(rows.map((r) => [r.invoice_id, Number(r.applied)]));
  }

  /** A credit memo issued TO_CLIENT_CREDIT: its amount becomes credit, once (unique on the memo). */
  grantFromCreditMemoIn(tx: EntityManager, actor: Actor, memo: CreditMemo): Promise<ClientCredit | null> {
    return this.insert(tx, actor, {
      orgId: memo.orgId,
      clientId: memo.clientId,
      currency: memo.currency,
      amount: memo.amount,
      source: ClientCreditSource.CREDIT_MEMO,
      creditMemoId: memo.id,
      invoiceId: memo.invoiceId,
    });
  }

  /**
   * A contract ended early and its unused time is worth more than the client's next invoice: that
   * invoice totals zero and the rest is credit on the account (as Stripe keeps a negative invoice's
   * amount in the customer's balance), once per invoice.
   */
  grantFromContractEndIn(
    tx: EntityManager,
    actor: Actor,
    f: { orgId: string; clientId: string; currency: string; invoiceId: string; amount: number },
  ): Promise<ClientCredit | null> {
    return this.insert(tx, actor, { ...f, source: ClientCreditSource.CONTRACT_END });
  }

  /** The third remedy of a payment exception: its excess stays with the client as credit. */
  keepExceptionAsCredit(orgId: string, actor: Actor, exceptionId: string): Promise<PaymentException> {
    return this.db.transaction(async (tx) => {
      const exc = await this.remedies.keepAsCreditIn(tx, orgId, actor, exceptionId);
      const [{ client_id }] = (await tx.query(`SELECT client_id FROM invoices WHERE org_id = $1 AND id = $2`, [
        orgId,
        exc.invoiceId,
      ])) as Array<{ client_id: string }>;
      await this.insert(tx, actor, {
        orgId,
        clientId: client_id!,
        currency: exc.currency,
        amount: exc.amount,
        source: ClientCreditSource.OVERPAYMENT,
        paymentExceptionId: exc.id,
        invoiceId: exc.invoiceId,
      });
      return exc;
    });
  }

  apply(orgId: string, actor: Actor, invoiceId: string, amount?: number | null): Promise<AppliedCredit> {
    return this.db.transaction((tx) => this.applyIn(tx, orgId, actor, invoiceId, amount));
  }

  /**
   * Spends the client's credit on one open invoice: `amount`, or as much as both the credit and the
   * balance due allow. Refused (naming the field, writing nothing) past either of them.
   */
  async applyIn(
    tx: EntityManager,
    orgId: string,
    actor: Actor,
    invoiceId: string,
    amount?: number | null,
  ): Promise<AppliedCredit> {
    if (amount != null && (!Number.isSafeInteger(amount) || amount <= 0))
      throw badInput('amount', 'The amount must be a positive whole number of minor units');
    const invoice = await lockInvoice(tx, orgId, invoiceId);
    if (!OPEN.has(invoice.status) || invoice.balanceDue <= 0)
      throw badInput('invoiceId', `Invoice ${invoice.number} is ${invoice.status.toLowerCase()}; nothing is due on it`);
    const available = await this.lockedBalance(tx, orgId, invoice.clientId, invoice.currency);
    const pick = creditToApply({ requested: amount ?? null, available, balanceDue: invoice.balanceDue });
    if ('error' in pick) {
      const fmt = (n: number) => formatMoney(n, invoice.currency);
      throw badInput(
        'amount',
        pick.error === 'NO_CREDIT'
          ? `The client has no credit in ${invoice.currency}`
          : pick.error === 'OVER_CREDIT'
            ? `Only ${fmt(available)} of credit is available`
            : `${fmt(amount!)} is more than the balance due of ${fmt(invoice.balanceDue)}`,
      );
    }
    return this.spendIn(tx, actor, invoice, pick.amount);
  }

  /**
   * On finalize, with the setting on: the client's credit in the invoice's currency is applied to it.
   * Nothing happens without credit. The caller's invoice object is brought up to date, so the email and
   * the answer of the send show the balance after the credit.
   */
  async applyOnFinalizeIn(tx: EntityManager, actor: Actor, invoice: Invoice): Promise<AppliedCredit | null> {
    if (invoice.balanceDue <= 0 || !OPEN.has(invoice.status)) return null;
    const available = await this.lockedBalance(tx, invoice.orgId, invoice.clientId, invoice.currency);
    if (available <= 0) return null;
    const applied = await this.spendIn(tx, actor, invoice, Math.min(available, invoice.balanceDue));
    Object.assign(invoice, applied.invoice);
    return applied;
  }

  private async spendIn(tx: EntityManager, actor: Actor, invoice: Invoice, amount: number): Promise<AppliedCredit> {
    const { creditMemo, invoice: after } = await this.settlement.issueCreditMemoIn(tx, invoice.orgId, actor, {
      invoiceId: invoice.id,
      amount,
      reason: APPLIED_REASON,
      purpose: CreditMemoPurpose.CLIENT_CREDIT_APPLIED,
    });
    const entry = await this.insert(tx, actor, {
      orgId: invoice.orgId,
      clientId: invoice.clientId,
      currency: invoice.currency,
      amount: -amount,
      source: ClientCreditSource.APPLIED,
      creditMemoId: creditMemo.id,
      invoiceId: invoice.id,
    });
    return { entry: entry!, creditMemo, invoice: after };
  }

  /**
   * An invoice voided with client credit applied gives the credit back: one REVERSED row per application
   * (unique on it, so a replay writes nothing). The credit memo stays on the void invoice as its record.
   */
  async reverseOnVoidIn(tx: EntityManager, actor: Actor, invoice: Invoice): Promise<number> {
    const applied = (await tx.query(
      `SELECT a.id, a.amount::bigint AS amount FROM client_credits a
        WHERE a.org_id = $1 AND a.invoice_id = $2 AND a.source = 'APPLIED'
          AND NOT EXISTS (SELECT 1 FROM client_credits r WHERE r.reverses_id = a.id)`,
      [invoice.orgId, invoice.id],
    )) as Array<{ id: string; amount: string }>;
    for (const a of applied)
      await this.insert(tx, actor, {
        orgId: invoice.orgId,
        clientId: invoice.clientId,
        currency: invoice.currency,
        amount: -Number(a.amount),
        source: ClientCreditSource.REVERSED,
        reversesId: a.id,
        invoiceId: invoice.id,
      });
    return applied.length;
  }

  /**
   * Money part of which had become the client's credit is gone (`invoice.kept-credit-unfunded`: a payment
   * deleted or lowered in the books, a chargeback; `cause` is the row that took it, `unfunded` the credit
   * it leaves without money behind it). Under the invoice's lock (the caller's) and then the client's, as
   * an application takes them: as much of it as the client still has is taken back, one TAKEN_BACK row
   * unique on `cause`, so a replay takes nothing twice and the balance never goes below 0. Credit is one
   * sum per client and currency, so it comes off whatever the client holds.
   *
   * What the client already spent cannot come off the account. It stays kept on this invoice, which then
   * owes it (paidTowards below 0): the debt belongs where the money failed to come, and the invoice that
   * spent the credit stays paid, as it was when the client spent what its account showed. Reopening that
   * one instead would need to know which credit paid it (a first-in-first-out guess made for the books,
   * not a fact: credit is one sum), lock other invoices under this one, and undo applications already in
   * QuickBooks. Either way the client owes exactly what was never paid, once.
   */
  async takeBackIn(tx: EntityManager, actor: Actor, invoice: Invoice, cause: Payment, unfunded: number) {
    const available = await this.lockedBalance(tx, invoice.orgId, invoice.clientId, invoice.currency);
    const amount = Math.min(unfunded, Math.max(0, available));
    let entry: ClientCredit | null = null;
    if (amount > 0) {
      entry = await this.insert(tx, actor, {
        orgId: invoice.orgId,
        clientId: invoice.clientId,
        currency: invoice.currency,
        amount: -amount,
        source: ClientCreditSource.TAKEN_BACK,
        paymentId: cause.id,
        invoiceId: invoice.id,
      });
      if (!entry) return; // this cause took it back already
    }
    await this.settlement.takeBackKeptCreditIn(tx, actor, invoice, {
      cause,
      takenBack: amount,
      alreadySpent: unfunded - amount,
      entryId: entry?.id ?? null,
    });
  }

  /** The client's balance in `currency`, read under the client's row lock (held to the end of the transaction). */
  /**
   * Of these clients, those with credit left in some currency: read without locks, to skip the locking
   * read for the many clients that have none (applyOnFinalizeIn locks and reads again).
   */
  async clientsWithCredit(tx: EntityManager, orgId: string, clientIds: string[]): Promise<Set<string>> {
    if (!clientIds.length) return new Set();
    const rows = (await tx.query(
      `SELECT DISTINCT client_id FROM client_credits WHERE org_id = $1 AND client_id = ANY($2::uuid[])
        GROUP BY client_id, currency HAVING SUM(amount) > 0`,
      [orgId, clientIds],
    )) as Array<{ client_id: string }>;
    return new Set(rows.map((r) => r.client_id));
  }

  private async lockedBalance(tx: EntityManager, orgId: string, clientId: string, currency: string): Promise<number> {
    const locked = (await tx.query(`SELECT id FROM clients WHERE org_id = $1 AND id = $2 FOR NO KEY UPDATE`, [
      orgId,
      clientId,
    ])) as unknown[];
    if (!locked.length) throw notFound('Client');
    const [{ b }] = (await tx.query(
      `SELECT COALESCE(SUM(amount), 0)::bigint AS b FROM client_credits WHERE org_id = $1 AND client_id = $2 AND currency = $3`,
      [orgId, clientId, currency],
    )) as Array<{ b: string }>;
    return Number(b);
  }

  /** One ledger row; a replay (same memo, same exception) writes nothing and returns null. */
  private async insert(tx: EntityManager, actor: Actor, row: NewRow): Promise<ClientCredit | null> {
    const [created] = (await tx.query(
      `INSERT INTO client_credits
         (org_id, client_id, currency, amount, source, credit_memo_id, payment_exception_id, invoice_id, reverses_id, payment_id, actor_type, actor_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT DO NOTHING RETURNING id`,
      [
        row.orgId,
        row.clientId,
        row.currency,
        row.amount,
        row.source,
        row.creditMemoId ?? null,
        row.paymentExceptionId ?? null,
        row.invoiceId ?? null,
        row.reversesId ?? null,
        row.paymentId ?? null,
        actor.type,
        actor.id,
      ],
    )) as Array<{ id: string }>;
    return created ? tx.findOneByOrFail(ClientCredit, { id: created.id }) : null;
  }
}
