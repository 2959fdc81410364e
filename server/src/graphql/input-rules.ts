import { Extensions, Field, ID, Int } from 'type-graphql';
import type { GraphQLScalarType } from 'graphql';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDateString,
  IsInt,
  IsOptional,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateBy,
  ValidateNested,
} from 'class-validator';
import { DateScalar } from './scalars.js';
import { HAPPENED_DATE, KEPT_DATE } from './input-guards.js';
import { charCount } from '../platform/text-length.js';

/**
 * An input field that may be left out: nullable in the schema and skipped by class-validator when absent,
 * the two together (a nullable field without `@IsOptional()` would refuse the null the schema allows).
 * `@OptionalField(() => String, 'Its name on invoices.') @Length(1, 200) name?: string;`
 */
export const OptionalField =
  (type: () => GraphQLScalarType | object, description: string): PropertyDecorator =>
  (target, key) => {
    Field(type as () => GraphQLScalarType, { nullable: true, description })(target, key);
    IsOptional()(target, key);
  };

/**
 * The optional input fields of one kind, each with the rule its GraphQL type alone does not enforce, so a
 * field is declared in one decorator: `@OptionalText('The new note.', 0, 500) description?: string` is
 * `@OptionalField(() => String, 'The new note.') @Length(0, 500)`. Each applies its rules in the order the
 * stacked decorators did (bottom-up), so class-validator reports a failure as before.
 */
function optional(type: () => GraphQLScalarType | object, description: string, ...rules: PropertyDecorator[]) {
  const field = OptionalField(type, description);
  return (target: object, key: string | symbol) => {
    for (const rule of [...rules].reverse()) rule(target, key);
    field(target, key);
  };
}

/** An optional id (checked to be a UUID before any query runs). */
export const OptionalId = (description: string): PropertyDecorator => optional(() => ID, description, IsUUID());

/** An optional text of `min` to `max` characters. */
export const OptionalText = (description: string, min: number, max: number): PropertyDecorator =>
  optional(() => String, description, Length(min, max));

/** An optional true or false. */
export const OptionalBoolean = (description: string): PropertyDecorator =>
  optional(() => Boolean, description, IsBoolean());

/** An optional whole number, from `min` to `max` when they are given. */
export const OptionalInt = (description: string, min?: number, max?: number): PropertyDecorator =>
  optional(
    () => Int,
    description,
    IsInt(),
    ...(min === undefined ? [] : [Min(min)]),
    ...(max === undefined ? [] : [Max(max)]),
  );

/** An optional calendar date ('YYYY-MM-DD'), checked to be one. */
export const OptionalDate = (description: string): PropertyDecorator =>
  optional(() => DateScalar, description, IsDateString());

/**
 * A date that records what already happened (a payment received, time worked): a mutation refuses it in
 * the future (past tomorrow, UTC), where planned dates may run up to 10 years ahead (input-guards.ts).
 */
export const HappenedDate = (): PropertyDecorator => Extensions({ [HAPPENED_DATE]: true });

/**
 * An update's date, which edit forms send back as they read it: the root guard leaves it to the service,
 * which bounds it only when it differs from what is stored (boundChangedDate, input-guards.ts).
 */
export const KeptDate = (): PropertyDecorator => Extensions({ [KEPT_DATE]: true });

/**
 * A list of input objects whose items are validated too (class-validator stops at the list unless told), at
 * most `maxSize` long when given. The same as stacking `@IsArray() @ArrayMaxSize(n) @ValidateNested({ each: true })`:
 * applied bottom-up as stacked decorators are, so failures are reported in the same order.
 */
export function NestedList(maxSize?: number): PropertyDecorator {
  return (target, key) => {
    ValidateNested({ each: true })(target, key);
    if (maxSize !== undefined) ArrayMaxSize(maxSize)(target, key);
    IsArray()(target, key);
  };
}

/**
 * A name people read on invoices, lines and emails (a client's, a service's, a ticket's title): 1 to `max`
 * characters once the spaces around it are trimmed (counted as people count them, an emoji one), and not
 * spaces alone, which would print as no name at all. The trimmed name is what the resolver receives, so
 * a name pasted with spaces around it is neither refused for them nor stored with them.
 * Put it on a subclass's `declare`d field too: class-validator drops a parent's rule of the same kind there.
 */
export function NameText(max: number): PropertyDecorator {
  return (target, key) => {
    Matches(/\S/, { message: `${String(key)} cannot be blank` })(target, key);
    ValidateBy({
      name: 'nameLength',
      constraints: [max],
      validator: {
        validate(value, args) {
          if (typeof value !== 'string') return false;
          const name = value.trim();
          const n = charCount(name);
          if (n < 1 || n > max) return false;
          // Trimmed first, then checked: what is checked is what is kept.
          if (args) (args.object as Record<string, unknown>)[args.property] = name;
          return true;
        },
        defaultMessage: (args) => `${args?.property ?? String(key)} must be 1 to ${max} characters`,
      },
    })(target, key);
  };
}
