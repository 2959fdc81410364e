import { Entity } from 'typeorm';
import {
  CreatedAtColumn,
  IdColumn,
  JsonbColumn,
  OrgIdColumn,
  TextColumn,
  TimestampColumn,
} from '../../platform/database/columns.js';
import { stringEnum } from '../../platform/string-enum.js';

export const IdempotencyStatus = stringEnum('IN_PROGRESS', 'COMPLETED');
export type IdempotencyStatus = keyof typeof IdempotencyStatus;

/**
 * One idempotency key of one caller for one mutation of an org. IN_PROGRESS: reserved by a call whose
 * work runs outside one transaction and has not finished yet; COMPLETED: `result` holds what the first
 * call returned (the ids of the objects it returned, see stored-result.ts). Written with SQL by
 * IdempotencyService (INSERT … ON CONFLICT); the entity maps the table for reads and the schema check.
 */
@Entity('idempotency_keys')
export class IdempotencyKey {
  @IdColumn() id: string;
  @OrgIdColumn() orgId: string;
  /** `user:<id>`, `token:<id>` or `portal:<id>`: keys of two callers never meet. */
  @TextColumn() caller: string;
  /** The mutation's name (`createInvoice`). */
  @TextColumn() operation: string;
  @TextColumn() key: string;
  /** sha256 of the canonical JSON of the arguments other than the key. */
  @TextColumn('args_hash') argsHash: string;
  @TextColumn() status: IdempotencyStatus;
  @JsonbColumn({ nullable: true }) result: unknown;
  @CreatedAtColumn() createdAt: Date;
  @TimestampColumn('expires_at') expiresAt: Date;
}
