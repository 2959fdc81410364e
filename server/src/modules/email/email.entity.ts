import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';

export enum EmailStatus { QUEUED = 'QUEUED', SENT = 'SENT', OUTBOX = 'OUTBOX', FAILED = 'FAILED' }
registerEnumType(EmailStatus, { name: 'EmailStatus', description: 'OUTBOX: stored only, because no SMTP_URL is configured.' });

@ObjectType({ description: 'An email Settle sent, or kept in the outbox when no SMTP server is configured.' })
@Entity('emails')
export class Email {
  @Field(() => ID) @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid', name: 'org_id' }) orgId: string;
  @Field(() => String) @Column({ type: 'text' }) kind: string;
  @Field(() => String) @Column({ type: 'text', name: 'to_address' }) to: string;
  @Field(() => String) @Column({ type: 'text' }) subject: string;
  @Field(() => String) @Column({ type: 'text', name: 'text_body' }) text: string;
  @Field(() => String) @Column({ type: 'text', name: 'html_body' }) html: string;
  @Field(() => EmailStatus) @Column({ type: 'text' }) status: EmailStatus;
  @Field(() => ID, { nullable: true }) @Column({ type: 'uuid', name: 'related_id', nullable: true }) relatedId: string | null;
  @Field(() => String, { nullable: true }) @Column({ type: 'text', nullable: true }) error: string | null;
  @Field(() => Date) @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
  @Field(() => Date, { nullable: true }) @Column({ type: 'timestamptz', name: 'sent_at', nullable: true }) sentAt: Date | null;
}
