import { registerEnumType } from 'type-graphql';
import { stringEnum } from '../platform/string-enum.js';

/**
 * A string enum whose every value carries its GraphQL description, each name written once:
 * `export const Kind = describedEnum('Kind', { A: 'What A means.' }); export type Kind = keyof typeof Kind;`
 * is `stringEnum('A')` registered with `valuesConfig: { A: { description: 'What A means.' } }`.
 */
export function describedEnum<const K extends string>(
  name: string,
  descriptions: { readonly [P in K]: string },
  description?: string,
): { readonly [P in K]: P } {
  const values = stringEnum(...(Object.keys(descriptions) as K[]));
  registerDescribedEnum(values, name, descriptions, description);
  return values;
}

/** Registers an existing enum object (e.g. a TypeScript enum) with one description per value. */
export function registerDescribedEnum<K extends string>(
  values: object,
  name: string,
  descriptions: { readonly [P in K]: string },
  description?: string,
): void {
  const valuesConfig = Object.fromEntries(
    Object.entries<string>(descriptions).map(([k, text]) => [k, { description: text }]),
  );
  registerEnumType(values, { name, ...(description === undefined ? {} : { description }), valuesConfig });
}
