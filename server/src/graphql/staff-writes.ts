import { Arg, ID, Mutation, Resolver, type ClassType } from 'type-graphql';
import type { Container } from '../app/container.js';
import type { Actor } from '../platform/actor.js';
import { Staff, type StaffAccess } from './guards.js';

/**
 * The `createX(input)` and `updateX(id, input)` mutations of a record staff keep (a service, a client,
 * a ticket): authorize (the module's access row), check what class-validator cannot, call the record's
 * service with the org and actor. A module's resolver extends `staffCreates(…)` or `staffEdits(…)` and
 * adds its queries and field resolvers; the mutations belong to it like its own (schema, access rows).
 */
interface RecordWrites<T extends object, C extends object> {
  /** The GraphQL type the mutations return; `create${name}` / `update${name}` are their names. */
  type: ClassType<T>;
  name: string;
  /** What the record is called in the mutations' descriptions ("client", "catalog service"), and who may write it. */
  noun: string;
  who: string;
  createInput: ClassType<C>;
  /** The service that keeps the record, from the app's container. */
  service(container: Container): { create(orgId: string, actor: Actor, input: C): Promise<T> };
  /** Input rules beyond the input class's own (they throw BAD_USER_INPUT naming the field). */
  check?(input: C): void;
}

interface RecordEdits<T extends object, C extends object, U extends object> extends Omit<
  RecordWrites<T, C>,
  'service' | 'check'
> {
  updateInput: ClassType<U>;
  updateDescription?: string;
  service(container: Container): {
    create(orgId: string, actor: Actor, input: C): Promise<T>;
    update(orgId: string, actor: Actor, id: string, input: U): Promise<T>;
  };
  check?(input: C | U): void;
}

/** `createX(input: CreateXInput!): X!` for staff. */
export function staffCreates<T extends object, C extends object>(o: RecordWrites<T, C>) {
  @Resolver()
  abstract class StaffCreates {
    @Mutation(() => o.type, { description: `Creates a ${o.noun} of the org (${o.who}).`, name: `create${o.name}` })
    create(
      @Arg('input', () => o.createInput, { description: `The new ${o.noun}'s details.` }) input: C,
      @Staff() { orgId, actor, container }: StaffAccess,
    ) {
      o.check?.(input);
      return o.service(container).create(orgId, actor, input);
    }
  }
  return StaffCreates;
}

/** `createX(input: CreateXInput!): X!` and `updateX(id: ID!, input: XInput!): X!` for staff. */
export function staffEdits<T extends object, C extends object, U extends object>(o: RecordEdits<T, C, U>) {
  @Resolver()
  abstract class StaffEdits extends staffCreates<T, C>(o) {
    @Mutation(() => o.type, { name: `update${o.name}`, description: o.updateDescription })
    update(
      @Arg('id', () => ID, { description: `The ${o.noun} to change.` }) id: string,
      @Arg('input', () => o.updateInput, { description: 'The fields to change; fields left out keep their value.' })
      input: U,
      @Staff() { orgId, actor, container }: StaffAccess,
    ) {
      o.check?.(input);
      return o.service(container).update(orgId, actor, id, input);
    }
  }
  return StaffEdits;
}
