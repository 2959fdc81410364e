import { CreatedAtField, TextField, TimestampField, UuidField } from '../../platform/database/graphql-columns.js';
import { OrgRecord } from '../../platform/database/org-record.js';
import { EmailKind, type EmailKindValue } from './email-kind.js';
import { GraphQLEntity } from '../../platform/database/graphql-entity.js';
import { describedEnum } from '../../graphql/described-enum.js';

export const EmailStatus = describedEnum(
  'EmailStatus',
  'OUTBOX: stored only, because no SMTP_URL is configured. CANCELLED: checked again when it was about to leave, and no longer wanted.',
  {
    QUEUED: 'Taken by the mailer, being sent.',
    SENT: 'Handed to the mail server.',
    OUTBOX: 'Written with the change it is about; waits for the mailer.',
    FAILED: 'Sending failed; `error` says why.',
    CANCELLED:
      'Not sent: what it is about changed before it left (a reminder of an invoice paid meanwhile); `error` says why.',
  },
);
export type EmailStatus = keyof typeof EmailStatus;

@GraphQLEntity('emails', 'An email Settle sent, or kept in the outbox when no SMTP server is configured.', {
  node: true,
})
export class Email extends OrgRecord {
  @TextField({ type: () => EmailKind, description: 'What the email is about.' }) kind: EmailKindValue;
  @TextField('to_address', { description: "The recipient's address." }) to: string;
  @TextField('reply_to', {
    nullable: true,
    description: "Where the recipient's reply goes (the org's billing email, on emails to clients); null: the sender.",
  })
  replyTo: string | null;
  @TextField({ description: 'The subject line.' }) subject: string;
  @TextField('text_body', { description: 'The plain-text body.' }) text: string;
  @TextField('html_body', { description: 'The HTML body.' }) html: string;
  @TextField({ type: () => EmailStatus, description: 'Where it stands.' }) status: EmailStatus;
  @UuidField('related_id', {
    nullable: true,
    description: 'The object it is about (an invoice, payment, endpoint…), when there is one.',
  })
  relatedId: string | null;
  @TextField({ nullable: true, description: 'Why sending failed, or why it was not sent (CANCELLED); null otherwise.' })
  error: string | null;
  @CreatedAtField() createdAt: Date;
  @TimestampField('sent_at', {
    nullable: true,
    description: 'When it was handed to the mail server (null until sent).',
  })
  sentAt: Date | null;
}
