import { Arg, Ctx, Field, InputType, Int, Mutation, Query, Resolver } from 'type-graphql';
import { IsBoolean, IsEnum, IsInt, IsOptional, Length, Max, Min } from 'class-validator';
import type { GraphQLContext } from '../../graphql/context.js';
import { SignedIn, Staff, type StaffAccess } from '../../graphql/guards.js';
import { badInput } from '../../platform/errors.js';
import { unknownMemoVariables } from '../invoices/memo-template.js';
import { TimeItemization } from '../invoices/time-itemization.js';
import type { Principal } from '../auth/principal.js';
import { Organization } from './organization.entity.js';

@InputType({ description: "Changes to the org's settings; fields left out keep their value." })
class OrganizationSettingsInput {
  @Field(() => String, { description: "The organization's name.", nullable: true })
  @IsOptional()
  @Length(1, 200)
  name?: string;
  @Field(() => String, { description: 'Put before invoice numbers (at most 20 characters).', nullable: true })
  @IsOptional()
  @Length(0, 20)
  invoicePrefix?: string;
  @Field(() => Int, { description: 'Default payment terms in days (0 to 365).', nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(365)
  daysUntilDue?: number;
  @Field(() => Int, { description: 'Default sales tax in basis points (825 = 8.25%).', nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10000)
  taxRateBps?: number;
  @Field(() => String, {
    nullable: true,
    description: 'Variables: {client_name} {period_start} {period_end} {invoice_number} {due_date} {org_name}',
  })
  @IsOptional()
  @Length(0, 2000)
  memoTemplate?: string;
  @Field(() => Boolean, { description: 'Put the pay link in invoice emails.', nullable: true })
  @IsOptional()
  @IsBoolean()
  emailPayLink?: boolean;
  @Field(() => Boolean, { description: 'Email the client a receipt when a payment lands.', nullable: true })
  @IsOptional()
  @IsBoolean()
  emailPaymentConfirmation?: boolean;
  @Field(() => Boolean, { description: 'Let clients pay part of an invoice online.', nullable: true })
  @IsOptional()
  @IsBoolean()
  allowPartialPayments?: boolean;
  @Field(() => TimeItemization, {
    description: 'How generated invoices list approved time (clients may override).',
    nullable: true,
  })
  @IsOptional()
  @IsEnum(TimeItemization)
  timeItemization?: TimeItemization;
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
    @Arg('input', () => OrganizationSettingsInput, { description: 'The settings to change.' })
    input: OrganizationSettingsInput,
    @Staff() { orgId, actor, container }: StaffAccess,
  ) {
    const unknown = input.memoTemplate ? unknownMemoVariables(input.memoTemplate) : [];
    if (unknown.length)
      throw badInput('memoTemplate', `Unknown variable(s): ${unknown.map((v) => `{${v}}`).join(', ')}`);
    return container.organizations.updateSettings(orgId, actor, input);
  }
}
