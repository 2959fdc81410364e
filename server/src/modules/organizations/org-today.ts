import type { DataSource, EntityManager } from 'typeorm';
import { DEFAULT_TIME_ZONE, todayIn } from '../../platform/time-zone.js';

type Queryable = Pick<DataSource | EntityManager, 'query'>;

/**
 * The org's time zone, read from its row each time (one primary-key read per request or sweep, not per
 * row): an in-process cache would need invalidating in every api and worker process when an admin
 * changes it.
 */
export async function orgTimeZone(db: Queryable, orgId: string): Promise<string> {
  const [row] = (await db.query(`SELECT time_zone FROM organizations WHERE id = $1`, [orgId])) as Array<{
    time_zone: string;
  }>;
  return row?.time_zone ?? DEFAULT_TIME_ZONE;
}

/** The org's business date at `now` (YYYY-MM-DD on its own wall). */
export async function orgToday(db: Queryable, orgId: string, now: Date): Promise<string> {
  return todayIn(await orgTimeZone(db, orgId), now);
}

/** Each org's time zone, keyed by org id (one query for a batch of many orgs' items). */
export async function orgTimeZones(db: Queryable, orgIds: string[]): Promise<Map<string, string>> {
  const ids = [...new Set(orgIds)];
  if (!ids.length) return new Map();
  const rows = (await db.query(`SELECT id, time_zone FROM organizations WHERE id = ANY($1::uuid[])`, [ids])) as Array<{
    id: string;
    time_zone: string;
  }>;
  return new Map(rows.map((r) => [r.id, r.time_zone]));
}

/** Each org's business date at `now`, keyed by org id. */
export async function orgTodays(db: Queryable, orgIds: string[], now: Date): Promise<Map<string, string>> {
  const zones = await orgTimeZones(db, orgIds);
  return new Map([...zones].map(([id, zone]) => [id, todayIn(zone, now)]));
}

/**
 * The same in SQL, for statements deciding across many orgs at once: `nowSql` an instant (a timestamptz
 * parameter from the container's clock, so tests and the sandbox move it), `zoneSql` the org's
 * `time_zone` column, e.g. `orgTodaySql('$1', 'o.time_zone')` with `JOIN organizations o`.
 */
export function orgTodaySql(nowSql: string, zoneSql: string): string {
  return `((${nowSql})::timestamptz AT TIME ZONE ${zoneSql})::date`;
}
