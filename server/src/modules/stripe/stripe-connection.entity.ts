import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

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
export const scopeOf = (c: { accountId: string; mode: 'test' | 'live' }) => ({ accountId: c.accountId, livemode: c.mode === 'live' });

/** A stored link (or event) belongs to the connection's account + mode. */
export const inScope = (c: { accountId: string; mode: 'test' | 'live' }, l: { accountId: string | null; livemode: boolean | null }) =>
  l.accountId === c.accountId && l.livemode === (c.mode === 'live');

/**
 * One Stripe account per organization. Holds sealed secrets, so it is never a GraphQL type itself
 * (see StripeConnectionView).
 */
@Entity('stripe_connections')
export class StripeConnection {
  @PrimaryColumn({ type: 'uuid', name: 'org_id' }) orgId: string;
  @Column({ type: 'text' }) mode: 'test' | 'live';
  @Column({ type: 'text', name: 'account_id' }) accountId: string;
  @Column({ type: 'text', name: 'connected_via' }) connectedVia: 'KEYS' | 'OAUTH';
  @Column({ type: 'text', name: 'secret_key_sealed' }) secretKeySealed: string;
  @Column({ type: 'text', name: 'secret_key_prefix' }) secretKeyPrefix: string;
  @Column({ type: 'text', name: 'publishable_key', nullable: true }) publishableKey: string | null;
  /** Connect: the connected account acted on through the platform key (Stripe-Account header). */
  @Column({ type: 'text', name: 'stripe_account', nullable: true }) stripeAccount: string | null;
  @Column({ type: 'text', name: 'webhook_token' }) webhookToken: string;
  @Column({ type: 'text', name: 'webhook_endpoint_id', nullable: true }) webhookEndpointId: string | null;
  @Column({ type: 'text', name: 'webhook_secret_sealed', nullable: true }) webhookSecretSealed: string | null;
  @Column({ type: 'text', name: 'webhook_secret_prefix', nullable: true }) webhookSecretPrefix: string | null;
  @Column({ type: 'text', name: 'webhook_error', nullable: true }) webhookError: string | null;
  /** Outcome of cleaning up the account + mode this connection was switched away from (best effort). */
  @Column({ type: 'jsonb', name: 'previous_account_cleanup', nullable: true }) previousAccountCleanup: PreviousAccountCleanup | null;
  /** Sweep cursor: `created` (unix seconds) of the newest event the sweep has seen. */
  @Column({ type: 'bigint', name: 'events_cursor', nullable: true, transformer: { to: (v: number | null) => v, from: (v: string | null) => (v === null ? null : Number(v)) } })
  eventsCursor: number | null;
  @Column({ type: 'timestamptz', name: 'swept_at', nullable: true }) sweptAt: Date | null;
  @Column({ type: 'timestamptz', name: 'last_verified_at', nullable: true }) lastVerifiedAt: Date | null;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' }) updatedAt: Date;
}

/** Online payment settings of an organization (kept when Stripe is disconnected). */
@Entity('stripe_payment_settings')
export class StripePaymentSettings {
  @PrimaryColumn({ type: 'uuid', name: 'org_id' }) orgId: string;
  @Column({ type: 'text', name: 'send_via' }) sendVia: 'HOSTED_INVOICE' | 'CHECKOUT';
  @Column({ type: 'integer', name: 'link_lifetime_hours' }) linkLifetimeHours: number;
}
