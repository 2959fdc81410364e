/**
 * A string enum whose values are its names, each name written once:
 * `export const Kind = stringEnum('A', 'B'); export type Kind = keyof typeof Kind;` reads like a TypeScript
 * enum (`Kind.A`) and checks with `@IsEnum(Kind)`. An enum the API shows is declared with `describedEnum`
 * (graphql/described-enum.ts), which builds it with this and registers it with a description per value.
 */
export function stringEnum<const K extends string>(...names: K[]): { readonly [P in K]: P } {
  return Object.freeze(Object.fromEntries(names.map((n) => [n, n]))) as { readonly [P in K]: P };
}
