import { IsBoolean, IsEnum, IsInt, IsUUID, Max, Min } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { DateScalar, MoneyScalar } from '../../graphql/scalars.js';
import { Connection, DateRangeInput, Filter, IdFilter, PageArgs } from '../../graphql/connection.js';
import { TimeEntry, TimeEntryStatus } from './time-entry.entity.js';
import {
  HappenedDate,
  KeptDate,
  OptionalField,
  OptionalBoolean,
  OptionalId,
  OptionalText,
} from '../../graphql/input-rules.js';

@InputType({ description: 'Time worked on a ticket.' })
export class LogTimeInput {
  @Field(() => ID, { description: 'The ticket worked on.' }) @IsUUID() ticketId: string;
  @Field(() => ID, { description: 'The service worked (its price bills the time).' }) @IsUUID() serviceId: string;
  @IdFilter('Defaults to the signed-in user; billing staff may log for others.') technicianId?: string;
  @Field(() => DateScalar, { description: 'The day worked (not in the future).' }) @HappenedDate() workDate: string;
  @Field(() => Int, { description: 'Time worked in minutes (at least 1).' })
  @IsInt()
  @Min(1, { message: 'minutes must be at least 1' })
  @Max(1440, { message: 'minutes cannot exceed a day (1440)' })
  minutes: number;
  @OptionalText('What was done.', 0, 2000) note?: string;
  @Field(() => Boolean, { description: 'Bill it (default true).', defaultValue: true }) @IsBoolean() billable: boolean;
  @Filter(() => MoneyScalar, "Hourly rate for this entry only, in minor units of the client's currency.")
  @Min(0)
  rateOverride?: number;
  @OptionalText(
    "The currency rateOverride is in (ISO 4217); refused unless it is the client's. Omitted: the client's currency when the entry is written.",
    3,
    3,
  )
  rateOverrideCurrency?: string;
  @Field(() => Boolean, { defaultValue: false, description: 'Submit for approval right away.' })
  @IsBoolean()
  submit: boolean;
}

@InputType({ description: 'Changes to a DRAFT or REJECTED entry; absent fields stay as they are.' })
export class UpdateTimeEntryInput {
  @OptionalId('The ticket worked on.') ticketId?: string;
  @OptionalId('The service worked.') serviceId?: string;
  @OptionalField(() => DateScalar, 'The day worked (not in the future).')
  @HappenedDate()
  @KeptDate()
  workDate?: string;
  @OptionalField(() => Int, 'Time worked in minutes (at least 1).')
  @IsInt()
  @Min(1, { message: 'minutes must be at least 1' })
  @Max(1440, { message: 'minutes cannot exceed a day (1440)' })
  minutes?: number;
  @OptionalText('What was done.', 0, 2000) note?: string;
  @OptionalBoolean('Bill it.') billable?: boolean;
  @Field(() => Boolean, { defaultValue: false, description: 'Submit for approval in the same step.' })
  @IsBoolean()
  submit: boolean;
}

@ArgsType()
export class TimeEntryListArgs extends PageArgs {
  @OptionalField(() => TimeEntryStatus, 'Only entries in this state.')
  @IsEnum(TimeEntryStatus)
  status?: TimeEntryStatus;
  @OptionalId("Only time on this client's tickets.") clientId?: string;
  @OptionalId("Only this technician's time (a technician always sees their own).") technicianId?: string;
  @Filter(() => DateRangeInput, 'Worked on these dates.') worked?: DateRangeInput;
  @Field(() => Boolean, { defaultValue: false, description: 'Only entries not on an invoice yet.' })
  uninvoicedOnly: boolean;
}

@ObjectType({
  description: 'A page of time entries, latest work date first (50 when no size is given, at most 1,000).',
})
export class TimeEntryConnection extends Connection(TimeEntry, 'TimeEntry', 'time entries') {}
