import { ArrayMaxSize, IsArray, ValidateNested } from 'class-validator';

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
