/**
 * A string enum whose values are its names, each name written once:
 * `export const Kind = stringEnum('A', 'B'); export type Kind = keyof typeof Kind;` reads like a TypeScript
 * enum (`Kind.A`), registers as a GraphQL enum (`registerEnumType`) and checks with `@IsEnum(Kind)`.
 */
export function stringEnum<const K extends string>(...names: K[]): { readonly [P in K]: P } {
  return Object.freeze(Object.fromEntries(names.map((n) => [n, n]))) as { readonly [P in K]: P };
}
