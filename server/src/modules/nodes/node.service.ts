import { In, type DataSource } from 'typeorm';
import { callerOf, decide } from '../../graphql/access-policy.js';
import type { NodeSource } from '../../graphql/node.js';
import type { Principal } from '../auth/principal.js';

/**
 * Finds any object by its id: one statement asks every node table which of the ids it holds in the
 * caller's org, then each table's rows are read as their own type in one statement, and shown only if
 * the caller may see them: the access of the list that shows them (admins' lists stay admins'), and for
 * a portal user only what its rule allows. Many ids cost what one does (`nodes(ids:)` and every
 * `node(id:)` of a request are asked together): a few statements, not two per id.
 */
export class NodeService {
  private readonly byTable: Map<string, NodeSource>;
  private readonly probe: string;

  constructor(
    private readonly db: DataSource,
    sources: readonly NodeSource[],
  ) {
    this.byTable = new Map(sources.map((s) => [db.getMetadata(s.type).tableName, s]));
    this.probe = [...this.byTable]
      .map(
        ([t, s]) =>
          `(SELECT '${t}' AS t, id::text AS id FROM "${t}" WHERE id = ANY($1::uuid[]) AND ${s.orgColumn} = $2)`,
      )
      .join(' UNION ALL ');
  }

  async find(p: Principal, id: string): Promise<object | null> {
    return (await this.findMany(p, [id]))[0] ?? null;
  }

  /** The objects of `ids` the caller may see, in the order asked (null where none), whatever the duplicates. */
  async findMany(p: Principal, ids: readonly string[]): Promise<Array<object | null>> {
    const distinct = [...new Set(ids)];
    if (!distinct.length) return [];
    const hits = (await this.db.query(this.probe, [distinct, p.orgId])) as Array<{ t: string; id: string }>;
    const idsByTable = new Map<string, string[]>();
    for (const h of hits) {
      const list = idsByTable.get(h.t);
      if (list) list.push(h.id);
      else idsByTable.set(h.t, [h.id]);
    }
    const found = new Map<string, object>();
    for (const [table, tableIds] of idsByTable) {
      const source = this.byTable.get(table)!;
      if (decide(source.access, callerOf(p), 'query') !== 'allow') continue;
      // The probe found them in the caller's org.
      const rows = await this.db.getRepository(source.type).findBy({ id: In(tableIds) });
      for (const row of rows) {
        if (p.kind === 'portal' && !(await source.portal?.(row, p.clientId, this.db))) continue;
        found.set(row.id, source.view ? await source.view(row, this.db) : row);
      }
    }
    return ids.map((id) => found.get(id) ?? null);
  }
}
