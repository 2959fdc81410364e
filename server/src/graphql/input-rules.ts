import { Field } from 'type-graphql';
import type { GraphQLScalarType } from 'graphql';
import { ArrayMaxSize, IsArray, IsOptional, Length, Matches, ValidateNested } from 'class-validator';

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
 * characters, and not spaces alone, which Length lets through and which would print as no name at all.
 * Put it on a subclass's `declare`d field too: class-validator drops a parent's rule of the same kind there.
 */
export function NameText(max: number): PropertyDecorator {
  return (target, key) => {
    Matches(/\S/, { message: `${String(key)} cannot be blank` })(target, key);
    Length(1, max)(target, key);
  };
}
