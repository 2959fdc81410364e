import { In, IsNull, type EntityManager, type EntityTarget, type FindOptionsWhere } from 'typeorm';

/**
 * Settings tables of the "organization default plus per-client override" kind (billing, reminders,
 * client credit): a row with client_id null is the org's default, a row with a client_id is that client's
 * own. Which value applies is decided here once: the client's own, else the org's, else the built-in
 * default.
 */
export interface OverrideRow {
  orgId: string;
  clientId: string | null;
}

/** Where the value that applies comes from. */
export type SettingSource = 'CLIENT' | 'ORGANIZATION' | 'DEFAULT';

/** The value that applies (a null or missing value inherits from the level above) and where it comes from. */
export function applying<T>(
  own: T | null | undefined,
  org: T | null | undefined,
  fallback: T,
): { value: T; source: SettingSource } {
  if (own != null) return { value: own, source: 'CLIENT' };
  if (org != null) return { value: org, source: 'ORGANIZATION' };
  return { value: fallback, source: 'DEFAULT' };
}

/** An org's default row and the rows of some of its clients, read together. */
export class ClientOverrides<R extends OverrideRow> {
  /** The org's default row (none until someone sets it). */
  readonly org: R | undefined;
  private readonly own: Map<string, R>;

  constructor(rows: readonly R[]) {
    this.org = rows.find((r) => r.clientId === null);
    this.own = new Map(rows.filter((r) => r.clientId !== null).map((r) => [r.clientId!, r]));
  }

  /** The client's own row (none for the org itself, clientId null). */
  of(clientId: string | null): R | undefined {
    return clientId === null ? undefined : this.own.get(clientId);
  }
}

/**
 * The org's default row and the named clients' rows in one query, so a run over many clients costs one
 * read. Ids of another org's clients find nothing (those clients get the org's values).
 */
export async function loadClientOverrides<R extends OverrideRow>(
  tx: EntityManager,
  entity: EntityTarget<R>,
  orgId: string,
  clientIds: readonly (string | null)[],
): Promise<ClientOverrides<R>> {
  const ids = clientIds.filter((id): id is string => id !== null);
  const orgDefault = { orgId, clientId: IsNull() };
  const where = (ids.length ? [orgDefault, { orgId, clientId: In(ids) }] : orgDefault) as
    FindOptionsWhere<R> | FindOptionsWhere<R>[];
  return new ClientOverrides(await tx.findBy(entity, where));
}

/**
 * The ON CONFLICT target of an upsert into such a table: the partial unique index of org defaults or the
 * one of client rows (`clientKey`: that index's columns, as the migration made it).
 */
export function overrideConflictTarget(clientId: string | null, clientKey = '(client_id)'): string {
  return clientId ? `${clientKey} WHERE client_id IS NOT NULL` : '(org_id) WHERE client_id IS NULL';
}
