import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { DateScalar } from '../../graphql/scalars.js';
import { describedEnum } from '../../graphql/described-enum.js';

export const ReminderPolicySource = describedEnum('ReminderPolicySource', 'Whose reminder policy applies.', {
  CLIENT: "The client's own schedule.",
  ORGANIZATION: "The organization's schedule (inherited by a client without its own).",
  DEFAULT: 'Nothing set yet: reminders off, the suggested schedule prefilled.',
});
export type ReminderPolicySource = keyof typeof ReminderPolicySource;

export const ReminderStatus = describedEnum('ReminderStatus', 'Where a payment reminder stands.', {
  SENT: 'Emailed to the client.',
  SKIPPED: 'Not emailed: a later reminder was due at the same time (a sweep was missed).',
  FAILED: 'Could not be sent; `reason` says why.',
  PLANNED:
    'Will be sent on `plannedFor` if the invoice is still open; one due already while a payment of the invoice is under way is postponed (`reason` says so).',
});
export type ReminderStatus = keyof typeof ReminderStatus;

@ObjectType({ description: 'The payment reminder schedule that applies to an organization or a client.' })
export class EffectiveReminderPolicy {
  @Field(() => ID, { nullable: true, description: 'The client asked about; null for the organization.' })
  clientId: string | null;
  @Field(() => Boolean, { description: 'Whether reminders are sent.' }) enabled: boolean;
  @Field(() => [Int], { description: 'Days relative to the due date (negative: before it), ascending.' })
  offsets: number[];
  @Field(() => ReminderPolicySource, { description: 'Where the schedule comes from.' })
  source: ReminderPolicySource;
  @Field(() => Boolean, { description: "For a client: true when it follows the organization's schedule." })
  inherited: boolean;
}

@ObjectType({ description: 'One payment reminder of an invoice: sent, skipped, failed or still planned.' })
export class InvoiceReminder {
  @Field(() => Int, { description: 'Days relative to the due date.' }) offsetDays: number;
  @Field(() => DateScalar, { description: 'The day it is (or was) due to be sent.' }) plannedFor: string;
  @Field(() => ReminderStatus, { description: 'Where it stands.' }) status: ReminderStatus;
  @Field(() => Date, { description: 'When it was sent (null if not).', nullable: true }) sentAt: Date | null;
  @Field(() => String, {
    nullable: true,
    description: 'Why it was skipped or failed, or why a planned one due already is postponed.',
  })
  reason: string | null;
}

@InputType({ description: "The organization's reminder schedule, or a client's own when clientId is given." })
export class ReminderPolicyInput {
  @Field(() => ID, {
    description: "The client to override the org's policy for (null: the org's policy).",
    nullable: true,
  })
  clientId?: string | null;
  @Field(() => Boolean, { description: 'Send reminders.' }) enabled: boolean;
  @Field(() => [Int], { description: 'Days relative to the due date, -60 to 365, at most 10, each once.' })
  offsets: number[];
}
