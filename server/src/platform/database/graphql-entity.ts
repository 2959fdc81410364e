import { Entity } from 'typeorm';
import { ObjectType } from 'type-graphql';
import { Node } from '../../graphql/node.js';

/**
 * A table row class that is also the GraphQL object type of the same name: `@Entity(table)` and
 * `@ObjectType({ description })` in one, applied in the order they were written before.
 */
export function GraphQLEntity(table: string, description?: string, opts: { node?: boolean } = {}): ClassDecorator {
  return (target) => {
    Entity(table)(target);
    ObjectType({ ...(description === undefined ? {} : { description }), ...(opts.node ? { implements: Node } : {}) })(
      target,
    );
  };
}
