import { Entity } from 'typeorm';
import { CreatedAtColumn, TextColumn, TimestampColumn } from '../../platform/database/columns.js';
import { OrgRecord } from '../../platform/database/org-record.js';

export const ROLES = ['OWNER', 'ADMIN', 'BILLING', 'TECHNICIAN'] as const;
export type Role = (typeof ROLES)[number];

/** An admin-side user. Holds a password hash, so it is never a GraphQL type (see AdminUserView). */
@Entity('users')
export class User extends OrgRecord {
  @TextColumn() email: string;
  @TextColumn() name: string;
  @TextColumn() role: Role;
  @TextColumn('password_hash') passwordHash: string;
  @TimestampColumn('disabled_at', { nullable: true }) disabledAt: Date | null;
  @CreatedAtColumn() createdAt: Date;
}
