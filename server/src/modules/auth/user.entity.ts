import { Entity } from 'typeorm';
import { IdColumn, OrgIdColumn, CreatedAtColumn, TextColumn, TimestampColumn } from '../../platform/database/columns.js';

export const ROLES = ['OWNER', 'ADMIN', 'BILLING', 'TECHNICIAN'] as const;
export type Role = (typeof ROLES)[number];

/** An admin-side user. Holds a password hash, so it is never a GraphQL type (see AdminUserView). */
@Entity('users')
export class User {
  @IdColumn() id: string;
  @OrgIdColumn() orgId: string;
  @TextColumn() email: string;
  @TextColumn() name: string;
  @TextColumn() role: Role;
  @TextColumn('password_hash') passwordHash: string;
  @TimestampColumn('disabled_at', { nullable: true }) disabledAt: Date | null;
  @CreatedAtColumn() createdAt: Date;
}
