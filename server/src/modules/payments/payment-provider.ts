import type { EntityManager } from 'typeorm';
import type { Invoice } from '../invoices/invoice.entity.js';
import type { Payment, PaymentSource } from './payment.entity.js';
import type { LedgerRange, ProviderLedger } from './provider-ledger.js';

/** Why Settle gives money back; the provider keeps it with the refund (Stripe: in its metadata). */
export interface RefundReason {
  /** The payment exception whose excess is refunded. */
  paymentExceptionId?: string;
  /** What the staff member said when refunding the payment. */
  note?: string;
}

export interface RefundRequest {
  orgId: string;
  /** A payment this provider took (its externalId is the provider's id of it). */
  payment: Payment;
  /** Minor units of the payment's currency, positive. */
  amount: number;
  /** Asking again with the same key gets the one refund back, never a second. */
  idempotencyKey: string;
  reason: RefundReason;
}

/** What a provider answered to a refund request. */
export interface ProviderRefund {
  id: string;
  /** Minor units, positive. */
  amount: number;
  /** ISO 4217 as the provider writes it (any case). */
  currency: string;
  /** The provider's status; 'failed' and 'canceled' mean no money went back. */
  status: string;
}

/**
 * What the rest of Settle asks of whoever takes card and bank payments online, in Settle's own terms.
 * A payment module declares one (ModuleParts.paymentProvider); the others reach it through
 * container.paymentProviders and never import the module.
 */
export interface PaymentProvider {
  /** The source Settle records this provider's payments under; one provider per source. */
  readonly source: PaymentSource;
  /** The provider's name as admins know it ("Stripe"), for messages. */
  readonly name: string;
  /** Gives money this provider took back to the payer. */
  refund(req: RefundRequest): Promise<ProviderRefund>;
  /**
   * The refund a request with this idempotency key made of the payment, if the provider has one (read, never
   * made: a request whose answer was lost is found by it); null when none was made under the key.
   */
  refundMadeUnder?(orgId: string, payment: Payment, idempotencyKey: string): Promise<ProviderRefund | null>;
  /**
   * Where the client pays each of these invoices (of one org) online, in their order, or null when the
   * org does not take them through this provider. Many at once: the billing run emails a batch.
   */
  payUrls(tx: EntityManager, orgId: string, invoices: Invoice[]): Promise<Array<string | null>>;
  /**
   * Before a payment recorded by hand, under the invoice's row lock: closes whatever could still take
   * this invoice's money online (open links, hosted invoices), or throws to refuse the payment (money
   * was already taken, or the provider cannot be reached to close them). `amount`: the money about to
   * be recorded (a hosted invoice it covers is marked paid rather than voided).
   */
  closePayLinks(tx: EntityManager, orgId: string, invoice: Invoice, amount?: number): Promise<void>;
  /**
   * Under the invoice's row lock: whether a payment of it is under way through this provider and not yet
   * booked (a bank debit still processing, an acknowledged event not applied yet): what refuses a new
   * Checkout, and holds off asking the client for money (payment reminders) until it lands or fails.
   */
  paymentUnderWay?(tx: EntityManager, orgId: string, invoiceId: string): Promise<boolean>;
  /**
   * What the provider holds for the org, created in the range, read with paged list calls (the
   * reconciliation); null when the org has not connected this provider.
   */
  ledger?(orgId: string, range: LedgerRange): Promise<ProviderLedger | null>;
}

/**
 * A system that takes an invoice's money on a page of its own and tells Settle afterwards (QuickBooks' Pay
 * Now, read back by its webhook or the CDC poll). Settle asks it before taking the invoice's money itself
 * (autopay), so a payment made there and not read back yet is not taken a second time.
 */
export interface OutsidePaymentCheck {
  /** Its name as admins know it ("QuickBooks"), for logs. */
  readonly name: string;
  /**
   * Whether it holds a payment of the invoice that Settle has not booked; throws when it cannot tell now
   * (unreachable, connection in error): the caller then takes nothing and asks again later. `asking`
   * says who waits: a person (one read, answered within INTERACTIVE_CHECK_MS) or a background job.
   */
  unbookedPayment(orgId: string, invoiceId: string, asking?: OutsideCheckCaller): Promise<boolean>;
}

/** Who waits on an outside payment check: a person pressing a button, or a background job that can retry. */
export type OutsideCheckCaller = 'person' | 'job';

/**
 * How long a person waits on an outside system before the check gives up: a Pay or Record payment
 * button held for an unresponsive QuickBooks (3 reads of 15 s) would hold the invoice too.
 */
export const INTERACTIVE_CHECK_MS = 3_000;

/**
 * Every payment module's provider, by source: payment modules declare theirs (ModuleParts.paymentProvider),
 * the runtime adds them here, and invoices, payments and payment exceptions ask this one.
 */
export class PaymentProviders {
  private readonly bySource = new Map<PaymentSource, PaymentProvider>();
  private readonly outside: OutsidePaymentCheck[] = [];

  /** An integration that takes payments on its own pages (ModuleParts.outsidePayments). */
  addOutside(check: OutsidePaymentCheck): void {
    this.outside.push(check);
  }

  /**
   * Which outside system holds a payment of the invoice Settle has not booked yet, or null; throws when
   * one cannot tell now. Asked before Settle takes the invoice's money off-session.
   */
  async unbookedElsewhere(
    orgId: string,
    invoiceId: string,
    asking: OutsideCheckCaller = 'job',
  ): Promise<string | null> {
    for (const o of this.outside) if (await o.unbookedPayment(orgId, invoiceId, asking)) return o.name;
    return null;
  }

  add(provider: PaymentProvider): void {
    if (this.bySource.has(provider.source))
      throw new Error(`Two modules declare the payment provider of ${provider.source}`);
    this.bySource.set(provider.source, provider);
  }

  /** The provider that took payments of this source; undefined when none is installed. */
  of(source: PaymentSource): PaymentProvider | undefined {
    return this.bySource.get(source);
  }

  /** The pay link the invoice email offers: the last provider (in module order) that has one wins. */
  async payUrl(tx: EntityManager, orgId: string, invoice: Invoice): Promise<string | null> {
    return (await this.payUrls(tx, orgId, [invoice]))[0]!;
  }

  /** payUrl for many invoices of one org, each provider asked once. */
  async payUrls(tx: EntityManager, orgId: string, invoices: Invoice[]): Promise<Array<string | null>> {
    const urls: Array<string | null> = invoices.map(() => null);
    for (const p of this.bySource.values())
      (await p.payUrls(tx, orgId, invoices)).forEach((url, n) => (urls[n] = url ?? urls[n]!));
    return urls;
  }

  /**
   * Under the invoice's row lock: why no one should ask for the invoice's money now (a payment of it is
   * under way through a provider), or null.
   */
  async paymentUnderWay(tx: EntityManager, orgId: string, invoiceId: string): Promise<string | null> {
    for (const p of this.bySource.values())
      if (await p.paymentUnderWay?.(tx, orgId, invoiceId))
        return `A payment of the invoice is under way through ${p.name}`;
    return null;
  }

  /** Every provider closes the invoice's online pay links, in module order; the first refusal stops it. */
  async closePayLinks(tx: EntityManager, orgId: string, invoice: Invoice, amount?: number): Promise<void> {
    for (const p of this.bySource.values()) await p.closePayLinks(tx, orgId, invoice, amount);
  }
}
