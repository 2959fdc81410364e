import { Entity } from 'typeorm';
import {
  IdColumn,
  OrgIdColumn,
  CreatedAtColumn,
  UuidColumn,
  TextColumn,
  TimestampColumn,
} from '../../platform/database/columns.js';
import { OrgRecord } from '../../platform/database/org-record.js';

/** A signed-in browser or tool: either an admin user or a portal user. Token stored hashed. */
@Entity('sessions')
export class Session {
  @IdColumn() id: string;
  @TextColumn('token_hash') tokenHash: string;
  @OrgIdColumn() orgId: string;
  @UuidColumn('user_id', { nullable: true }) userId: string | null;
  @UuidColumn('portal_user_id', { nullable: true }) portalUserId: string | null;
  @TimestampColumn('expires_at') expiresAt: Date;
  @CreatedAtColumn() createdAt: Date;
}

@Entity('magic_links')
export class MagicLink extends OrgRecord {
  @UuidColumn('portal_user_id') portalUserId: string;
  @TextColumn('token_hash') tokenHash: string;
  @TimestampColumn('expires_at') expiresAt: Date;
  @TimestampColumn('used_at', { nullable: true }) usedAt: Date | null;
}

/** An emailed staff password reset link (`requestPasswordReset`): single use, short-lived, token stored hashed. */
@Entity('password_resets')
export class PasswordReset extends OrgRecord {
  @UuidColumn('user_id') userId: string;
  @TextColumn('token_hash') tokenHash: string;
  @TimestampColumn('expires_at') expiresAt: Date;
  @TimestampColumn('used_at', { nullable: true }) usedAt: Date | null;
  @CreatedAtColumn() createdAt: Date;
}
