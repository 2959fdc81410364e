import { Entity } from 'typeorm';
import { UuidColumn, TextColumn, TimestampColumn } from '../../platform/database/columns.js';
import { OrgRecord } from '../../platform/database/org-record.js';

/** A client's person who signs into the portal. Holds hashes, so never a GraphQL type itself. */
@Entity('portal_users')
export class PortalUser extends OrgRecord {
  @UuidColumn('client_id') clientId: string;
  @TextColumn() email: string;
  @TextColumn() name: string;
  @TextColumn('password_hash', { nullable: true }) passwordHash: string | null;
  @TextColumn('invite_token_hash', { nullable: true }) inviteTokenHash: string | null;
  @TimestampColumn('invited_at') invitedAt: Date;
  @TimestampColumn('invite_expires_at', { nullable: true }) inviteExpiresAt: Date | null;
  @TimestampColumn('accepted_at', { nullable: true }) acceptedAt: Date | null;
  @TimestampColumn('disabled_at', { nullable: true }) disabledAt: Date | null;
}
