import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { moneyColumn } from '../../platform/database/columns.js';

/** A Settle client's Stripe customer (created by Settle or linked by id, never matched by email) and overrides. */
@Entity('stripe_client_links')
export class StripeClientLink {
  @PrimaryColumn({ type: 'uuid', name: 'client_id' }) clientId: string;
  @Column({ type: 'uuid', name: 'org_id' }) orgId: string;
  @Column({ type: 'text', name: 'customer_id', nullable: true }) customerId: string | null;
  /** Stripe account and mode the linked object lives in (reads use only the current connection's). */
  @Column({ type: 'text', name: 'account_id', nullable: true }) accountId: string | null;
  @Column({ type: 'boolean', nullable: true }) livemode: boolean | null;
  @Column({ type: 'text', name: 'send_via', nullable: true }) sendVia: 'HOSTED_INVOICE' | 'CHECKOUT' | null;
}

/** Stripe's side of one Settle invoice: the hosted invoice (if any), ordering guard, last payment error. */
@Entity('stripe_invoice_links')
export class StripeInvoiceLink {
  @PrimaryColumn({ type: 'uuid', name: 'invoice_id' }) invoiceId: string;
  @Column({ type: 'uuid', name: 'org_id' }) orgId: string;
  @Column({ type: 'text', name: 'send_via' }) sendVia: 'HOSTED_INVOICE' | 'CHECKOUT';
  @Column({ type: 'text', name: 'stripe_invoice_id', nullable: true }) stripeInvoiceId: string | null;
  /** Stripe account and mode the linked object lives in (reads use only the current connection's). */
  @Column({ type: 'text', name: 'account_id', nullable: true }) accountId: string | null;
  @Column({ type: 'boolean', nullable: true }) livemode: boolean | null;
  @Column({ type: 'text', name: 'hosted_url', nullable: true }) hostedUrl: string | null;
  /** Balance the Stripe invoice was created for; a different Settle balance makes it stale. 0: Stripe reported it paid. */
  @Column({ type: 'bigint', name: 'stripe_amount', nullable: true, transformer: moneyColumn.transformer }) stripeAmount: number | null;
  @Column({ type: 'text', name: 'last_payment_error', nullable: true }) lastPaymentError: string | null;
  @Column({ type: 'timestamptz', name: 'last_payment_error_at', nullable: true }) lastPaymentErrorAt: Date | null;
  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' }) updatedAt: Date;
}

/** A Checkout session Settle created for an invoice, so /pay can reuse or expire it. */
@Entity('stripe_checkout_sessions')
export class StripeCheckoutSession {
  @PrimaryColumn({ type: 'text' }) id: string;
  @Column({ type: 'uuid', name: 'org_id' }) orgId: string;
  @Column({ type: 'uuid', name: 'invoice_id' }) invoiceId: string;
  @Column({ ...moneyColumn }) amount: number;
  @Column({ ...moneyColumn, name: 'balance_at_creation' }) balanceAtCreation: number;
  @Column({ type: 'boolean', name: 'custom_amount' }) customAmount: boolean;
  @Column({ type: 'text' }) url: string;
  @Column({ type: 'timestamptz', name: 'expires_at' }) expiresAt: Date;
  @Column({ type: 'text' }) status: 'open' | 'complete' | 'expired';
  /** Stripe account and mode the linked object lives in (reads use only the current connection's). */
  @Column({ type: 'text', name: 'account_id', nullable: true }) accountId: string | null;
  @Column({ type: 'boolean', nullable: true }) livemode: boolean | null;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
}

/** A catalog service's Stripe product and its prices per currency. */
@Entity('stripe_catalog_links')
export class StripeCatalogLink {
  @PrimaryColumn({ type: 'uuid', name: 'service_id' }) serviceId: string;
  @Column({ type: 'uuid', name: 'org_id' }) orgId: string;
  @Column({ type: 'text', name: 'product_id' }) productId: string;
  /** Stripe account and mode the linked object lives in (reads use only the current connection's). */
  @Column({ type: 'text', name: 'account_id', nullable: true }) accountId: string | null;
  @Column({ type: 'boolean', nullable: true }) livemode: boolean | null;
  /** currency → {priceId, unitAmount} of the active price. */
  @Column({ type: 'jsonb' }) prices: Record<string, { priceId: string; unitAmount: number }>;
  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' }) updatedAt: Date;
}

/** Newest applied state per Stripe object, so a late (older) event never overwrites newer state. */
@Entity('stripe_object_versions')
export class StripeObjectVersion {
  @PrimaryColumn({ type: 'uuid', name: 'org_id' }) orgId: string;
  @PrimaryColumn({ type: 'text', name: 'object_id' }) objectId: string;
  @Column({ type: 'bigint', transformer: moneyColumn.transformer }) created: number;
  @Column({ type: 'text', name: 'event_id' }) eventId: string;
  @Column({ type: 'text' }) state: string;
}

/** One webhook signing secret per (org, Stripe account, mode), sealed; a retired one still verifies in-flight events. */
@Entity('stripe_webhook_secrets')
export class StripeWebhookSecret {
  @PrimaryColumn({ type: 'uuid', name: 'org_id' }) orgId: string;
  @PrimaryColumn({ type: 'text', name: 'account_id' }) accountId: string;
  @PrimaryColumn({ type: 'boolean' }) livemode: boolean;
  @Column({ type: 'text', name: 'secret_sealed' }) secretSealed: string;
  @Column({ type: 'text', name: 'secret_prefix' }) secretPrefix: string;
  @Column({ type: 'text', name: 'endpoint_id', nullable: true }) endpointId: string | null;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
  /** When the org switched away from this account + mode (null: the current one). */
  @Column({ type: 'timestamptz', name: 'retired_at', nullable: true }) retiredAt: Date | null;
}

/** The Stripe account + mode a recorded Stripe payment or refund (by its Stripe id) was taken in. */
@Entity('stripe_payment_origins')
export class StripePaymentOrigin {
  @PrimaryColumn({ type: 'uuid', name: 'org_id' }) orgId: string;
  @PrimaryColumn({ type: 'text', name: 'external_id' }) externalId: string;
  @Column({ type: 'text', name: 'account_id' }) accountId: string;
  @Column({ type: 'boolean' }) livemode: boolean;
}
