import { Field, ID, InterfaceType } from 'type-graphql';

/**
 * Relay's Node: an object Settle can refetch by its id alone (`node(id:)`). Ids are UUIDs, unique across
 * every table, so an id is global as it is; no type prefix is needed.
 */
@InterfaceType({ description: 'An object with a globally unique id, refetchable with `node(id:)`.' })
export abstract class Node {
  @Field(() => ID, { description: 'Globally unique id (a UUID).' }) id: string;
}

/** A row `node(id:)` may return: its GraphQL type (the entity class) and who besides staff may see it. */
export interface NodeSource<T extends { id: string; orgId: string } = { id: string; orgId: string }> {
  type: new () => T;
  /** Portal users see the row only when this says so (their client's own, finalized…); absent: staff only. */
  portal?: (row: T, clientId: string) => boolean;
}

/** `nodes: [nodeSource(Invoice, (inv, clientId) => …)]` in a module declaration, typed by the entity. */
export const nodeSource = <T extends { id: string; orgId: string }>(
  type: new () => T,
  portal?: (row: T, clientId: string) => boolean,
): NodeSource => ({ type, portal }) as NodeSource;
