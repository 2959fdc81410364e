import { registerEnumType } from 'type-graphql';
import { stringEnum } from '../platform/string-enum.js';

/**
 * A string enum whose every value carries its GraphQL description, each name written once:
 * `export const Kind = describedEnum('Kind', 'What a kind is.', { A: 'What A means.' });
 * export type Kind = keyof typeof Kind;` is `stringEnum('A')` registered with its description and
 * `valuesConfig: { A: { description: 'What A means.' } }`. The GraphQL name and the description come first,
 * as in `registerEnumType`, so a declaration reads from its heading down to its values.
 */
export function describedEnum<const K extends string>(
  name: string,
  description: string,
  descriptions: { readonly [P in K]: string },
): { readonly [P in K]: P } {
  const values = stringEnum(...(Object.keys(descriptions) as K[]));
  registerDescribedEnum(values, name, description, descriptions);
  return values;
}

/** Registers an existing enum object (e.g. a TypeScript enum) with one description per value. */
export function registerDescribedEnum<K extends string>(
  values: object,
  name: string,
  description: string,
  descriptions: { readonly [P in K]: string },
): void {
  const valuesConfig = Object.fromEntries(
    Object.entries<string>(descriptions).map(([k, text]) => [k, { description: text }]),
  );
  registerEnumType(values, { name, description, valuesConfig });
}
