import type { ValueTransformer } from 'typeorm';

/** Minor-unit amounts are bigint in SQL; the pg type parser (see pg-types.ts) hands them back as numbers. */
export const moneyColumn = { type: 'bigint' as const, transformer: { to: (v: number) => v, from: (v: string | number | null) => (v === null ? null : Number(v)) } as ValueTransformer };

export const nullableMoneyColumn = { ...moneyColumn, nullable: true };
