import { Entity, PrimaryColumn } from 'typeorm';
import {
  OrgIdColumn,
  OrgIdPrimaryColumn,
  CreatedAtColumn,
  UpdatedAtColumn,
  MinorUnitsColumn,
  BigintColumn,
  UuidColumn,
  TextColumn,
  BooleanColumn,
  TimestampColumn,
  JsonbColumn,
  UuidPrimaryColumn,
} from '../../platform/database/columns.js';
import { PerClientRow } from '../../platform/database/org-record.js';

/** A Settle client's Stripe customer (created by Settle or linked by id, never matched by email) and overrides. */
@Entity('stripe_client_links')
export class StripeClientLink extends PerClientRow {
  @TextColumn('customer_id', { nullable: true }) customerId: string | null;
  /** Stripe account and mode the linked object lives in (reads use only the current connection's). */
  @TextColumn('account_id', { nullable: true }) accountId: string | null;
  @BooleanColumn({ nullable: true }) livemode: boolean | null;
  @TextColumn('send_via', { nullable: true }) sendVia: 'HOSTED_INVOICE' | 'CHECKOUT' | null;
}

/** Stripe's side of one Settle invoice: the hosted invoice (if any), ordering guard, last payment error. */
@Entity('stripe_invoice_links')
export class StripeInvoiceLink {
  @UuidPrimaryColumn('invoice_id') invoiceId: string;
  @OrgIdColumn() orgId: string;
  @TextColumn('send_via') sendVia: 'HOSTED_INVOICE' | 'CHECKOUT';
  @TextColumn('stripe_invoice_id', { nullable: true }) stripeInvoiceId: string | null;
  /** Stripe account and mode the linked object lives in (reads use only the current connection's). */
  @TextColumn('account_id', { nullable: true }) accountId: string | null;
  @BooleanColumn({ nullable: true }) livemode: boolean | null;
  @TextColumn('hosted_url', { nullable: true }) hostedUrl: string | null;
  /** Balance the Stripe invoice was created for; a different Settle balance makes it stale. 0: Stripe reported it paid. */
  @MinorUnitsColumn('stripe_amount', { nullable: true }) stripeAmount: number | null;
  @TextColumn('last_payment_error', { nullable: true }) lastPaymentError: string | null;
  @TimestampColumn('last_payment_error_at', { nullable: true }) lastPaymentErrorAt: Date | null;
  @UpdatedAtColumn() updatedAt: Date;
}

/** A Checkout session Settle created for an invoice, so /pay can reuse or expire it. */
@Entity('stripe_checkout_sessions')
export class StripeCheckoutSession {
  @PrimaryColumn({ type: 'text' }) id: string;
  @OrgIdColumn() orgId: string;
  @UuidColumn('invoice_id') invoiceId: string;
  @MinorUnitsColumn() amount: number;
  @MinorUnitsColumn('balance_at_creation') balanceAtCreation: number;
  @BooleanColumn('custom_amount') customAmount: boolean;
  @TextColumn() url: string;
  @TimestampColumn('expires_at') expiresAt: Date;
  @TextColumn() status: 'open' | 'complete' | 'expired';
  /** Stripe account and mode the linked object lives in (reads use only the current connection's). */
  @TextColumn('account_id', { nullable: true }) accountId: string | null;
  @BooleanColumn({ nullable: true }) livemode: boolean | null;
  @CreatedAtColumn() createdAt: Date;
}

/** A catalog service's Stripe product and its prices per currency. */
@Entity('stripe_catalog_links')
export class StripeCatalogLink {
  @UuidPrimaryColumn('service_id') serviceId: string;
  @OrgIdColumn() orgId: string;
  @TextColumn('product_id') productId: string;
  /** Stripe account and mode the linked object lives in (reads use only the current connection's). */
  @TextColumn('account_id', { nullable: true }) accountId: string | null;
  @BooleanColumn({ nullable: true }) livemode: boolean | null;
  /** currency → {priceId, unitAmount} of the active price. */
  @JsonbColumn() prices: Record<string, { priceId: string; unitAmount: number }>;
  @UpdatedAtColumn() updatedAt: Date;
}

/** Newest applied state per Stripe object, so a late (older) event never overwrites newer state. */
@Entity('stripe_object_versions')
export class StripeObjectVersion {
  @OrgIdPrimaryColumn() orgId: string;
  @PrimaryColumn({ type: 'text', name: 'object_id' }) objectId: string;
  @BigintColumn() created: number;
  @TextColumn('event_id') eventId: string;
  @TextColumn() state: string;
}

/** One webhook signing secret per (org, Stripe account, mode), sealed; a retired one still verifies in-flight events. */
@Entity('stripe_webhook_secrets')
export class StripeWebhookSecret {
  @OrgIdPrimaryColumn() orgId: string;
  @PrimaryColumn({ type: 'text', name: 'account_id' }) accountId: string;
  @PrimaryColumn({ type: 'boolean' }) livemode: boolean;
  @TextColumn('secret_sealed') secretSealed: string;
  @TextColumn('secret_prefix') secretPrefix: string;
  @TextColumn('endpoint_id', { nullable: true }) endpointId: string | null;
  @CreatedAtColumn() createdAt: Date;
  /** When the org switched away from this account + mode (null: the current one). */
  @TimestampColumn('retired_at', { nullable: true }) retiredAt: Date | null;
}

/** The Stripe account + mode a recorded Stripe payment or refund (by its Stripe id) was taken in. */
@Entity('stripe_payment_origins')
export class StripePaymentOrigin {
  @OrgIdPrimaryColumn() orgId: string;
  @PrimaryColumn({ type: 'text', name: 'external_id' }) externalId: string;
  @TextColumn('account_id') accountId: string;
  @BooleanColumn() livemode: boolean;
}
