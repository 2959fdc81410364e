import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Field, ID, Int, ObjectType } from 'type-graphql';

export type ConnectionStatus = 'CONNECTED' | 'DISCONNECTED' | 'ERROR';

/** One QuickBooks company per org. Holds sealed tokens, so it is never a GraphQL type itself. */
@Entity('qbo_connections')
export class QuickBooksConnection {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid', name: 'org_id' }) orgId: string;
  @Column({ type: 'text' }) status: ConnectionStatus;
  @Column({ type: 'text', name: 'realm_id', nullable: true }) realmId: string | null;
  @Column({ type: 'text', name: 'company_name', nullable: true }) companyName: string | null;
  @Column({ type: 'text', name: 'access_token_sealed', nullable: true }) accessTokenSealed: string | null;
  @Column({ type: 'text', name: 'refresh_token_sealed', nullable: true }) refreshTokenSealed: string | null;
  @Column({ type: 'timestamptz', name: 'access_token_expires_at', nullable: true }) accessTokenExpiresAt: Date | null;
  @Column({ type: 'timestamptz', name: 'refresh_token_expires_at', nullable: true }) refreshTokenExpiresAt: Date | null;
  @Column({ type: 'timestamptz', name: 'connected_at', nullable: true }) connectedAt: Date | null;
  @Column({ type: 'timestamptz', name: 'disconnected_at', nullable: true }) disconnectedAt: Date | null;
  @Column({ type: 'text', name: 'oauth_state_hash', nullable: true }) oauthStateHash: string | null;
  @Column({ type: 'timestamptz', name: 'oauth_state_expires_at', nullable: true }) oauthStateExpiresAt: Date | null;
  @Column({ type: 'text', name: 'cdc_watermark', nullable: true }) cdcWatermark: string | null;
  @Column({ type: 'text', name: 'last_error', nullable: true }) lastError: string | null;
  @Column({ type: 'text', name: 'default_item_id', nullable: true }) defaultItemId: string | null;
  @Column({ type: 'text', name: 'default_item_name', nullable: true }) defaultItemName: string | null;
  @Column({ type: 'text', name: 'fallback_item_id', nullable: true }) fallbackItemId: string | null;
  @Column({ type: 'text', name: 'income_account_id', nullable: true }) incomeAccountId: string | null;
  @Column({ type: 'text', name: 'income_account_name', nullable: true }) incomeAccountName: string | null;
  @Column({ type: 'boolean', name: 'pay_now_enabled', nullable: true }) payNowEnabled: boolean | null;
  @Column({ type: 'boolean', name: 'card_enabled', nullable: true }) cardEnabled: boolean | null;
  @Column({ type: 'boolean', name: 'ach_enabled', nullable: true }) achEnabled: boolean | null;
  @Column({ type: 'text', name: 'fee_expense_account_id', nullable: true }) feeExpenseAccountId: string | null;
  @Column({ type: 'text', name: 'fee_bank_account_id', nullable: true }) feeBankAccountId: string | null;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' }) updatedAt: Date;
}

export type OperationStatus = 'PENDING' | 'DONE' | 'FAILED' | 'SKIPPED';

/** One outbound change to QuickBooks; unique per (kind, entity, version), so a replayed event adds nothing. */
@ObjectType({ description: 'One outbound change queued for QuickBooks.' })
@Entity('qbo_operations')
export class QuickBooksOperation {
  @Field(() => ID) @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid', name: 'org_id' }) orgId: string;
  @Field(() => String) @Column({ type: 'text' }) kind: string;
  @Field(() => String) @Column({ type: 'text', name: 'entity_id' }) entityId: string;
  @Field(() => Int) @Column({ type: 'integer' }) version: number;
  @Field(() => String) @Column({ type: 'text' }) status: OperationStatus;
  @Column({ type: 'jsonb' }) payload: Record<string, unknown>;
  @Field(() => Int) @Column({ type: 'integer' }) attempts: number;
  @Field(() => Int, { description: 'QuickBooks API requests this operation used.' }) @Column({ type: 'integer' }) requests: number;
  @Column({ type: 'timestamptz', name: 'next_attempt_at', nullable: true }) nextAttemptAt: Date | null;
  @Field(() => String, { nullable: true }) @Column({ type: 'text', name: 'last_error', nullable: true }) lastError: string | null;
  @Field(() => String, { nullable: true }) @Column({ type: 'text', name: 'qb_id', nullable: true }) qbId: string | null;
  @Field(() => Date) @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
  @Field(() => Date, { nullable: true }) @Column({ type: 'timestamptz', name: 'completed_at', nullable: true }) completedAt: Date | null;
}

/** The ledger: a Settle id ↔ a QuickBooks id, unique both ways within an org. */
@Entity('qbo_links')
export class QuickBooksLink {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid', name: 'org_id' }) orgId: string;
  @Column({ type: 'text', name: 'realm_id' }) realmId: string;
  @Column({ type: 'text', name: 'settle_type' }) settleType: string;
  @Column({ type: 'text', name: 'settle_id' }) settleId: string;
  @Column({ type: 'text', name: 'qb_type' }) qbType: string;
  @Column({ type: 'text', name: 'qb_id' }) qbId: string;
  @Column({ type: 'text', name: 'sync_token', nullable: true }) syncToken: string | null;
  @Column({ type: 'text' }) origin: 'SETTLE' | 'QUICKBOOKS';
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
}

@ObjectType({ description: 'A QuickBooks sync failure a person must look at.' })
@Entity('qbo_exceptions')
export class QuickBooksException {
  @Field(() => ID) @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid', name: 'org_id' }) orgId: string;
  @Field(() => ID, { nullable: true }) @Column({ type: 'uuid', name: 'operation_id', nullable: true }) operationId: string | null;
  @Field(() => String) @Column({ type: 'text' }) kind: string;
  @Field(() => String) @Column({ type: 'text' }) message: string;
  @Column({ type: 'jsonb' }) detail: Record<string, unknown>;
  @Field(() => Date) @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
  @Field(() => Date, { nullable: true }) @Column({ type: 'timestamptz', name: 'resolved_at', nullable: true }) resolvedAt: Date | null;
  @Field(() => String, { nullable: true }) @Column({ type: 'text', name: 'resolved_by', nullable: true }) resolvedBy: string | null;
}

@ObjectType({ description: 'A QuickBooks webhook notification as received (signature verified).' })
@Entity('qbo_webhook_events')
export class QuickBooksWebhookEvent {
  @Field(() => ID) @PrimaryGeneratedColumn('uuid') id: string;
  @Field(() => [String]) @Column({ type: 'text', name: 'realm_ids', array: true }) realmIds: string[];
  @Field(() => String) @Column({ type: 'text' }) format: string;
  @Column({ type: 'text' }) body: string;
  @Field(() => Int) @Column({ type: 'integer', name: 'entity_count' }) entityCount: number;
  @Field(() => Date) @CreateDateColumn({ type: 'timestamptz', name: 'received_at' }) receivedAt: Date;
  @Field(() => Date, { nullable: true }) @Column({ type: 'timestamptz', name: 'processed_at', nullable: true }) processedAt: Date | null;
  @Field(() => String, { nullable: true }) @Column({ type: 'text', nullable: true }) error: string | null;
}

export const QUICKBOOKS_ENTITIES = [QuickBooksConnection, QuickBooksOperation, QuickBooksLink, QuickBooksException, QuickBooksWebhookEvent];
