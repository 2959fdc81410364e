import { Field } from 'type-graphql';
import type { GraphQLScalarType } from 'graphql';
import { ArrayMaxSize, IsArray, IsOptional, ValidateNested } from 'class-validator';

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
