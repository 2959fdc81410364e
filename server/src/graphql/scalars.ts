import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

function money(value: unknown): number {
  const n = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isSafeInteger(n)) {
    throw new GraphQLError('Money must be an integer number of minor units (cents), e.g. 12345 for 123.45 USD', {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  return n;
}

/** Integer minor units of a currency (cents for USD, yen for JPY, fils for KWD). Never a float. */
export const MoneyScalar = new GraphQLScalarType({
  name: 'Money',
  description:
    'An amount in integer minor units of its currency (USD 123.45 → 12345; JPY 500 → 500). Inputs are at most 10^13 (10000000000000) in absolute value, as are line amounts and invoice totals.',
  serialize: money,
  parseValue: money,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.INT)
      throw new GraphQLError('Money must be an integer literal', { extensions: { code: 'BAD_USER_INPUT' } });
    return money(Number(ast.value));
  },
});

const MIN_YEAR = 1900;
const MAX_YEAR = 9999;

function calendarDate(value: unknown): string {
  if (
    typeof value !== 'string' ||
    !/^\d{4}-\d{2}-\d{2}$/.test(value) ||
    Number.isNaN(Date.parse(value + 'T00:00:00Z'))
  ) {
    throw new GraphQLError('Dates are calendar dates in the form YYYY-MM-DD', {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  if (new Date(value + 'T00:00:00Z').toISOString().slice(0, 10) !== value) {
    throw new GraphQLError(`${value} is not a real calendar date`, { extensions: { code: 'BAD_USER_INPUT' } });
  }
  // JS reads 0000-01-01 as a date but PostgreSQL has no year 0; nothing billable predates 1900 either.
  const year = Number(value.slice(0, 4));
  if (year < MIN_YEAR || year > MAX_YEAR) {
    throw new GraphQLError(`Dates must fall in the years ${MIN_YEAR} to ${MAX_YEAR}`, {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  return value;
}

/**
 * What a date typed into a mutation may be, on top of being a calendar date: nothing Settle bills predates
 * 2000, nothing it plans runs more than 10 years ahead, and what already happened (a payment received, time
 * worked) is not in the future. "Today" is UTC's, and tomorrow still counts as today: it is already
 * tomorrow east of Greenwich. Reads (list filters) are not bounded: a filter changes nothing.
 */
export const EARLIEST_INPUT_DATE = '2000-01-01';
export const INPUT_YEARS_AHEAD = 10;

/** Why `value` is not a date a mutation accepts ("must be on or after 2000-01-01"), or null when it is. */
export function inputDateProblem(value: string, happened: boolean, now: Date): string | null {
  if (value < EARLIEST_INPUT_DATE) return `must be on or after ${EARLIEST_INPUT_DATE}`;
  const day = (d: Date) => d.toISOString().slice(0, 10);
  if (happened) {
    const tomorrow = day(new Date(now.getTime() + 86_400_000));
    return value > tomorrow ? 'must not be in the future' : null;
  }
  const latest = new Date(now);
  latest.setUTCFullYear(latest.getUTCFullYear() + INPUT_YEARS_AHEAD);
  return value > day(latest) ? `must be at most ${INPUT_YEARS_AHEAD} years ahead (on or before ${day(latest)})` : null;
}

/** A calendar date without time zone, `YYYY-MM-DD`. */
export const DateScalar = new GraphQLScalarType({
  name: 'LocalDate',
  description: 'A calendar date, YYYY-MM-DD.',
  serialize: (v) => (v instanceof Date ? v.toISOString().slice(0, 10) : calendarDate(v)),
  parseValue: calendarDate,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING)
      throw new GraphQLError('LocalDate must be a string', { extensions: { code: 'BAD_USER_INPUT' } });
    return calendarDate(ast.value);
  },
});

function decimal(value: unknown): string {
  const s = typeof value === 'number' ? String(value) : value;
  if (typeof s !== 'string' || !/^-?\d{1,10}(\.\d{1,4})?$/.test(s)) {
    throw new GraphQLError('Quantities are decimals with at most 4 places, e.g. "1.25"', {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  return s;
}

/** An exact decimal quantity (up to 4 places), carried as a string so no float ever touches it. */
export const DecimalScalar = new GraphQLScalarType({
  name: 'Decimal',
  description: 'An exact decimal as a string with up to 4 places, e.g. "1.25" (hours).',
  serialize: (v) => {
    const s = String(v);
    return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
  },
  parseValue: decimal,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING && ast.kind !== Kind.INT && ast.kind !== Kind.FLOAT) {
      throw new GraphQLError('Decimal must be a string', { extensions: { code: 'BAD_USER_INPUT' } });
    }
    return decimal(ast.value);
  },
});
