import { Field, InputType } from 'type-graphql';
import { DateScalar } from '../../graphql/scalars.js';
import { badInput } from '../../platform/errors.js';

@InputType({ description: 'A period of invoice issue dates, both days included (at most 366 days).' })
export class PeriodInput {
  @Field(() => DateScalar, { description: 'First day (inclusive).' }) from: string;
  @Field(() => DateScalar, { description: 'Last day (inclusive).' }) to: string;
}

/** A period the run accepts: from ≤ to, at most 366 days. */
export function checkPeriod(p: PeriodInput, field = 'period'): { from: string; to: string } {
  const days = (Date.parse(p.to) - Date.parse(p.from)) / 86_400_000;
  if (!(days >= 0)) throw badInput(`${field}.to`, 'The period must end on or after its first day');
  if (days > 366) throw badInput(`${field}.to`, 'A reconciliation covers at most 366 days');
  return { from: p.from, to: p.to };
}
