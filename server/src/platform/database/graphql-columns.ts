import { Field, ID, Int } from 'type-graphql';
import { DateScalar, MoneyScalar } from '../../graphql/scalars.js';
import {
  BooleanColumn,
  CreatedAtColumn,
  CurrencyColumn,
  DateColumn,
  IdColumn,
  IntegerColumn,
  JsonbColumn,
  MinorUnitsColumn,
  TextColumn,
  TimestampColumn,
  UpdatedAtColumn,
  UuidColumn,
  type ColumnExtras,
} from './columns.js';

/** `() => SomeGraphQLType`, as `@Field` takes it (type-graphql does not export the type by name). */
type GraphQLType = NonNullable<Parameters<typeof Field>[0]>;

/**
 * A column that is also a GraphQL field of its entity, in one decorator: `@UuidField('invoice_id',
 * { description })` is `@Field(() => ID, { description }) @UuidColumn('invoice_id')`. The GraphQL type
 * follows from the column kind (uuid is an ID, minor units are Money, a date is a Date scalar…) and
 * `nullable` is said once for both, so the field and the column cannot disagree. A text column holding
 * an enum, or a jsonb column, names its GraphQL type with `type`. A column the API does not show keeps
 * its plain `…Column` decorator.
 */
export interface FieldExtras extends ColumnExtras {
  /** Every exposed column is described. */
  description: string;
  /** The GraphQL type, where it is not the one of the column kind (an enum in a text column, a jsonb shape). */
  type?: GraphQLType;
}

type FieldArgs = [extras: FieldExtras] | [name: string, extras: FieldExtras];
type ColumnKind = (name?: string | ColumnExtras, extras?: ColumnExtras) => PropertyDecorator;

/** The column, then the field: the order `@Field(…) @XColumn(…) prop` applied them in. */
function both(column: PropertyDecorator, field: PropertyDecorator): PropertyDecorator {
  return (target, key) => {
    column(target, key);
    field(target, key);
  };
}

function exposed(column: ColumnKind, kindType?: GraphQLType) {
  return (...args: FieldArgs): PropertyDecorator => {
    const [name, { description, type, nullable }] = args.length === 1 ? [undefined, args[0]] : args;
    const extras = nullable === undefined ? {} : { nullable };
    const fieldType = type ?? kindType;
    if (!fieldType) throw new Error(`a ${column.name} field names its GraphQL type: ${description}`);
    return both(
      name === undefined ? column(extras) : column(name, extras),
      Field(fieldType, { description, ...extras }),
    );
  };
}

export const TextField = exposed(TextColumn, () => String);
export const CurrencyField = exposed(CurrencyColumn, () => String);
export const UuidField = exposed(UuidColumn, () => ID);
export const IntegerField = exposed(IntegerColumn, () => Int);
export const BooleanField = exposed(BooleanColumn, () => Boolean);
export const MinorUnitsField = exposed(MinorUnitsColumn, () => MoneyScalar);
/** A calendar date: the Date scalar ('YYYY-MM-DD'). */
export const DateField = exposed(DateColumn, () => DateScalar);
/** A point in time (timestamptz), a JS Date in the API. */
export const TimestampField = exposed(TimestampColumn, () => Date);
export const JsonbField = exposed(JsonbColumn);

/** The generated uuid primary key as the row's GraphQL ID. */
export const IdField = (description: string) =>
  both(
    IdColumn(),
    Field(() => ID, { description }),
  );

/** Set by TypeORM on insert; most rows describe it the same way. */
export const CreatedAtField = (description = 'When it was created.', name?: string) =>
  both(
    CreatedAtColumn(name),
    Field(() => Date, { description }),
  );

/** Set by TypeORM on every save. */
export const UpdatedAtField = (description = 'When it last changed.') =>
  both(
    UpdatedAtColumn(),
    Field(() => Date, { description }),
  );
