import { CreatedAtColumn, UuidColumn, TextColumn, TimestampColumn } from '../../platform/database/columns.js';
import { Field, ID, registerEnumType } from 'type-graphql';
import { OrgRecord } from '../../platform/database/org-record.js';
import { EmailKind, type EmailKindValue } from './email-kind.js';
import { GraphQLEntity } from '../../platform/database/graphql-entity.js';

export enum EmailStatus {
  QUEUED = 'QUEUED',
  SENT = 'SENT',
  OUTBOX = 'OUTBOX',
  FAILED = 'FAILED',
}
registerEnumType(EmailStatus, {
  name: 'EmailStatus',
  description: 'OUTBOX: stored only, because no SMTP_URL is configured.',
});

@GraphQLEntity('emails', 'An email Settle sent, or kept in the outbox when no SMTP server is configured.')
export class Email extends OrgRecord {
  @Field(() => EmailKind) @TextColumn() kind: EmailKindValue;
  @Field(() => String) @TextColumn('to_address') to: string;
  @Field(() => String) @TextColumn() subject: string;
  @Field(() => String) @TextColumn('text_body') text: string;
  @Field(() => String) @TextColumn('html_body') html: string;
  @Field(() => EmailStatus) @TextColumn() status: EmailStatus;
  @Field(() => ID, { nullable: true }) @UuidColumn('related_id', { nullable: true }) relatedId: string | null;
  @Field(() => String, { nullable: true }) @TextColumn({ nullable: true }) error: string | null;
  @Field(() => Date, { description: 'When it was created.' }) @CreatedAtColumn() createdAt: Date;
  @Field(() => Date, { nullable: true }) @TimestampColumn('sent_at', { nullable: true }) sentAt: Date | null;
}
