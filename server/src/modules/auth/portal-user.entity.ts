import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A client's person who signs into the portal. Holds hashes, so never a GraphQL type itself. */
@Entity('portal_users')
export class PortalUser {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid', name: 'org_id' }) orgId: string;
  @Column({ type: 'uuid', name: 'client_id' }) clientId: string;
  @Column({ type: 'text' }) email: string;
  @Column({ type: 'text' }) name: string;
  @Column({ type: 'text', name: 'password_hash', nullable: true }) passwordHash: string | null;
  @Column({ type: 'text', name: 'invite_token_hash', nullable: true }) inviteTokenHash: string | null;
  @Column({ type: 'timestamptz', name: 'invited_at' }) invitedAt: Date;
  @Column({ type: 'timestamptz', name: 'invite_expires_at', nullable: true }) inviteExpiresAt: Date | null;
  @Column({ type: 'timestamptz', name: 'accepted_at', nullable: true }) acceptedAt: Date | null;
  @Column({ type: 'timestamptz', name: 'disabled_at', nullable: true }) disabledAt: Date | null;
}
