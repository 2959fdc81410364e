import { Entity } from 'typeorm';
import {
  OrgIdPrimaryColumn,
  CreatedAtColumn,
  UpdatedAtColumn,
  BigintColumn,
  TextColumn,
  IntegerColumn,
  TimestampColumn,
  JsonbColumn,
} from '../../platform/database/columns.js';

export interface PreviousAccountCleanup {
  accountId: string;
  livemode: boolean;
  status: 'DONE' | 'FAILED';
  /** What could not be done, joined (null when everything was). */
  error: string | null;
  endpointDeleted: boolean;
  invoicesVoided: number;
  sessionsExpired: number;
  at: string;
}

/** Account + mode of a connection: what every stored Stripe id is scoped to. */
export const scopeOf = (c: { accountId: string; mode: 'test' | 'live' }) => ({
  accountId: c.accountId,
  livemode: c.mode === 'live',
});

/** A stored link (or event) belongs to the connection's account + mode. */
export const inScope = (
  c: { accountId: string; mode: 'test' | 'live' },
  l: { accountId: string | null; livemode: boolean | null },
) => l.accountId === c.accountId && l.livemode === (c.mode === 'live');

/**
 * One Stripe account per organization. Holds sealed secrets, so it is never a GraphQL type itself
 * (see StripeConnectionView).
 */
@Entity('stripe_connections')
export class StripeConnection {
  @OrgIdPrimaryColumn() orgId: string;
  @TextColumn() mode: 'test' | 'live';
  @TextColumn('account_id') accountId: string;
  @TextColumn('connected_via') connectedVia: 'KEYS' | 'OAUTH';
  @TextColumn('secret_key_sealed') secretKeySealed: string;
  @TextColumn('secret_key_prefix') secretKeyPrefix: string;
  @TextColumn('publishable_key', { nullable: true }) publishableKey: string | null;
  /** Connect: the connected account acted on through the platform key (Stripe-Account header). */
  @TextColumn('stripe_account', { nullable: true }) stripeAccount: string | null;
  @TextColumn('webhook_token') webhookToken: string;
  @TextColumn('webhook_endpoint_id', { nullable: true }) webhookEndpointId: string | null;
  @TextColumn('webhook_secret_sealed', { nullable: true }) webhookSecretSealed: string | null;
  @TextColumn('webhook_secret_prefix', { nullable: true }) webhookSecretPrefix: string | null;
  @TextColumn('webhook_error', { nullable: true }) webhookError: string | null;
  /** Outcome of cleaning up the account + mode this connection was switched away from (best effort). */
  @JsonbColumn('previous_account_cleanup', { nullable: true }) previousAccountCleanup: PreviousAccountCleanup | null;
  /** Sweep cursor: `created` (unix seconds) of the newest event the sweep has seen. */
  @BigintColumn('events_cursor', { nullable: true })
  eventsCursor: number | null;
  @TimestampColumn('swept_at', { nullable: true }) sweptAt: Date | null;
  /** When the sweep last read the org's events (it reads an org with nothing open less often). */
  @TimestampColumn('events_read_at', { nullable: true }) eventsReadAt: Date | null;
  @TimestampColumn('last_verified_at', { nullable: true }) lastVerifiedAt: Date | null;
  @CreatedAtColumn() createdAt: Date;
  @UpdatedAtColumn() updatedAt: Date;
}

/** Online payment settings of an organization (kept when Stripe is disconnected). */
@Entity('stripe_payment_settings')
export class StripePaymentSettings {
  @OrgIdPrimaryColumn() orgId: string;
  @TextColumn('send_via') sendVia: 'HOSTED_INVOICE' | 'CHECKOUT';
  @IntegerColumn('link_lifetime_hours') linkLifetimeHours: number;
}
