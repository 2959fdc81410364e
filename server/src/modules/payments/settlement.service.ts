import type { EntityManager } from 'typeorm';
import type { Actor } from '../../platform/actor.js';
import { badInput, conflict, notFound } from '../../platform/errors.js';
import { formatMoney } from '../../platform/money.js';
import { logger } from '../../platform/logger.js';
import type { AuditEntry } from '../audit/audit.service.js';
import { MailingService, type MailingServiceDeps } from '../email/mailing-service.js';
import { Invoice } from '../invoices/invoice.entity.js';
import {
  applyDerived,
  invoiceKey,
  lockInvoice,
  lockInvoices,
  saveDerived,
  saveMoneyStates,
} from '../invoices/invoice-state.js';
import { InvoiceStatus, paidTowards, unfundedKeptCredit } from '../invoices/invoice-status.js';
import { creditMemoBound } from './paid-back.js';
import { closeRemainders } from './settlement-rounding.js';
import type { PaymentExceptionService, RaiseItem } from '../payment-exceptions/payment-exception.service.js';
import { exceptionFor } from '../payment-exceptions/payment-exception-rules.js';
import { CreditMemo, Payment, PaymentKind } from './payment.entity.js';
import { queuePaymentConfirmations } from './payment-confirmation.js';
import { insertPayments, priorPayments } from './payment-rows.js';
import { orgTodays } from '../organizations/org-today.js';
import { DEFAULT_TIME_ZONE, todayIn } from '../../platform/time-zone.js';
import { paymentKey, paymentRow, validateSettlement } from './settlement-rules.js';
import type { PaymentProviders } from './payment-provider.js';
import {
  CreditMemoPurpose,
  type CreditMemoInput,
  type SettleInput,
  type SettleItem,
  type SettleOutcome,
  type SettleResult,
  type PaymentDispute,
} from './settlement.types.js';
import { adjustPaymentIn, moneyState, type AdjustInput, type AdjustResult } from './settlement-adjustment.js';

/** A copy of the invoice at one moment of a batch (the locked row keeps changing as items apply). */
const copyOf = (invoice: Invoice): Invoice => Object.assign(new Invoice(), invoice);
type CreditMemoResult = { creditMemo: CreditMemo; invoice: Invoice };

/**
 * The one settlement path for every payment source (manual, Stripe, QuickBooks): lock the invoice row,
 * record the payment (unique on the provider's id), derive the status from the amounts.
 */
export class SettlementService extends MailingService {
  constructor(
    deps: MailingServiceDeps,
    private readonly exceptions: PaymentExceptionService,
    /** Online payment providers: a payment recorded by hand first has them close the invoice's pay links. */
    private readonly providers: PaymentProviders,
  ) {
    super(deps);
  }

  /**
   * A payment recorded by hand. Under the invoice row lock (which also holds off new Checkout sessions),
   * input is checked first, then every payment provider closes the invoice's live online pay links, and
   * only then is the payment written: the client can no longer pay the same balance online. A provider
   * that finds money already taken online refuses, and nothing is written.
   */
  recordManual(orgId: string, actor: Actor, input: SettleInput): Promise<SettleResult> {
    return this.db.transaction((tx) => this.recordManualIn(tx, orgId, actor, input));
  }

  /** `recordManual` inside the caller's transaction. */
  async recordManualIn(tx: EntityManager, orgId: string, actor: Actor, input: SettleInput): Promise<SettleResult> {
    const invoice = await lockInvoice(tx, orgId, input.invoiceId);
    validateSettlement(invoice, input);
    await this.refuseWhilePaidElsewhere(orgId, invoice);
    await this.providers.closePayLinks(tx, orgId, invoice, input.amount);
    return this.settleIn(tx, orgId, actor, input);
  }

  /**
   * A payment QuickBooks holds of the invoice that Settle has not read back yet (the bookkeeper recorded
   * the check there, or the client paid on its Pay Now page): recording one by hand now would count that
   * money twice. A QuickBooks that cannot be asked does not stop staff recording money they hold.
   */
  private async refuseWhilePaidElsewhere(orgId: string, invoice: Invoice): Promise<void> {
    const where = await this.providers.unbookedElsewhere(orgId, invoice.id, 'person').catch((err: Error) => {
      logger.warn({ orgId, invoiceId: invoice.id, err: err.message }, 'manual payment: outside payments not checked');
      return null;
    });
    if (where)
      throw conflict(
        `${where} has a payment of invoice ${invoice.number} that Settle has not read yet, so this one was not recorded; it shows here within minutes: check the balance then`,
      );
  }

  settle(orgId: string, actor: Actor, input: SettleInput): Promise<SettleResult> {
    return this.db.transaction((tx) => this.settleIn(tx, orgId, actor, input));
  }

  /**
   * A payment changed or deleted where it was booked (a QuickBooks user edited or deleted it): what stands
   * of it becomes `input.amount`, one ADJUSTMENT row, idempotent on the change's id (settlement-adjustment.ts).
   */
  adjust(orgId: string, actor: Actor, input: AdjustInput): Promise<AdjustResult> {
    const deps = { audit: this.audit, events: this.events, exceptions: this.exceptions };
    return this.db.transaction((tx) => adjustPaymentIn(tx, deps, orgId, actor, input));
  }

  /**
   * `amount` of a payment on `invoice` (the caller holds its row lock) kept as the client's credit (an
   * overpayment's excess): no longer held on the invoice, so never refunded as well, and paying nothing
   * on it. Audited, and announced when it moves the balance (after refunds of the rest, say).
   */
  async keepForClientIn(tx: EntityManager, actor: Actor, invoice: Invoice, paymentId: string, amount: number) {
    const before = copyOf(invoice);
    await tx.increment(Payment, { orgId: invoice.orgId, id: paymentId }, 'keptAsCredit', amount);
    invoice.amountKeptAsCredit += amount;
    await saveDerived(tx, invoice);
    const after = { ...moneyState(invoice), keptAsCredit: { paymentId, amount } };
    await this.auditInvoice(tx, actor, invoice, 'invoice.kept_as_credit', moneyState(before), after);
    if (invoice.balanceDue !== before.balanceDue)
      await this.events.emit(tx, 'invoice.balance-changed', [{ orgId: invoice.orgId, actor, invoice }]);
  }

  /**
   * Credit kept out of `invoice`'s payments whose money is gone (`invoice.kept-credit-unfunded`), as the
   * client-credits module settled it, under the invoice's row lock: `takenBack` was taken back from the
   * client's credit (the ledger row `entryId`), so it is no longer kept and pays nothing here, and the
   * invoice owes what is really unpaid; `alreadySpent` the client had spent already, so it stays kept
   * and this invoice owes it (paidTowards goes below 0). Audited either way, naming `cause`.
   */
  async takeBackKeptCreditIn(
    tx: EntityManager,
    actor: Actor,
    invoice: Invoice,
    t: { cause: Payment; takenBack: number; alreadySpent: number; entryId: string | null },
  ): Promise<void> {
    const before = copyOf(invoice);
    invoice.amountKeptAsCredit -= t.takenBack;
    await saveDerived(tx, invoice);
    const { cause, ...taken } = t;
    const after = {
      ...moneyState(invoice),
      ...taken,
      cause: { id: cause.id, kind: cause.kind, amount: cause.amount, reference: cause.reference },
    };
    await this.auditInvoice(tx, actor, invoice, 'invoice.kept_credit_taken_back', moneyState(before), after);
  }

  /** settleBatchIn for one payment; its error (not found, bad input) is thrown. */
  async settleIn(tx: EntityManager, orgId: string, actor: Actor, input: SettleInput): Promise<SettleResult> {
    const [r] = await this.settleBatchIn(tx, [{ orgId, actor, input }]);
    if ('error' in r!) throw r.error;
    return r!;
  }

  /**
   * Settles many payments (of any orgs, each item naming its own) in the caller's transaction, with the
   * same outcome as settling them one by one in order, in a fixed number of statements: the invoices
   * are locked together, the amounts and statuses worked out in memory, then payments, invoices, audit
   * rows, payment exceptions, hooks and emails are written in one statement each. An item that cannot be
   * settled (invoice not found, bad input) gets its error and writes nothing; the others go ahead.
   */
  async settleBatchIn(tx: EntityManager, items: SettleItem[]): Promise<SettleOutcome[]> {
    if (!items.length) return [];
    const invoices = await lockInvoices(
      tx,
      items.map((i) => ({ orgId: i.orgId, id: i.input.invoiceId })),
    );
    const priors = await priorPayments(tx, items);
    const now = new Date();
    // A payment without its date was received today on the org's wall (one read of each org's zone).
    const undated = items.filter((i) => !i.input.receivedOn).map((i) => i.orgId);
    const todays = await orgTodays(tx, undated, this.now());
    const outcomes: SettleOutcome[] = [];
    const recorded: Array<{ item: SettleItem; invoice: Invoice; payment: Payment }> = [];
    const audits: AuditEntry[] = [];
    const raised: RaiseItem[] = [];
    for (const item of items) {
      const { orgId, actor, input } = item;
      const invoice = invoices.get(invoiceKey(orgId, input.invoiceId));
      if (!invoice) {
        outcomes.push({ error: notFound('Invoice') });
        continue;
      }
      const priorKey = input.externalId ? paymentKey(orgId, input.source, input.externalId) : null;
      const prior = priorKey ? priors.get(priorKey) : undefined;
      if (prior) {
        outcomes.push({ payment: prior, invoice: copyOf(invoice), replayed: true, balanceBefore: invoice.balanceDue });
        continue;
      }
      try {
        validateSettlement(invoice, input);
      } catch (error) {
        outcomes.push({ error: error as Error });
        continue;
      }
      const before = copyOf(invoice);
      const today = todays.get(orgId) ?? todayIn(DEFAULT_TIME_ZONE, this.now());
      const payment = paymentRow(orgId, actor, invoice, input, today);
      const kind = payment.kind;
      if (priorKey) priors.set(priorKey, payment);
      const overBy = paidTowards(invoice) + input.amount + invoice.amountCredited - invoice.total;
      invoice.amountPaid += input.amount;
      applyDerived(invoice, now);
      const after = copyOf(invoice);
      audits.push({
        orgId,
        actor,
        entity: { type: 'Invoice', id: invoice.id },
        action: kind === PaymentKind.PAYMENT ? 'invoice.payment_recorded' : 'invoice.refund_recorded',
        before: moneyState(before),
        after: { ...moneyState(after), payment },
      });
      if (kind === PaymentKind.PAYMENT && overBy > 0) {
        logger.warn({ orgId, invoiceId: invoice.id, overBy }, 'invoice overpaid by a provider payment');
        audits.push({
          orgId,
          actor,
          entity: { type: 'Invoice', id: invoice.id },
          action: 'invoice.overpaid',
          before: null,
          after: { overBy, currency: invoice.currency, paymentId: payment.id },
        });
      }
      // Money on a void invoice or past the balance is kept (it has moved) and raised for an admin.
      const exception = exceptionFor(before, input.amount);
      if (exception) raised.push({ orgId, actor, invoice: after, payment, ...exception });
      recorded.push({ item, invoice: after, payment });
      outcomes.push({ payment, invoice: after, replayed: false, balanceBefore: before.balanceDue, exception });
    }
    if (!recorded.length) return outcomes;

    await insertPayments(
      tx,
      recorded.map((r) => r.payment),
    );
    const touched = [
      ...new Map(
        recorded.map((r) => [
          invoiceKey(r.invoice.orgId, r.invoice.id),
          invoices.get(invoiceKey(r.invoice.orgId, r.invoice.id))!,
        ]),
      ).values(),
    ];
    await saveMoneyStates(tx, touched);
    await this.audit.recordMany(tx, audits);
    await this.exceptions.raiseIn(tx, raised);
    await this.takeBackUnfunded(tx, recorded, invoices);
    await this.events.emit(
      tx,
      'payment.recorded',
      recorded.map(({ item, invoice, payment }) => ({ orgId: item.orgId, actor: item.actor, invoice, payment })),
    );
    const lastActor = new Map(recorded.map((r) => [invoiceKey(r.invoice.orgId, r.invoice.id), r.item.actor]));
    await this.events.emit(
      tx,
      'invoice.balance-changed',
      touched.map((invoice) => ({
        orgId: invoice.orgId,
        actor: lastActor.get(invoiceKey(invoice.orgId, invoice.id))!,
        invoice,
      })),
    );
    await closeRemainders(recorded, invoices, (orgId, actor, input) => this.issueCreditMemoIn(tx, orgId, actor, input));
    // No "thank you, paid in full" for a void invoice: the admins were told and decide what goes back.
    await queuePaymentConfirmations(
      tx,
      this.email,
      this.publicUrl,
      recorded.filter((r) => r.payment.kind === PaymentKind.PAYMENT && r.invoice.status !== InvoiceStatus.VOID),
    );
    return outcomes;
  }

  /**
   * A refund of the batch (a chargeback, a refund made at the provider, a check handed back) that took an
   * invoice's payments below what of them was kept as the client's credit: that credit is taken back
   * (`invoice.kept-credit-unfunded`, naming the invoice's last refund of the batch), and the invoice's last
   * snapshot of the batch shows what it left. Nothing is read unless the amounts say so.
   */
  private async takeBackUnfunded(
    tx: EntityManager,
    recorded: Array<{ item: SettleItem; invoice: Invoice; payment: Payment }>,
    invoices: Map<string, Invoice>,
  ): Promise<void> {
    const refunded = new Map<string, { refund: Payment; actor: Actor }>();
    const last = new Map<string, Invoice>();
    for (const r of recorded) {
      const key = invoiceKey(r.invoice.orgId, r.invoice.id);
      if (r.payment.kind === PaymentKind.REFUND) refunded.set(key, { refund: r.payment, actor: r.item.actor });
      last.set(key, r.invoice);
    }
    // Each take-back locks the invoice's client (the balance it takes from): in client id order, as every
    // batch takes them, or two batches naming two clients in opposite orders each hold one and deadlock.
    const byClient = [...refunded].sort(([x], [y]) => {
      const [ix, iy] = [invoices.get(x)!, invoices.get(y)!];
      return ix.clientId === iy.clientId ? (ix.id < iy.id ? -1 : 1) : ix.clientId < iy.clientId ? -1 : 1;
    });
    for (const [key, { refund, actor }] of byClient) {
      const invoice = invoices.get(key)!;
      const unfunded = unfundedKeptCredit(invoice);
      if (unfunded <= 0) continue;
      await this.events.emit(tx, 'invoice.kept-credit-unfunded', {
        orgId: invoice.orgId,
        actor,
        invoice,
        cause: refund,
        unfunded,
      });
      Object.assign(last.get(key)!, invoice);
    }
  }

  /**
   * A dispute opened or ended on a provider payment: the invoice's disputed flag follows it (under the row
   * lock), audited and announced with it. Returns whether the flag changed (false: it already said so).
   */
  async setDisputed(
    orgId: string,
    actor: Actor,
    payment: Payment,
    open: boolean,
    dispute: PaymentDispute,
  ): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const invoice = await lockInvoice(tx, orgId, payment.invoiceId);
      if (invoice.disputed === open) return false;
      const before = { ...invoice };
      invoice.disputed = open;
      await saveDerived(tx, invoice);
      const action = open ? 'invoice.disputed' : 'invoice.dispute_closed';
      await this.auditInvoice(tx, actor, invoice, action, before, { ...invoice, dispute });
      await this.events.emit(tx, 'payment.dispute-changed', { orgId, actor, invoice, payment, open, dispute });
      return true;
    });
  }

  /**
   * A credit memo. On a PAID or VOID invoice it credits back part of what was paid (never more than is
   * held, see paid-back.ts); on an open invoice (sent, partly paid, uncollectible) it reduces what is owed, at most the
   * balance due, and one that zeroes the balance settles the invoice (PAID, derived). Either way the
   * balance-change hooks run, so payment links made for the old balance are expired or voided.
   */
  async issueCreditMemo(orgId: string, actor: Actor, input: CreditMemoInput): Promise<CreditMemoResult> {
    return this.db.transaction((tx) => this.issueCreditMemoIn(tx, orgId, actor, input));
  }

  /**
   * issueCreditMemo in the caller's transaction. `purpose` travels with the `credit-memo.issued` event:
   * TO_CLIENT_CREDIT (a PAID or VOID invoice only) keeps what is credited back as credit on the client's account,
   * CLIENT_CREDIT_APPLIED is that credit spent on this invoice (the client-credits module writes its ledger).
   */
  async issueCreditMemoIn(
    tx: EntityManager,
    orgId: string,
    actor: Actor,
    input: CreditMemoInput,
  ): Promise<CreditMemoResult> {
    const invoice = await lockInvoice(tx, orgId, input.invoiceId);
    if (invoice.status === InvoiceStatus.DRAFT)
      throw badInput('invoiceId', `Invoice ${invoice.number} is a draft; edit its lines instead of crediting it`);
    const purpose = input.purpose ?? CreditMemoPurpose.CREDIT;
    const { settled, creditable } = await creditMemoBound(tx, invoice);
    if (purpose === CreditMemoPurpose.TO_CLIENT_CREDIT && !settled)
      throw badInput('toClientCredit', `Only money paid on a paid or void invoice goes to the client's account`);
    if (input.amount > creditable) {
      throw badInput(
        'amount',
        `At most ${formatMoney(Math.max(0, creditable), invoice.currency)} can be credited on ${invoice.number}`,
      );
    }
    const before = { ...invoice };
    const creditMemo = await tx.save(CreditMemo, {
      orgId,
      invoiceId: invoice.id,
      clientId: invoice.clientId,
      amount: input.amount,
      currency: invoice.currency,
      reason: input.reason,
      toClientCredit: purpose === CreditMemoPurpose.TO_CLIENT_CREDIT,
      returnsPaid: settled,
      actorType: actor.type,
      actorId: actor.id,
    } as CreditMemo);
    invoice.amountCredited += input.amount;
    // Money paid that went to the client's account pays nothing here any more (it is spent elsewhere).
    if (purpose === CreditMemoPurpose.TO_CLIENT_CREDIT) invoice.amountKeptAsCredit += input.amount;
    await saveDerived(tx, invoice);
    await this.auditInvoice(tx, actor, invoice, 'invoice.credit_memo_issued', before, { ...invoice, creditMemo });
    await this.events.emit(tx, 'credit-memo.issued', { orgId, actor, invoice, creditMemo, purpose });
    await this.events.emit(tx, 'invoice.balance-changed', [{ orgId, actor, invoice }]);
    return { creditMemo, invoice };
  }

  /** An audit row of a change to one invoice, in the change's transaction. */
  private auditInvoice(
    tx: EntityManager,
    actor: Actor,
    invoice: Invoice,
    action: string,
    before: object,
    after: object,
  ) {
    return this.audit.record(tx, invoice.orgId, actor, { type: 'Invoice', id: invoice.id }, action, before, after);
  }
}
