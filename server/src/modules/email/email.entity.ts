import { CreatedAtColumn, UuidColumn, TextColumn, TimestampColumn } from '../../platform/database/columns.js';
import { Field, ID } from 'type-graphql';
import { OrgRecord } from '../../platform/database/org-record.js';
import { EmailKind, type EmailKindValue } from './email-kind.js';
import { GraphQLEntity } from '../../platform/database/graphql-entity.js';
import { describedEnum } from '../../graphql/described-enum.js';

export const EmailStatus = describedEnum(
  'EmailStatus',
  {
    QUEUED: 'Taken by the mailer, being sent.',
    SENT: 'Handed to the mail server.',
    OUTBOX: 'Written with the change it is about; waits for the mailer.',
    FAILED: 'Sending failed; `error` says why.',
    CANCELLED:
      'Not sent: what it is about changed before it left (a reminder of an invoice paid meanwhile); `error` says why.',
  },
  'OUTBOX: stored only, because no SMTP_URL is configured. CANCELLED: checked again when it was about to leave, and no longer wanted.',
);
export type EmailStatus = keyof typeof EmailStatus;

@GraphQLEntity('emails', 'An email Settle sent, or kept in the outbox when no SMTP server is configured.', {
  node: true,
})
export class Email extends OrgRecord {
  @Field(() => EmailKind, { description: 'What the email is about.' }) @TextColumn() kind: EmailKindValue;
  @Field(() => String, { description: "The recipient's address." }) @TextColumn('to_address') to: string;
  @Field(() => String, { description: 'The subject line.' }) @TextColumn() subject: string;
  @Field(() => String, { description: 'The plain-text body.' }) @TextColumn('text_body') text: string;
  @Field(() => String, { description: 'The HTML body.' }) @TextColumn('html_body') html: string;
  @Field(() => EmailStatus, { description: 'Where it stands.' }) @TextColumn() status: EmailStatus;
  @Field(() => ID, {
    description: 'The object it is about (an invoice, payment, endpoint…), when there is one.',
    nullable: true,
  })
  @UuidColumn('related_id', { nullable: true })
  relatedId: string | null;
  @Field(() => String, {
    description: 'Why sending failed, or why it was not sent (CANCELLED); null otherwise.',
    nullable: true,
  })
  @TextColumn({ nullable: true })
  error: string | null;
  @Field(() => Date, { description: 'When it was created.' }) @CreatedAtColumn() createdAt: Date;
  @Field(() => Date, { description: 'When it was handed to the mail server (null until sent).', nullable: true })
  @TimestampColumn('sent_at', { nullable: true })
  sentAt: Date | null;
}
