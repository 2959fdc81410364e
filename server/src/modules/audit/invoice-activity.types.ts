import { Field, ID, ObjectType } from 'type-graphql';
import { OperationStatus } from '../quickbooks/quickbooks-operation-kinds.js';
import { ActivitySystem } from './actor-source.js';

@ObjectType('InvoiceActivity', {
  description:
    "One line of an invoice's timeline: a change in Settle (its audit trail) or a Stripe or QuickBooks step.",
})
export class InvoiceActivity {
  @Field(() => ID, { description: "The step's id (an audit event, Stripe event or QuickBooks operation id)." })
  id: string;
  @Field(() => Date, { description: 'When the step happened.' }) at: Date;
  @Field(() => ActivitySystem, { description: 'Where the step happened.' }) system: ActivitySystem;
  @Field(() => String, { description: 'What happened, in words: "Sent", "Pushed to QuickBooks (Invoice 123)"' })
  label: string;
  @Field(() => String, { nullable: true, description: 'The audit action (Settle lines only), e.g. invoice.sent' })
  action: string | null;
  @Field(() => String, { nullable: true, description: 'Who did it (Settle lines only)' }) actorLabel: string | null;
  @Field(() => String, { nullable: true, description: 'Through what: "Admin app", "API", "Stripe"… (Settle lines)' })
  via: string | null;
  @Field(() => OperationStatus, { nullable: true, description: "A QuickBooks step's state (null on other lines)." })
  status: OperationStatus | null;
}
