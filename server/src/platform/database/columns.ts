import {
  Column,
  CreateDateColumn,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  type ValueTransformer,
} from 'typeorm';

/**
 * The column kinds Settle's tables are made of, one decorator each, so an entity reads as its schema:
 * `@UuidColumn('client_id') clientId`. Each maps to exactly the TypeORM column it replaces (the schema
 * TypeORM sees is pinned by entity-schema.test.ts). A column named like its property needs no name.
 */
export interface ColumnExtras {
  nullable?: boolean;
}

type Named = [name?: string | ColumnExtras, extras?: ColumnExtras];

/** `('x_y', {nullable})`, `({nullable})` or `()`: the SQL name (when it differs) and the options. */
function named(args: Named): { name?: string } & ColumnExtras {
  const [first, extras] = args;
  if (typeof first === 'object') return { ...first };
  return { ...(first === undefined ? {} : { name: first }), ...extras };
}

/** bigint in SQL, a number in JS (amounts in minor units and unix seconds stay far below 2^53). */
export const bigintAsNumber: ValueTransformer = {
  to: (v: number | null) => v,
  from: (v: string | number | null) => (v === null ? null : Number(v)),
};

/** The generated uuid primary key most tables open with. */
export const IdColumn = () => PrimaryGeneratedColumn('uuid');

/** The tenant every row belongs to. */
export const OrgIdColumn = () => Column({ type: 'uuid', name: 'org_id' });

/** The tenant as (part of) the primary key, for one-row-per-org tables and per-org keys. */
export const OrgIdPrimaryColumn = () => PrimaryColumn({ type: 'uuid', name: 'org_id' });

/** Another row's id as the primary key, for a table holding one row per client, invoice or service. */
export const UuidPrimaryColumn = (name: string) => PrimaryColumn({ type: 'uuid', name });

/** Set by TypeORM on insert. */
export const CreatedAtColumn = (name = 'created_at') => CreateDateColumn({ type: 'timestamptz', name });

/** Set by TypeORM on every save. */
export const UpdatedAtColumn = () => UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' });

/** Column options of a minor-units amount. */
const moneyColumn = { type: 'bigint' as const, transformer: bigintAsNumber };

/** An amount in minor units of its currency (bigint). */
export const MinorUnitsColumn = (...args: Named) => Column({ ...moneyColumn, ...named(args) });

/** Any other bigint read as a number, e.g. a Stripe `created` in unix seconds. */
export const BigintColumn = (...args: Named) => Column({ type: 'bigint', transformer: bigintAsNumber, ...named(args) });

/** An ISO 4217 code. */
export const CurrencyColumn = (...args: Named) => Column({ type: 'char', length: 3, ...named(args) });

export const UuidColumn = (...args: Named) => Column({ type: 'uuid', ...named(args) });
export const TextColumn = (...args: Named) => Column({ type: 'text', ...named(args) });
export const IntegerColumn = (...args: Named) => Column({ type: 'integer', ...named(args) });
export const BooleanColumn = (...args: Named) => Column({ type: 'boolean', ...named(args) });
export const TimestampColumn = (...args: Named) => Column({ type: 'timestamptz', ...named(args) });
/** A calendar date, read as 'YYYY-MM-DD'. */
export const DateColumn = (...args: Named) => Column({ type: 'date', ...named(args) });
export const JsonbColumn = (...args: Named) => Column({ type: 'jsonb', ...named(args) });
