import type { DataSource } from 'typeorm';
import { callerOf, decide } from '../../graphql/access-policy.js';
import type { NodeSource } from '../../graphql/node.js';
import type { Principal } from '../auth/principal.js';

/**
 * Finds any object by its id: one statement asks every node table which holds the id in the caller's
 * org, then the row is read as its own type and shown only if the caller may see it: the access of the
 * list that shows it (admins' lists stay admins'), and for a portal user only what its rule allows.
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
      .map(([t, s]) => `(SELECT '${t}' AS t FROM "${t}" WHERE id = $1::uuid AND ${s.orgColumn} = $2 LIMIT 1)`)
      .join(' UNION ALL ');
  }

  async find(p: Principal, id: string): Promise<object | null> {
    const [hit] = (await this.db.query(`${this.probe} LIMIT 1`, [id, p.orgId])) as Array<{ t: string }>;
    const source = hit && this.byTable.get(hit.t);
    if (!source || decide(source.access, callerOf(p), 'query') !== 'allow') return null;
    // The probe found it in the caller's org.
    const row = await this.db.getRepository(source.type).findOneBy({ id });
    if (!row) return null;
    if (p.kind === 'portal' && !(await source.portal?.(row, p.clientId, this.db))) return null;
    return source.view ? source.view(row, this.db) : row;
  }
}
