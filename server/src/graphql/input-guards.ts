import {
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { badInput } from '../platform/errors.js';
import { MAX_AMOUNT } from '../platform/money.js';
import { beforeRootResolvers } from './root-field-args.js';

/** No text field of the API needs more; the longest declared limit (notes, memo) is 5,000. */
export const MAX_TEXT_LENGTH = 10_000;

/** Half of a UTF-16 pair alone: not encodable as UTF-8, so PostgreSQL and validator.js (URIError) choke on it. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Checks one argument value against its GraphQL input type, wherever it sits in nested inputs:
 * - text: no NUL byte (PostgreSQL refuses `\u0000` in text, which would surface as a 500), no lone
 *   surrogate, and at most MAX_TEXT_LENGTH characters;
 * - Money: within ±MAX_AMOUNT minor units, so line and invoice sums stay exact (see platform/money.ts).
 * `path` names the field the way class-validator does (`lines.0.unitPrice`), so errors point at it.
 */
function checkValue(type: GraphQLInputType, value: unknown, path: string): void {
  if (value === null || value === undefined) return;
  if (isNonNullType(type)) return checkValue(type.ofType, value, path);
  if (isListType(type)) {
    if (Array.isArray(value)) value.forEach((v, i) => checkValue(type.ofType, v, path ? `${path}.${i}` : String(i)));
    return;
  }
  if (isInputObjectType(type)) {
    for (const field of Object.values(type.getFields())) {
      checkValue(
        field.type,
        (value as Record<string, unknown>)[field.name],
        path ? `${path}.${field.name}` : field.name,
      );
    }
    return;
  }
  if (!isScalarType(type)) return;
  if (typeof value === 'string') {
    if (value.includes('\u0000'))
      throw badInput(path, `${path} contains a NUL character (\\u0000), which text cannot hold`);
    if (LONE_SURROGATE.test(value))
      throw badInput(path, `${path} is not valid Unicode text (a lone surrogate), which cannot be stored`);
    if (value.length > MAX_TEXT_LENGTH) throw badInput(path, `${path} is longer than ${MAX_TEXT_LENGTH} characters`);
  } else if (type.name === 'Money' && typeof value === 'number' && Math.abs(value) > MAX_AMOUNT) {
    throw badInput(path, `${path} is above the largest amount Settle accepts (${MAX_AMOUNT} minor units)`);
  }
}

/** Checks every argument; an input-object argument's fields are named without the argument (`input`). */
export function checkArgs(defs: readonly GraphQLArgument[], args: Record<string, unknown>): void {
  for (const arg of defs) {
    const named = isNonNullType(arg.type) ? arg.type.ofType : arg.type;
    checkValue(arg.type, args[arg.name], isInputObjectType(named) ? '' : arg.name);
  }
}

/**
 * Every root field (query, mutation, subscription) checks its arguments before its resolver runs: one
 * central guard instead of a NUL or bound check in each resolver, and it covers fields added later.
 */
export function guardRootArgs(schema: GraphQLSchema): GraphQLSchema {
  return beforeRootResolvers(schema, (field) =>
    field.args.length
      ? (args) => {
          checkArgs(field.args, args);
          return args;
        }
      : null,
  );
}
