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
import { inputDateProblem } from './scalars.js';

/** No text field of the API needs more; the longest declared limit (notes, memo) is 5,000. */
export const MAX_TEXT_LENGTH = 10_000;

/** Half of a UTF-16 pair alone: not encodable as UTF-8, so PostgreSQL and validator.js (URIError) choke on it. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The extension `@HappenedDate()` (input-rules.ts) puts on a date field that records what already happened. */
export const HAPPENED_DATE = 'happenedDate';

/**
 * The extension `@KeptDate()` (input-rules.ts) puts on an update's date field: its service bounds it only
 * when it changes (boundChangedDate), since edit forms send a stored date back as they read it.
 */
export const KEPT_DATE = 'keptDate';

/** How a value is checked: `now` bounds the dates a mutation stores (absent for reads). */
interface CheckOptions {
  now?: Date;
  happened?: boolean;
  /** An update's date, bounded by its service when it changes (KEPT_DATE). */
  kept?: boolean;
  /** What the argument is called in words, when its fields are named without it (`period` of `period.from`). */
  argument?: string;
}

/** A field's path in words a user reads: `receivedOn` → "Received on", `period.from` → "Period from". */
export function fieldWords(path: string): string {
  const words = path
    .split('.')
    .filter((part) => !/^\d+$/.test(part))
    .join(' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * Checks one argument value against its GraphQL input type, wherever it sits in nested inputs:
 * - text: no NUL byte (PostgreSQL refuses `\u0000` in text, which would surface as a 500), no lone
 *   surrogate, and at most MAX_TEXT_LENGTH characters;
 * - Money: within ±MAX_AMOUNT minor units, so line and invoice sums stay exact (see platform/money.ts);
 * - LocalDate, in a mutation: within the bounds of `inputDateProblem` (scalars.ts), said of the field.
 * `path` names the field the way class-validator does (`lines.0.unitPrice`), so errors point at it.
 */
function checkValue(type: GraphQLInputType, value: unknown, path: string, opts: CheckOptions): void {
  if (value === null || value === undefined) return;
  if (isNonNullType(type)) return checkValue(type.ofType, value, path, opts);
  if (isListType(type)) {
    if (Array.isArray(value))
      value.forEach((v, i) => checkValue(type.ofType, v, path ? `${path}.${i}` : String(i), opts));
    return;
  }
  if (isInputObjectType(type)) {
    for (const field of Object.values(type.getFields())) {
      checkValue(
        field.type,
        (value as Record<string, unknown>)[field.name],
        path ? `${path}.${field.name}` : field.name,
        {
          now: opts.now,
          happened: field.extensions[HAPPENED_DATE] === true,
          kept: field.extensions[KEPT_DATE] === true,
          argument: opts.argument,
        },
      );
    }
    return;
  }
  if (!isScalarType(type)) return;
  if (type.name === 'LocalDate' && typeof value === 'string' && opts.now && !opts.kept) {
    const problem = inputDateProblem(value, opts.happened === true, opts.now);
    if (problem) throw badInput(path, `${fieldWords(opts.argument ? `${opts.argument}.${path}` : path)} ${problem}`);
  }
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

/**
 * The bound of a date typed into an update (a field marked `@KeptDate()`), checked by its service against
 * what is stored: a date sent back unchanged is no change, so a record made before the bound (a draft
 * imported with a 1999 due date, a contract ending in 2045) keeps being edited; a new date is bounded as
 * the guard bounds any other. `field` is the input's field name (`dueDate`), named in words in the refusal.
 */
export function boundChangedDate(
  field: string,
  value: string | null | undefined,
  stored: string | null,
  opts: { happened?: boolean; now?: Date } = {},
): void {
  if (value === null || value === undefined || value === stored) return;
  const problem = inputDateProblem(value, opts.happened === true, opts.now ?? new Date());
  if (problem) throw badInput(field, `${fieldWords(field)} ${problem}`);
}

/**
 * Checks every argument; an input-object argument's fields are named without the argument (`input`).
 * `now`: the arguments are a mutation's, whose dates are bounded (see inputDateProblem).
 */
export function checkArgs(defs: readonly GraphQLArgument[], args: Record<string, unknown>, now?: Date): void {
  for (const arg of defs) {
    const named = isNonNullType(arg.type) ? arg.type.ofType : arg.type;
    const inputObject = isInputObjectType(named);
    checkValue(arg.type, args[arg.name], inputObject ? '' : arg.name, {
      now,
      happened: arg.extensions[HAPPENED_DATE] === true,
      // `input` says nothing to a user; another argument's name does ("Period from").
      argument: inputObject && arg.name !== 'input' ? arg.name : undefined,
    });
  }
}

/**
 * Every root field (query, mutation, subscription) checks its arguments before its resolver runs: one
 * central guard instead of a NUL or bound check in each resolver, and it covers fields added later.
 */
export function guardRootArgs(schema: GraphQLSchema): GraphQLSchema {
  const mutations = new Set(Object.values(schema.getMutationType()?.getFields() ?? {}));
  return beforeRootResolvers(schema, (field) =>
    field.args.length
      ? (args) => {
          // The system clock, as "today" is read for the dates typed into forms (the payment's receivedOn was).
          checkArgs(field.args, args, mutations.has(field) ? new Date() : undefined);
          return args;
        }
      : null,
  );
}
