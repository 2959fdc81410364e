import { Column, Entity } from 'typeorm';
import {
  CreatedAtColumn,
  UpdatedAtColumn,
  TextColumn,
  BooleanColumn,
  TimestampColumn,
  JsonbColumn,
} from '../../platform/database/columns.js';
import {
  CreatedAtField,
  IdField,
  IntegerField,
  TextField,
  TimestampField,
  UuidField,
} from '../../platform/database/graphql-columns.js';
import { Field } from 'type-graphql';
import { OrgRecord } from '../../platform/database/org-record.js';
import { GraphQLEntity } from '../../platform/database/graphql-entity.js';
import { OperationStatus, OpKind } from './quickbooks-operation-kinds.js';
import { exceptionKindOf, QuickBooksExceptionKind } from './quickbooks-exception-kinds.js';
import { QuickBooksFieldDifference } from './quickbooks.types.js';

export type ConnectionStatus = 'CONNECTED' | 'DISCONNECTED' | 'ERROR';
export type StripeDepositTo = 'CLEARING_ACCOUNT' | 'UNDEPOSITED_FUNDS';

/** One QuickBooks company per org. Holds sealed tokens, so it is never a GraphQL type itself. */
@Entity('qbo_connections')
export class QuickBooksConnection extends OrgRecord {
  @TextColumn() status: ConnectionStatus;
  @TextColumn('realm_id', { nullable: true }) realmId: string | null;
  @TextColumn('company_name', { nullable: true }) companyName: string | null;
  /** CompanyInfo.Country ('US', 'CA', …): ACH Pay Now is for US companies only. Null until read. */
  @TextColumn('company_country', { nullable: true }) companyCountry: string | null;
  @TextColumn('access_token_sealed', { nullable: true }) accessTokenSealed: string | null;
  @TextColumn('refresh_token_sealed', { nullable: true }) refreshTokenSealed: string | null;
  @TimestampColumn('access_token_expires_at', { nullable: true }) accessTokenExpiresAt: Date | null;
  @TimestampColumn('refresh_token_expires_at', { nullable: true }) refreshTokenExpiresAt: Date | null;
  @TimestampColumn('connected_at', { nullable: true }) connectedAt: Date | null;
  @TimestampColumn('disconnected_at', { nullable: true }) disconnectedAt: Date | null;
  @TextColumn('oauth_state_hash', { nullable: true }) oauthStateHash: string | null;
  @TimestampColumn('oauth_state_expires_at', { nullable: true }) oauthStateExpiresAt: Date | null;
  @TextColumn('cdc_watermark', { nullable: true }) cdcWatermark: string | null;
  @TextColumn('last_error', { nullable: true }) lastError: string | null;
  @TextColumn('default_item_id', { nullable: true }) defaultItemId: string | null;
  @TextColumn('default_item_name', { nullable: true }) defaultItemName: string | null;
  @TextColumn('fallback_item_id', { nullable: true }) fallbackItemId: string | null;
  @TextColumn('income_account_id', { nullable: true }) incomeAccountId: string | null;
  @TextColumn('income_account_name', { nullable: true }) incomeAccountName: string | null;
  @BooleanColumn('pay_now_enabled', { nullable: true }) payNowEnabled: boolean | null;
  @BooleanColumn('card_enabled', { nullable: true }) cardEnabled: boolean | null;
  @BooleanColumn('ach_enabled', { nullable: true }) achEnabled: boolean | null;
  @TextColumn('fee_expense_account_id', { nullable: true }) feeExpenseAccountId: string | null;
  @TextColumn('fee_bank_account_id', { nullable: true }) feeBankAccountId: string | null;
  /** Invoices go to QuickBooks as soon as they are generated (drafts included), unless a generation says otherwise. */
  @BooleanColumn('push_on_generate') pushOnGenerate: boolean;
  /** Preferences.CurrencyPrefs, read when first needed; multicurrency cannot be turned off once on. */
  @TextColumn('home_currency', { nullable: true }) homeCurrency: string | null;
  @BooleanColumn('multicurrency_enabled') multicurrencyEnabled: boolean;
  /** Settle tax rate in basis points → the QuickBooks TaxCode id chosen for it (else matched by rate). */
  @JsonbColumn('tax_codes') taxCodes: Record<string, string>;
  /** The bank Stripe payouts reach: each one is a Deposit into it from the clearing account (feeBankAccountId). */
  @TextColumn('payout_bank_account_id', { nullable: true }) payoutBankAccountId: string | null;
  /** Where Stripe payments are received: the clearing account (feeBankAccountId, the default) or Undeposited Funds. */
  @TextColumn('stripe_deposit_to', { nullable: true }) stripeDepositTo: StripeDepositTo | null;
  @CreatedAtColumn() createdAt: Date;
  @UpdatedAtColumn() updatedAt: Date;
}

export { OperationStatus };

/** One outbound change to QuickBooks; unique per (kind, entity, version), so a replayed event adds nothing. */
@GraphQLEntity('qbo_operations', 'One outbound change queued for QuickBooks.', { node: true })
export class QuickBooksOperation extends OrgRecord {
  @TextField({ type: () => OpKind, description: 'What it does in QuickBooks.' }) kind: OpKind;
  @TextField('entity_id', { description: 'The Settle object it is about (an invoice, payment, client… id).' })
  entityId: string;
  @IntegerField({
    description: 'Which change of the object it sends (a replayed change of the same version adds nothing).',
  })
  version: number;
  @TextField({ type: () => OperationStatus, description: 'Where it stands.' }) status: OperationStatus;
  @JsonbColumn() payload: Record<string, unknown>;
  @IntegerField({ description: 'How many times it was tried.' }) attempts: number;
  @IntegerField({ description: 'QuickBooks API requests this operation used.' }) requests: number;
  @TimestampColumn('next_attempt_at', { nullable: true }) nextAttemptAt: Date | null;
  @TextField('last_error', { nullable: true, description: 'The last error QuickBooks answered (null if none).' })
  lastError: string | null;
  @TextField('qb_id', { nullable: true, description: 'The id of the QuickBooks object it made or changed.' })
  qbId: string | null;
  @CreatedAtField() createdAt: Date;
  @TimestampField('completed_at', { nullable: true, description: 'When it finished (done, skipped or given up on).' })
  completedAt: Date | null;
}

/** The ledger: a Settle id ↔ a QuickBooks id, unique both ways within an org. */
@Entity('qbo_links')
export class QuickBooksLink extends OrgRecord {
  @TextColumn('realm_id') realmId: string;
  @TextColumn('settle_type') settleType: string;
  @TextColumn('settle_id') settleId: string;
  @TextColumn('qb_type') qbType: string;
  @TextColumn('qb_id') qbId: string;
  @TextColumn('sync_token', { nullable: true }) syncToken: string | null;
  @TextColumn() origin: 'SETTLE' | 'QUICKBOOKS';
  /** What Settle last pushed (or adopted) of the fields it owns: an edit in QuickBooks since differs from it. */
  @JsonbColumn({ nullable: true }) pushed: Record<string, unknown> | null;
  @CreatedAtColumn() createdAt: Date;
}

@GraphQLEntity('qbo_exceptions', 'A QuickBooks sync failure a person must look at.', { node: true })
export class QuickBooksException extends OrgRecord {
  @UuidField('operation_id', { nullable: true, description: 'The failed operation, when the exception is about one.' })
  operationId: string | null;
  @TextColumn() kind: string;
  @TextField({ description: 'What went wrong, in words.' }) message: string;
  @JsonbColumn() detail: Record<string, unknown>;

  @Field(() => QuickBooksExceptionKind, { name: 'kind', description: 'What the exception is about.' })
  get kindName(): QuickBooksExceptionKind {
    return exceptionKindOf(this.kind);
  }
  @CreatedAtField() createdAt: Date;
  @TimestampField('resolved_at', { nullable: true, description: 'When it was resolved (null while open).' })
  resolvedAt: Date | null;
  @TextField('resolved_by', { nullable: true, description: 'Who resolved it, and how.' }) resolvedBy: string | null;

  @Field(() => [QuickBooksFieldDifference], {
    description: 'For an edit made in QuickBooks to what Settle owns: each field that differs (else empty).',
  })
  get differences(): QuickBooksFieldDifference[] {
    return Array.isArray(this.detail?.differences) ? (this.detail.differences as QuickBooksFieldDifference[]) : [];
  }

  @Field(() => Boolean, {
    description: "An edit made in QuickBooks that Settle's version can be pushed over (keepSettleVersion).",
  })
  get canKeepSettle(): boolean {
    return this.detail?.kind === 'CONFLICT' && !this.resolvedAt;
  }

  @Field(() => Boolean, {
    description:
      'Open, and retryQuickBooksException can act on it: a failed operation (queued again), or a QuickBooks payment Settle could not record (read again; resolved once recorded).',
  })
  get canRetry(): boolean {
    if (this.resolvedAt) return false;
    return (
      Boolean(this.operationId) || (this.kind === 'INBOUND_PAYMENT' && typeof this.detail?.qbPaymentId === 'string')
    );
  }

  @Field(() => Boolean, {
    description: "An edit of a customer's name or email in QuickBooks that Settle can take (acceptQuickBooksVersion).",
  })
  get canAcceptQuickBooks(): boolean {
    return this.canKeepSettle && this.detail?.qbType === 'Customer';
  }
}

@GraphQLEntity('qbo_webhook_events', 'A QuickBooks webhook notification as received (signature verified).')
export class QuickBooksWebhookEvent {
  @IdField("The notification's id in Settle.") id: string;
  @Field(() => [String], { description: 'The QuickBooks companies it was about.' })
  @Column({ type: 'text', name: 'realm_ids', array: true })
  realmIds: string[];
  @TextField({ description: 'The notification format Intuit used (legacy or CloudEvents).' }) format: string;
  @TextColumn() body: string;
  @IntegerField('entity_count', { description: 'How many changed entities it named.' }) entityCount: number;
  @CreatedAtField('When Settle received it.', 'received_at') receivedAt: Date;
  @TimestampField('processed_at', { nullable: true, description: 'When Settle applied it (null while waiting).' })
  processedAt: Date | null;
  @TextField({ nullable: true, description: 'Why processing it failed (null if it did not).' }) error: string | null;
}

export const QUICKBOOKS_ENTITIES = [
  QuickBooksConnection,
  QuickBooksOperation,
  QuickBooksLink,
  QuickBooksException,
  QuickBooksWebhookEvent,
];
