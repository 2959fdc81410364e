import type { TokenScope } from '../../graphql/access-policy.js';
import { Entity } from 'typeorm';
import { CreatedAtColumn, UuidColumn, TextColumn, TimestampColumn } from '../../platform/database/columns.js';
import { OrgRecord } from '../../platform/database/org-record.js';

/** An integrator's token. Only its SHA-256 hash and a display prefix are stored. */
@Entity('api_tokens')
export class ApiToken extends OrgRecord {
  @TextColumn() name: string;
  @TextColumn('token_hash') tokenHash: string;
  @TextColumn() prefix: string;
  /** read | billing | admin: what the token may do (see graphql/access-policy.ts). */
  @TextColumn() scope: TokenScope;
  @UuidColumn('created_by', { nullable: true }) createdBy: string | null;
  @CreatedAtColumn() createdAt: Date;
  @TimestampColumn('last_used_at', { nullable: true }) lastUsedAt: Date | null;
  @TimestampColumn('revoked_at', { nullable: true }) revokedAt: Date | null;
}
