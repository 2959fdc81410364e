import { Ctx, InputType, Int, Mutation, Query, Resolver } from 'type-graphql';
import { InputArg } from '../../graphql/args.js';
import { IsBoolean, IsEnum, IsInt, isEmail, Length, Max, Min } from 'class-validator';
import type { GraphQLContext } from '../../graphql/context.js';
import { SignedIn, Staff, type StaffAccess } from '../../graphql/guards.js';
import { OptionalField } from '../../graphql/input-rules.js';
import { badInput } from '../../platform/errors.js';
import { isTimeZone } from '../../platform/time-zone.js';
import { unknownMemoVariables } from '../invoices/memo-template.js';
import { TimeItemization } from '../invoices/time-itemization.js';
import type { Principal } from '../auth/principal.js';
import { Organization } from './organization.entity.js';

@InputType({ description: "Changes to the org's settings; fields left out keep their value." })
class OrganizationSettingsInput {
  @OptionalField(() => String, "The organization's name.") @Length(1, 200) name?: string;
  @OptionalField(() => String, 'Put before invoice numbers (at most 20 characters).')
  @Length(0, 20)
  invoicePrefix?: string;
  @OptionalField(() => Int, 'Default payment terms in days (0 to 365).')
  @IsInt()
  @Min(0)
  @Max(365)
  daysUntilDue?: number;
  @OptionalField(() => Int, 'Default sales tax in basis points (825 = 8.25%).')
  @IsInt()
  @Min(0)
  @Max(10000)
  taxRateBps?: number;
  @OptionalField(
    () => String,
    'Variables: {client_name} {period_start} {period_end} {invoice_number} {due_date} {org_name}',
  )
  @Length(0, 2000)
  memoTemplate?: string;
  @OptionalField(() => Boolean, 'Put the pay link in invoice emails.') @IsBoolean() emailPayLink?: boolean;
  @OptionalField(() => Boolean, 'Email the client a receipt when a payment lands.')
  @IsBoolean()
  emailPaymentConfirmation?: boolean;
  @OptionalField(() => Boolean, 'Let clients pay part of an invoice online.')
  @IsBoolean()
  allowPartialPayments?: boolean;
  @OptionalField(() => TimeItemization, 'How generated invoices list approved time (clients may override).')
  @IsEnum(TimeItemization)
  timeItemization?: TimeItemization;
  @OptionalField(() => String, 'IANA time zone of the business (e.g. America/New_York); decides its dates.')
  @Length(1, 64)
  timeZone?: string;
  @OptionalField(
    () => String,
    "Where clients' replies to its emails go, and the address they are told to contact; empty clears it.",
  )
  @Length(0, 254)
  billingEmail?: string | null;
}

@Resolver(() => Organization)
export class OrganizationResolver {
  @Query(() => Organization, { description: "The caller's organization." })
  organization(@SignedIn() p: Principal, @Ctx() ctx: GraphQLContext) {
    return ctx.container.organizations.get(p.orgId);
  }

  @Mutation(() => Organization, {
    description: "Changes the org's settings (admins); fields left out keep their value.",
  })
  updateOrganizationSettings(
    @InputArg(() => OrganizationSettingsInput, 'The settings to change.')
    input: OrganizationSettingsInput,
    @Staff() { orgId, actor, container }: StaffAccess,
  ) {
    const unknown = input.memoTemplate ? unknownMemoVariables(input.memoTemplate) : [];
    if (unknown.length)
      throw badInput('memoTemplate', `Unknown variable(s): ${unknown.map((v) => `{${v}}`).join(', ')}`);
    if (input.timeZone !== undefined && !isTimeZone(input.timeZone))
      throw badInput('timeZone', 'Time zone must be an IANA time zone such as America/New_York');
    // Empty (or blank) or null clears it: emails then carry no Reply-To and name the org alone.
    const billingEmail = input.billingEmail === undefined ? undefined : input.billingEmail?.trim() || null;
    if (billingEmail && !isEmail(billingEmail))
      throw badInput('billingEmail', 'Billing email must be an email address such as billing@example.com');
    return container.organizations.updateSettings(orgId, actor, { ...input, billingEmail });
  }
}
