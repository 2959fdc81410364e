import { createHash } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../../platform/actor.js';
import { AppError, badInput, conflict } from '../../platform/errors.js';
import { formatMoney } from '../../platform/money.js';
import { logger } from '../../platform/logger.js';
import { lockInvoice } from '../invoices/invoice-state.js';
import type { Invoice } from '../invoices/invoice.entity.js';
import type { InvoiceService } from '../invoices/invoice.service.js';
import { InvoiceStatus } from '../invoices/invoice-status.js';
import { stringEnum } from '../../platform/string-enum.js';
import { Payment, PaymentKind, PaymentSource } from './payment.entity.js';
import { handedBackInput, manualRefundInput } from './manual-refund.js';
import type { PaymentProvider, PaymentProviders, ProviderRefund, RefundRequest } from './payment-provider.js';
import { creditMemoBound, stillHeld } from './paid-back.js';
import { lastRefundFailed, refundable } from './refundable.js';
import { voidKey } from './payment-void-rules.js';
import type { SettlementService } from './settlement.service.js';
import { CreditMemoPurpose, type SettleInput, type SettleResult } from './settlement.types.js';
import { charCount, clipChars } from '../../platform/text-length.js';

const MAX_REASON = 500;
const SOURCE_NAMES: Record<PaymentSource, string> = { MANUAL: 'Settle', STRIPE: 'Stripe', QUICKBOOKS: 'QuickBooks' };

/** What becomes of the money on an invoice that is voided (see PaymentRefunds.voidInvoice). */
export const VoidPaymentsHandling = stringEnum('REFUND', 'CREDIT', 'KEEP');
export type VoidPaymentsHandling = keyof typeof VoidPaymentsHandling;

/**
 * Asks `provider` to give money back and answers the refund as the settlement path records it (a negative
 * payment keyed on the provider's refund id, so the provider's later refund event replays harmlessly).
 * A provider that refuses, fails or cancels the refund is a CONFLICT saying so; nothing is recorded.
 */
export async function refundThroughProvider(
  provider: PaymentProvider,
  req: RefundRequest,
  label: string,
): Promise<SettleInput> {
  let r: ProviderRefund;
  try {
    r = await provider.refund(req);
  } catch (err) {
    if (err instanceof AppError) throw err;
    logger.warn(
      { orgId: req.orgId, paymentId: req.payment.id, err: (err as Error).message },
      'provider refused a refund',
    );
    throw conflict(`${provider.name} did not refund: ${(err as Error).message}`);
  }
  if (r.status === 'failed' || r.status === 'canceled')
    throw conflict(`${provider.name} answered the refund ${r.id} as ${r.status}`);
  return settleInputOf(provider, req, r, label);
}

/** A refund the provider made, as the settlement path records it. */
function settleInputOf(provider: PaymentProvider, req: RefundRequest, r: ProviderRefund, label: string): SettleInput {
  return {
    invoiceId: req.payment.invoiceId,
    amount: -r.amount,
    currency: r.currency,
    source: provider.source,
    method: req.payment.method,
    externalId: r.id,
    reference: clipChars(`${provider.name} refund ${r.id} (${label})`, 200),
    refundsPaymentId: req.payment.id,
  };
}

/**
 * Staff refunds of a payment, in full or in part, with the reason. Under the invoice's row lock it checks
 * the amount against what is left of the payment, has the provider that took it refund it (a card payment
 * through Stripe) or, for a payment recorded by hand, takes the staff's word that the money went back
 * (a check mailed back, one that bounced), and records the refund through settlement, in one transaction.
 */
export class PaymentRefunds {
  constructor(
    private readonly db: DataSource,
    private readonly settlement: SettlementService,
    private readonly providers: PaymentProviders,
    private readonly invoices: InvoiceService,
  ) {}

  /**
   * `creditInvoice`: the client no longer owes what is refunded, so the invoice is credited by as much in
   * the same transaction (refundAndCreditIn); without it the balance due goes up by the refund.
   * `requestKey`, the caller's Idempotency-Key, keys the provider's request (see refundIn).
   */
  async refund(
    orgId: string,
    actor: Actor,
    input: {
      paymentId: string;
      amount: number;
      reason: string;
      creditInvoice?: boolean | null;
      requestKey?: string | null;
    },
  ) {
    const reason = requiredText(input.reason, 'reason', 'Say why the money goes back (it is kept with the refund)');
    if (!Number.isInteger(input.amount) || input.amount <= 0)
      throw badInput('amount', 'The refund amount must be greater than zero');
    return this.db.transaction(async (tx) => {
      const found = await tx.findOneBy(Payment, { orgId, id: input.paymentId });
      if (!found || found.kind !== PaymentKind.PAYMENT) throw badInput('paymentId', 'No such payment on this invoice');
      const invoice = await lockInvoice(tx, orgId, found.invoiceId);
      const payment = await tx.findOneByOrFail(Payment, { orgId, id: found.id });
      const atSource = this.providers.of(payment.source);
      // A payment recorded by hand went back by hand (a check mailed back, a check that bounced): recorded.
      const provider = atSource && payment.externalId ? atSource : null;
      if (!provider && payment.source !== PaymentSource.MANUAL)
        throw badInput('paymentId', `Money taken in ${SOURCE_NAMES[payment.source]} is refunded there`);
      // Voided (recorded by mistake) under this same lock a moment ago, or before: no money went back.
      if (await tx.existsBy(Payment, { orgId, source: PaymentSource.MANUAL, externalId: voidKey(payment.id) }))
        throw badInput(
          'paymentId',
          'This payment was voided: it no longer counts on the invoice, so nothing is left to refund',
        );
      const left = await refundable(tx, payment);
      // Money a credit memo turned into client credit is the client's already: not given back a second time.
      const held = await stillHeld(tx, invoice);
      const most = Math.min(left, held);
      const ask = { amount: input.amount, left, reason, key: input.requestKey };
      if (input.amount > most) {
        const made = provider && left <= held ? await this.madeUnderKey(provider, payment, ask) : null;
        if (!made)
          throw badInput(
            'amount',
            most > 0
              ? `The refund can be at most ${formatMoney(most, payment.currency)}, ${held < left ? "what is still held of the invoice's payments (the rest went to the client's credit)" : 'what is left of this payment'}`
              : left > 0
                ? "Nothing is left to refund: this invoice's payments went to the client's credit"
                : 'This payment has been refunded in full already',
          );
        return this.askedAgain(tx, orgId, actor, made, invoice, ask, input.creditInvoice);
      }
      if (!input.creditInvoice) return this.refundIn(tx, orgId, actor, provider, payment, ask);
      return this.refundAndCreditIn(tx, orgId, actor, provider, payment, invoice, ask);
    });
  }

  /**
   * A refund the client no longer owes: the invoice is credited by as much (a memo with the reason). On a
   * paid or void invoice the memo comes first (it says the money is owed back and the refund pays it: the
   * invoice stays paid); on an open one after (its balance never touches 0 between). The memo is checked
   * before the provider is asked: refused after the money went back, it would half-apply.
   */
  private async refundAndCreditIn(
    tx: EntityManager,
    orgId: string,
    actor: Actor,
    provider: PaymentProvider | null,
    payment: Payment,
    invoice: Invoice,
    ask: RefundAsk,
  ): Promise<SettleResult> {
    // The memo of a refund that failed later stands: crediting again with the retry would credit twice.
    if (await lastRefundFailed(tx, payment))
      throw conflict(
        'The last refund of this payment failed at the provider; if it was credited to the invoice, that credit stands. Refund again without crediting the invoice, or issue a credit memo separately',
      );
    const memo = {
      invoiceId: invoice.id,
      amount: ask.amount,
      reason: ask.reason,
      purpose: CreditMemoPurpose.REFUND_CREDITED,
    };
    const bound = await creditMemoBound(tx, invoice);
    if (!bound.settled) {
      const refunded = await this.refundIn(tx, orgId, actor, provider, payment, ask);
      return { ...refunded, invoice: (await this.settlement.issueCreditMemoIn(tx, orgId, actor, memo)).invoice };
    }
    if (ask.amount > bound.creditable)
      throw badInput(
        'amount',
        `At most ${formatMoney(Math.max(0, bound.creditable), invoice.currency)} can be refunded and credited: earlier memos say the rest is owed back already`,
      );
    await this.settlement.issueCreditMemoIn(tx, orgId, actor, memo);
    return this.refundIn(tx, orgId, actor, provider, payment, ask);
  }

  /**
   * The refund a request with this Idempotency-Key made already: the request's answer was lost after the
   * provider refunded, and Stripe's webhook booked the refund before the caller asked again, so nothing
   * (or too little) is left of the payment. Looked up at the provider (the refund carries the request's
   * key), never asked for: a key that made nothing gets the bound (null), however much the provider itself
   * could still refund (money given back by hand is not its to know).
   */
  private async madeUnderKey(provider: PaymentProvider, payment: Payment, ask: RefundAsk): Promise<SettleInput | null> {
    if (!ask.key || !provider.refundMadeUnder) return null;
    const req = refundRequest(payment, ask);
    const r = await provider.refundMadeUnder(payment.orgId, payment, req.idempotencyKey);
    if (!r || r.status === 'failed' || r.status === 'canceled' || r.amount !== ask.amount) return null;
    return settleInputOf(provider, req, r, ask.reason);
  }

  /**
   * A refund asked again whose first answer was lost: recorded (a replay when its webhook booked it
   * already), and the credit the first request asked for (`creditInvoice`), which rolled back with it, is
   * issued now.
   */
  private async askedAgain(
    tx: EntityManager,
    orgId: string,
    actor: Actor,
    made: SettleInput,
    invoice: Invoice,
    ask: RefundAsk,
    creditInvoice: boolean | null | undefined,
  ): Promise<SettleResult> {
    const replayed = await this.settlement.settleIn(tx, orgId, actor, made);
    if (!creditInvoice) return replayed;
    const memo = {
      invoiceId: invoice.id,
      amount: ask.amount,
      reason: ask.reason,
      purpose: CreditMemoPurpose.REFUND_CREDITED,
    };
    return { ...replayed, invoice: (await this.settlement.issueCreditMemoIn(tx, orgId, actor, memo)).invoice };
  }

  /**
   * Voids an invoice from the API. Money still paid on it (stillHeld: paid, less refunds and what went to
   * the client's credit; client credit spent on it goes back to the client by itself) is never left
   * behind silently: `payments` says what becomes of it, in the void's transaction. REFUND gives each
   * payment back (card payments through their provider; payments recorded by hand are recorded as refunded
   * by hand, and `note` says how), CREDIT keeps it as the client's credit (a credit memo to client credit
   * on the void invoice, spendable on later invoices; what an earlier memo says is owed back stays to be
   * refunded), KEEP keeps it as it is and `note` says why.
   */
  async voidInvoice(
    orgId: string,
    actor: Actor,
    id: string,
    opts: { releaseTimeEntries?: boolean; payments?: { handling: VoidPaymentsHandling; note?: string | null } },
  ): Promise<Invoice> {
    return this.db.transaction(async (tx) => {
      const invoice = await lockInvoice(tx, orgId, id);
      const held = await stillHeld(tx, invoice);
      const choice = opts.payments;
      // Its online pay links are closed before anything else is done (as a payment recorded by hand
      // closes them): a payment that went through at Stripe a moment ago, its webhook still on the way,
      // refuses the void (CONFLICT, nothing written) rather than leaving the client's money on a void invoice.
      const closeLinks = () =>
        invoice.status === InvoiceStatus.VOID || invoice.status === InvoiceStatus.PAID
          ? Promise.resolve()
          : this.providers.closePayLinks(tx, orgId, invoice);
      if (held <= 0 || invoice.status === InvoiceStatus.VOID || invoice.status === InvoiceStatus.PAID) {
        await closeLinks();
        return this.invoices.voidIn(tx, orgId, actor, id, opts);
      }
      if (!choice)
        throw badInput(
          'payments',
          `${formatMoney(held, invoice.currency)} is paid on invoice ${invoice.number}; say what becomes of it: refund it, keep it as the client's credit, or keep it and say why`,
        );
      const note = choice.note?.trim() || null;
      if (note && charCount(note) > MAX_REASON)
        throw badInput('note', `The note can be at most ${MAX_REASON} characters`);
      const payments = { handling: choice.handling, note };
      if (choice.handling === VoidPaymentsHandling.KEEP) {
        requiredText(note, 'note', 'Say why the money is kept on the void invoice');
        await closeLinks();
        return this.invoices.voidIn(tx, orgId, actor, id, { ...opts, payments });
      }
      if (choice.handling === VoidPaymentsHandling.REFUND) {
        await this.refundAll(tx, orgId, actor, invoice.id, held, note, closeLinks);
        return this.invoices.voidIn(tx, orgId, actor, id, { ...opts, payments });
      }
      await closeLinks();
      const voided = await this.invoices.voidIn(tx, orgId, actor, id, { ...opts, payments });
      // What an earlier memo says is owed back stays owed (its refund is still to come): the rest is credit.
      const { creditable } = await creditMemoBound(tx, voided);
      if (creditable <= 0) return voided;
      const reason = note
        ? `Kept as client credit: ${note}`
        : `Kept as client credit when ${invoice.number} was voided`;
      const memo = { invoiceId: id, amount: creditable, reason, purpose: CreditMemoPurpose.TO_CLIENT_CREDIT };
      return (await this.settlement.issueCreditMemoIn(tx, orgId, actor, memo)).invoice;
    });
  }

  /**
   * Refunds `held` of the invoice's payments, newest first, each through what took it. The whole plan is
   * made and checked before the first refund: a card refunded at the provider and then a missing note
   * for a check would leave money returned at Stripe under a void that was refused.
   */
  private async refundAll(
    tx: EntityManager,
    orgId: string,
    actor: Actor,
    invoiceId: string,
    held: number,
    note: string | null,
    /** Closes the invoice's pay links (or refuses): once the plan is checked, before the first refund. */
    beforeFirst: () => Promise<void>,
  ) {
    const payments = await tx.find(Payment, {
      where: { orgId, invoiceId, kind: PaymentKind.PAYMENT },
      order: { createdAt: 'DESC' },
    });
    const plan: Array<{ payment: Payment; amount: number; left: number; provider: PaymentProvider | null }> = [];
    let rest = held;
    for (const payment of payments) {
      if (rest <= 0) break;
      const left = await refundable(tx, payment);
      const amount = Math.min(left, rest);
      if (amount <= 0) continue;
      const provider = this.providers.of(payment.source);
      plan.push({ payment, amount, left, provider: provider && payment.externalId ? provider : null });
      rest -= amount;
    }
    if (plan.some((step) => !step.provider))
      requiredText(note, 'note', 'Say how the payments recorded by hand were returned (for example: check 1042)');
    const reason = note ?? 'Invoice voided';
    await beforeFirst();
    for (const { payment, amount, left, provider } of plan) {
      if (provider) {
        await this.refundIn(tx, orgId, actor, provider, payment, { amount, left, reason, key: null });
      } else {
        const reference = `Refund (invoice voided): ${note}`;
        const input = handedBackInput(payment, amount, `void-refund:${payment.id}`, reference);
        await this.settlement.settleIn(tx, orgId, actor, input);
      }
    }
  }

  /**
   * Refunds `amount` of `payment` through its provider and records it. `key`, the caller's Idempotency-Key,
   * alone keys the provider's request: asked again after an answer was lost, the provider answers with the
   * refund it made (recorded once: its id is unique) and never makes a second one, and refuses the key
   * with other amounts or words. Without a key, what was refunded so far keys it (a retry before the first
   * is recorded gets it back, a second refund after is a new one), with the amount and the reason: the
   * provider refuses a key sent again with other metadata (a refund asked again, with new words, after the
   * first failed at the provider and was undone).
   */
  private async refundIn(
    tx: EntityManager,
    orgId: string,
    actor: Actor,
    provider: PaymentProvider | null,
    payment: Payment,
    ask: RefundAsk,
  ): Promise<SettleResult> {
    const settleInput = provider
      ? await refundThroughProvider(provider, refundRequest(payment, ask), ask.reason)
      : manualRefundInput(payment, ask);
    return this.settlement.settleIn(tx, orgId, actor, settleInput);
  }
}

/** One refund asked of a payment: how much, what is left of it, why, and the caller's Idempotency-Key. */
interface RefundAsk {
  amount: number;
  left: number;
  reason: string;
  key?: string | null;
}

const digestOf = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16);

/** What the provider is asked for a refund, keyed as refundIn says. */
function refundRequest(payment: Payment, { amount, left, reason, key }: RefundAsk): RefundRequest {
  const asked = key ? `key-${digestOf(key)}` : `${payment.amount - left}-${amount}-${digestOf(reason)}`;
  return {
    orgId: payment.orgId,
    payment,
    amount,
    idempotencyKey: `settle-refund-${payment.id}-${asked}`,
    reason: { note: reason },
  };
}

/** `text` trimmed, or BAD_USER_INPUT on `field` with `message` when there is none (or too much). */
function requiredText(text: string | null | undefined, field: string, message: string): string {
  const t = text?.trim() ?? '';
  if (!t) throw badInput(field, message);
  if (charCount(t) > MAX_REASON) throw badInput(field, `At most ${MAX_REASON} characters, please`);
  return t;
}
