import { In, type EntityManager } from 'typeorm';
import { notFound } from '../../platform/errors.js';

/** An org's row with a uuid id: what a stored result can name and read back. */
type OrgEntity = { id: string; orgId: string };
type EntityClass = new () => OrgEntity;

/**
 * How one part of a result is kept: an entity (`Invoice`) or a list of them (`[Invoice]`) as ids, read
 * again on replay as they are now, so the replay answers any GraphQL selection the first call could;
 * `'value'`: plain JSON kept as it was; `'date'`: a Date (or null) kept as ISO text.
 */
export type ResultPart = EntityClass | [EntityClass] | 'value' | 'date';

/** What a mutation's idempotency key keeps of its result (JSON) and how a replay gets it back. */
export interface StoredResult<R> {
  save(result: R): unknown;
  load(saved: unknown, db: EntityManager, orgId: string): Promise<R>;
}

/** A result that is one entity of the org. */
export function storedEntity<E extends OrgEntity>(entity: new () => E): StoredResult<E> {
  const record = storedRecord<{ it: E }>({ it: entity });
  return {
    save: (result) => record.save({ it: result }),
    load: async (saved, db, orgId) => (await record.load(saved, db, orgId)).it,
  };
}

/** A result object whose fields are entities, lists of entities, plain values or dates. */
export function storedRecord<R extends object>(parts: { [K in keyof R]: ResultPart }): StoredResult<R> {
  const entries = Object.entries(parts) as Array<[string, ResultPart]>;
  return {
    save(result) {
      const r = result as Record<string, unknown>;
      return Object.fromEntries(entries.map(([k, part]) => [k, savePart(part, r[k])]));
    },
    async load(saved, db, orgId) {
      const s = saved as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const [k, part] of entries) out[k] = await loadPart(part, s[k], db, orgId);
      return out as R;
    },
  };
}

function savePart(part: ResultPart, value: unknown): unknown {
  if (part === 'value') return value ?? null;
  if (part === 'date') return value instanceof Date ? value.toISOString() : (value ?? null);
  if (Array.isArray(part)) return (value as OrgEntity[]).map((e) => e.id);
  return (value as OrgEntity).id;
}

async function loadPart(part: ResultPart, saved: unknown, db: EntityManager, orgId: string): Promise<unknown> {
  if (part === 'value') return saved;
  if (part === 'date') return saved === null ? null : new Date(saved as string);
  const entity = Array.isArray(part) ? part[0] : part;
  const ids = Array.isArray(part) ? (saved as string[]) : [saved as string];
  const rows = ids.length ? await db.findBy(entity, { orgId, id: In(ids) }) : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const found = ids.map((id) => {
    const row = byId.get(id);
    if (!row) throw notFound(`The ${entity.name.toLowerCase()} the first call with this idempotency key returned`);
    return row;
  });
  return Array.isArray(part) ? found : found[0];
}
