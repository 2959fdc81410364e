import { getMetadataStorage } from 'type-graphql';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type ClassType = Function;

const fieldsByClass = new Map<ClassType, string[]>();

/** The GraphQL fields a class declares with @Field, its ancestors' included (in declaration order). */
function graphqlFieldsOf(cls: ClassType): string[] {
  let names = fieldsByClass.get(cls);
  if (names) return names;
  const chain: ClassType[] = [];
  for (let c: unknown = cls; typeof c === 'function' && c !== Function.prototype; c = Object.getPrototypeOf(c))
    chain.unshift(c as ClassType);
  const fields = getMetadataStorage().fields;
  names = [...new Set(chain.flatMap((c) => fields.filter((f) => f.target === c).map((f) => f.name)))];
  fieldsByClass.set(cls, names);
  return names;
}

/**
 * An object as the GraphQL API shows it, as plain JSON: the fields its GraphQL type declares on the
 * class (not the columns the API keeps back, such as an invoice's pay-link token), dates as ISO strings.
 * `extra` adds fields the API computes (an invoice's balanceDue).
 */
export function graphqlJson(
  cls: ClassType,
  object: object,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  const source = object as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const name of graphqlFieldsOf(cls)) out[name] = source[name] === undefined ? null : source[name];
  return JSON.parse(JSON.stringify({ ...out, ...extra })) as Record<string, unknown>;
}
