import type { DataSource } from 'typeorm';
import { Field, ID, InterfaceType } from 'type-graphql';
import { BILLING_OR_PORTAL, type Access } from './access-policy.js';

/**
 * Relay's Node: an object Settle can refetch by its id alone (`node(id:)`). Ids are UUIDs, unique across
 * every table, so an id is global as it is; no type prefix is needed.
 */
@InterfaceType({ description: 'An object with a globally unique id, refetchable with `node(id:)`.' })
export abstract class Node {
  @Field(() => ID, { description: 'Globally unique id (a UUID).' }) id: string;
}

/**
 * A table whose rows `node(id:)` may return. The row is the GraphQL object itself, or (`view`) what the
 * API shows of it when the entity holds what the API keeps back (a password hash, a sealed secret).
 */
export interface NodeSource<T extends { id: string } = { id: string }> {
  type: new () => T;
  /**
   * Portal users see the row only when this says so (their client's own, issued to them…); absent: never.
   * `db` is for a rule that needs another row (a payment: whether its invoice was issued).
   */
  portal?: (row: T, clientId: string, db: DataSource) => boolean | Promise<boolean>;
  /** Who may refetch it, as the list that shows it (default: billing staff, portal users as `portal` says). */
  access: Access;
  view?: (row: T, db: DataSource) => object | Promise<object>;
  /** The column holding the org (the organizations table is keyed by it). */
  orgColumn: 'org_id' | 'id';
}

/** `nodes: [nodeSource(Invoice, (inv, clientId) => …)]` in a module declaration, typed by the entity. */
export const nodeSource = <T extends { id: string; orgId: string }>(
  type: new () => T,
  portal?: (row: T, clientId: string, db: DataSource) => boolean | Promise<boolean>,
): NodeSource => ({ type, portal, access: BILLING_OR_PORTAL, orgColumn: 'org_id' }) as NodeSource;

/** A node shown through its view type (which implements Node), to callers `access` allows. */
export const viewNodeSource = <T extends { id: string }>(
  type: new () => T,
  view: (row: T, db: DataSource) => object | Promise<object>,
  opts: {
    access: Access;
    portal?: (row: T, clientId: string, db: DataSource) => boolean | Promise<boolean>;
    orgColumn?: 'org_id' | 'id';
  },
): NodeSource => ({ type, view, orgColumn: 'org_id', ...opts }) as unknown as NodeSource;
