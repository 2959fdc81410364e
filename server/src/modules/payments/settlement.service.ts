import type { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../../platform/actor.js';
import { badInput } from '../../platform/errors.js';
import { formatMoney } from '../../platform/money.js';
import { logger } from '../../platform/logger.js';
import type { AuditService } from '../audit/audit.service.js';
import { Client } from '../clients/client.entity.js';
import type { EmailService } from '../email/email.service.js';
import { paymentConfirmationEmail } from '../email/email-templates.js';
import type { Invoice } from '../invoices/invoice.entity.js';
import type { InvoiceHookRegistry } from '../invoices/invoice-hooks.js';
import { lockInvoice, saveDerived } from '../invoices/invoice-state.js';
import { InvoiceStatus, todayUtc } from '../invoices/invoice-status.js';
import { Organization } from '../organizations/organization.entity.js';
import { CreditMemo, Payment, PaymentKind, PaymentMethod, PaymentSource } from './payment.entity.js';

export interface SettleInput {
  invoiceId: string;
  /** Positive: money received. Negative: money refunded. Minor units of the invoice currency. */
  amount: number;
  currency?: string;
  source: PaymentSource;
  method: PaymentMethod;
  reference?: string;
  /** The provider's id for this movement (charge, refund, QB Payment). Makes a replay a no-op. */
  externalId?: string | null;
  receivedOn?: string;
  /**
   * Provider money has already moved, so it is recorded even past the balance (the excess becomes client
   * credit and is flagged); a person recording by hand is refused instead.
   */
  allowOverpayment?: boolean;
}

export interface SettleResult {
  payment: Payment;
  invoice: Invoice;
  /** True when this external id had been recorded before: nothing changed. */
  replayed: boolean;
}

/**
 * The one settlement path for every payment source (manual, Stripe, QuickBooks): lock the invoice row,
 * record the payment (unique on the provider's id), derive the status from the amounts.
 */
export class SettlementService {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly email: EmailService,
    private readonly hooks: InvoiceHookRegistry,
    private readonly publicUrl: string,
  ) {}

  settle(orgId: string, actor: Actor, input: SettleInput): Promise<SettleResult> {
    return this.db.transaction((tx) => this.settleIn(tx, orgId, actor, input));
  }

  async settleIn(tx: EntityManager, orgId: string, actor: Actor, input: SettleInput): Promise<SettleResult> {
    const invoice = await lockInvoice(tx, orgId, input.invoiceId);
    if (input.externalId) {
      const prior = await tx.findOneBy(Payment, { orgId, source: input.source, externalId: input.externalId });
      if (prior) return { payment: prior, invoice, replayed: true };
    }
    this.validate(invoice, input);
    const before = { ...invoice };
    const kind = input.amount > 0 ? PaymentKind.PAYMENT : PaymentKind.REFUND;
    const payment = await tx.save(Payment, {
      orgId, invoiceId: invoice.id, clientId: invoice.clientId, kind, amount: input.amount, currency: invoice.currency,
      source: input.source, method: input.method, reference: input.reference ?? '', externalId: input.externalId ?? null,
      receivedOn: input.receivedOn ?? todayUtc(), actorType: actor.type, actorId: actor.id,
    } as Payment);
    const overBy = invoice.amountPaid + input.amount + invoice.amountCredited - invoice.total;
    invoice.amountPaid += input.amount;
    await saveDerived(tx, invoice);
    await this.audit.record(tx, orgId, actor, { type: 'Invoice', id: invoice.id }, kind === PaymentKind.PAYMENT ? 'invoice.payment_recorded' : 'invoice.refund_recorded', before, { ...invoice, payment });
    if (kind === PaymentKind.PAYMENT && overBy > 0) {
      logger.warn({ orgId, invoiceId: invoice.id, overBy }, 'invoice overpaid by a provider payment');
      await this.audit.record(tx, orgId, actor, { type: 'Invoice', id: invoice.id }, 'invoice.overpaid', null, { overBy, currency: invoice.currency, paymentId: payment.id });
    }
    await this.hooks.run('paymentRecorded', { tx, orgId, actor, invoice, payment });
    await this.hooks.run('balanceChanged', { tx, orgId, actor, invoice });
    if (kind === PaymentKind.PAYMENT) await this.confirm(tx, orgId, invoice, payment);
    return { payment, invoice, replayed: false };
  }

  private validate(invoice: Invoice, input: SettleInput): void {
    if (!Number.isSafeInteger(input.amount) || input.amount === 0) throw badInput('amount', 'The amount must be a non-zero whole number of minor units');
    if (input.currency && input.currency.toUpperCase() !== invoice.currency) {
      throw badInput('currency', `Invoice ${invoice.number} is in ${invoice.currency}, not ${input.currency.toUpperCase()}`);
    }
    if (invoice.status === InvoiceStatus.DRAFT) throw badInput('invoiceId', `Invoice ${invoice.number} is a draft; send it before recording payments`);
    if (invoice.status === InvoiceStatus.VOID && input.amount > 0 && !input.allowOverpayment) throw badInput('invoiceId', `Invoice ${invoice.number} is void`);
    if (input.amount > 0 && !input.allowOverpayment && input.amount > invoice.balanceDue) {
      throw badInput('amount', `${formatMoney(input.amount, invoice.currency)} is more than the balance due of ${formatMoney(invoice.balanceDue, invoice.currency)}`);
    }
    if (input.amount < 0 && -input.amount > invoice.amountPaid) {
      throw badInput('amount', `Cannot refund more than was paid (${formatMoney(invoice.amountPaid, invoice.currency)})`);
    }
  }

  /**
   * Rows read for confirmation emails, once per transaction: a provider applying a batch of payments in
   * one transaction reads its organization (and each client) once instead of once per payment.
   */
  private readonly readInTx = new WeakMap<EntityManager, Map<string, Promise<unknown>>>();
  private onceInTx<T>(tx: EntityManager, key: string, read: () => Promise<T>): Promise<T> {
    let m = this.readInTx.get(tx);
    if (!m) this.readInTx.set(tx, (m = new Map()));
    if (!m.has(key)) m.set(key, read());
    return m.get(key) as Promise<T>;
  }

  private async confirm(tx: EntityManager, orgId: string, invoice: Invoice, payment: Payment): Promise<void> {
    const org = await this.onceInTx(tx, `org:${orgId}`, () => tx.findOneByOrFail(Organization, { id: orgId }));
    if (!org.emailPaymentConfirmation) return;
    const client = await this.onceInTx(tx, `client:${invoice.clientId}`, () => tx.findOneByOrFail(Client, { id: invoice.clientId }));
    const mail = paymentConfirmationEmail({
      orgName: org.name, clientName: client.name, number: invoice.number, amount: payment.amount,
      balanceDue: invoice.balanceDue, currency: invoice.currency, viewUrl: `${this.publicUrl}/portal/invoices/${invoice.id}`,
    });
    await this.email.queue(tx, orgId, { kind: 'payment_confirmation', to: client.billingEmail, relatedId: invoice.id, ...mail });
  }

  /** Credit back part of what was paid on a PAID or VOID invoice (never more than was paid). */
  async issueCreditMemo(orgId: string, actor: Actor, input: { invoiceId: string; amount: number; reason: string }): Promise<{ creditMemo: CreditMemo; invoice: Invoice }> {
    return this.db.transaction(async (tx) => {
      const invoice = await lockInvoice(tx, orgId, input.invoiceId);
      if (invoice.status !== InvoiceStatus.PAID && invoice.status !== InvoiceStatus.VOID) {
        throw badInput('invoiceId', `Credit memos are for paid or void invoices; ${invoice.number} is ${invoice.status}`);
      }
      const creditable = invoice.amountPaid - invoice.amountCredited;
      if (input.amount > creditable) {
        throw badInput('amount', `At most ${formatMoney(Math.max(0, creditable), invoice.currency)} can be credited on ${invoice.number}`);
      }
      const before = { ...invoice };
      const creditMemo = await tx.save(CreditMemo, {
        orgId, invoiceId: invoice.id, clientId: invoice.clientId, amount: input.amount, currency: invoice.currency,
        reason: input.reason, actorType: actor.type, actorId: actor.id,
      } as CreditMemo);
      invoice.amountCredited += input.amount;
      await saveDerived(tx, invoice);
      await this.audit.record(tx, orgId, actor, { type: 'Invoice', id: invoice.id }, 'invoice.credit_memo_issued', before, { ...invoice, creditMemo });
      await this.hooks.run('creditMemoIssued', { tx, orgId, actor, invoice, creditMemo });
      return { creditMemo, invoice };
    });
  }
}
