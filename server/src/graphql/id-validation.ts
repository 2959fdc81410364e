import {
  getNamedType,
  GraphQLID,
  isInputObjectType,
  isListType,
  isNonNullType,
  type GraphQLArgument,
  type GraphQLInputObjectType,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { badInput } from '../platform/errors.js';
import { beforeRootResolvers } from './root-field-args.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function isIdType(t: GraphQLInputType): boolean {
  const inner = isNonNullType(t) ? t.ofType : t;
  const base = isListType(inner) ? (isNonNullType(inner.ofType) ? inner.ofType.ofType : inner.ofType) : inner;
  return getNamedType(base) === GraphQLID;
}

/** Throws BAD_USER_INPUT naming the first ID argument that is not a UUID. */
export function checkIdArgs(idArgs: readonly GraphQLArgument[], args: Record<string, unknown>): void {
  for (const arg of idArgs) {
    const value = args[arg.name];
    const values = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
    if (values.some((v) => typeof v !== 'string' || !UUID.test(v)))
      throw badInput(arg.name, `${arg.name} is not a valid id`);
  }
}

/** Whether a value of this type can hold an ID (itself, in a list, or in an input object's fields, however deep). */
function holdsId(t: GraphQLInputType, visiting = new Set<GraphQLInputObjectType>()): boolean {
  const named = getNamedType(t);
  if (named === GraphQLID) return true;
  if (!isInputObjectType(named) || visiting.has(named)) return false;
  visiting.add(named);
  return Object.values(named.getFields()).some((f) => holdsId(f.type, visiting));
}

/**
 * The value with every UUID at an ID position in lower case (a copy; the rest as it was). PostgreSQL
 * compares uuids whatever their case, but JavaScript maps and sets keyed by id do not: "ABC…" and
 * "abc…" are one client to the database and two to a resolver. Ids are UUIDs (global node ids too,
 * see graphql/node.ts); an ID that is not one (an external reference) is left exactly as given.
 */
export function canonicalIds(t: GraphQLInputType, value: unknown): unknown {
  if (value === null || value === undefined) return value;
  if (isNonNullType(t)) return canonicalIds(t.ofType, value);
  if (isListType(t))
    return Array.isArray(value) ? value.map((v) => canonicalIds(t.ofType, v)) : canonicalIds(t.ofType, value);
  if (t === GraphQLID) return typeof value === 'string' && UUID.test(value) ? value.toLowerCase() : value;
  if (!isInputObjectType(t) || typeof value !== 'object' || !holdsId(t)) return value;
  const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  for (const field of Object.values(t.getFields()))
    if (field.name in out) out[field.name] = canonicalIds(field.type, out[field.name]);
  return out;
}

/**
 * Every top-level ID argument must be a UUID: a malformed id is a BAD_USER_INPUT naming the argument,
 * not a database error. (Input object fields carry @IsUUID for the same reason.) Every ID a resolver
 * gets, top-level or inside an input object, is then canonical: UUIDs in lower case (`canonicalIds`).
 *
 * This wraps only the root fields (Query, Mutation, Subscription) that take ID arguments. It used to be a
 * type-graphql global middleware, which runs for every resolved field and turns each one, down to the
 * last scalar of a 50-invoice page, into an async call: ~1,800 promises per request for nothing.
 */
export function validateRootIdArgs(schema: GraphQLSchema): GraphQLSchema {
  return beforeRootResolvers(schema, (field) => {
    const idArgs = field.args.filter((a) => isIdType(a.type));
    const holding = field.args.filter((a) => holdsId(a.type));
    if (!holding.length) return null;
    return (args) => {
      checkIdArgs(idArgs, args);
      const out = { ...args };
      for (const arg of holding) if (arg.name in out) out[arg.name] = canonicalIds(arg.type, out[arg.name]);
      return out;
    };
  });
}
