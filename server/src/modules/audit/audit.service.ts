import type { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../../platform/actor.js';
import { insertRows } from '../../platform/database/sql.js';
import { AuditEvent } from './audit-event.entity.js';
import { keysetPage, type PageRequest } from '../../platform/database/keyset-page.js';
import type { ActivityFilter } from './audit-filter.js';

/** One audit row to write: what `record` takes, as data, for writing many at once. */
export interface AuditEntry {
  orgId: string;
  actor: Actor;
  entity: { type: string; id: string };
  action: string;
  before: object | null;
  after: object | null;
}

/** Snapshot of an entity for the audit trail: plain JSON, no functions, dates as ISO strings. */
export function snapshot(entity: object | null | undefined): Record<string, unknown> | null {
  if (!entity) return null;
  return JSON.parse(JSON.stringify(entity)) as Record<string, unknown>;
}

const json = (v: object | null) => (v ? JSON.stringify(v) : null);

export class AuditService {
  constructor(private readonly db: DataSource) {}

  /** Writes the audit row inside the caller's transaction, so it exists exactly when the change does. */
  async record(
    tx: EntityManager,
    orgId: string,
    actor: Actor,
    entity: { type: string; id: string },
    action: string,
    before: object | null,
    after: object | null,
  ): Promise<void> {
    await tx.insert(AuditEvent, {
      orgId,
      actorType: actor.type,
      actorId: actor.id,
      actorLabel: actor.label,
      source: actor.source,
      entityType: entity.type,
      entityId: entity.id,
      action,
      before: snapshot(before),
      after: snapshot(after),
      createdAt: () => 'clock_timestamp()',
    } as never);
  }

  /** Many audit rows in one statement (in order: ids and timestamps follow the entries). */
  async recordMany(tx: EntityManager, entries: AuditEntry[]): Promise<void> {
    if (!entries.length) return;
    await insertRows(
      tx,
      'audit_events',
      [
        'org_id',
        'actor_type',
        'actor_id',
        'actor_label',
        'source',
        'entity_type',
        'entity_id',
        'action',
        'before',
        'after',
      ],
      entries.map((e) => [
        e.orgId,
        e.actor.type,
        e.actor.id,
        e.actor.label,
        e.actor.source,
        e.entity.type,
        e.entity.id,
        e.action,
        json(e.before),
        json(e.after),
      ]),
      { casts: { before: 'jsonb', after: 'jsonb' } },
    );
  }

  /** One page of the org's activity, newest first, narrowed by `filter` (every part optional). */
  list(orgId: string, filter: ActivityFilter, page: PageRequest) {
    const qb = this.db.getRepository(AuditEvent).createQueryBuilder('a').where('a.org_id = :orgId', { orgId });
    if (filter.actorType) qb.andWhere('a.actor_type = :at', { at: filter.actorType });
    if (filter.actorId) qb.andWhere('a.actor_id = :ai', { ai: filter.actorId });
    if (filter.entityType) qb.andWhere('a.entity_type = :t', { t: filter.entityType });
    if (filter.entityId) qb.andWhere('a.entity_id = :e', { e: filter.entityId });
    if (filter.action) qb.andWhere('a.action = :ac', { ac: filter.action });
    if (filter.from) qb.andWhere('a.created_at >= :from', { from: filter.from });
    if (filter.to) qb.andWhere('a.created_at < :to', { to: filter.to });
    if (filter.hiddenEntityTypes?.length)
      qb.andWhere('a.entity_type <> ALL(:hidden)', { hidden: [...filter.hiddenEntityTypes] });
    return keysetPage(qb, { key: ['id', 'id'], direction: 'DESC' }, page, { orgId, max: 500, fallback: 50 });
  }

  /**
   * The trails of many entities of one type, oldest first, at most `perEntity` newest events each, in
   * one query (a page of invoices asking for `timeline` is one statement, not one per invoice).
   */
  async trails(
    orgId: string,
    entityType: string,
    entityIds: readonly string[],
    perEntity: number,
  ): Promise<AuditEvent[]> {
    if (!entityIds.length) return [];
    return this.db
      .getRepository(AuditEvent)
      .createQueryBuilder('a')
      .where(
        `a.id IN (SELECT id FROM (
          SELECT e.id, row_number() OVER (PARTITION BY e.entity_id ORDER BY e.id DESC) AS n
            FROM audit_events e WHERE e.org_id = :orgId AND e.entity_type = :type AND e.entity_id = ANY(:ids::uuid[])
        ) t WHERE t.n <= :perEntity)`,
        { orgId, type: entityType, ids: [...entityIds], perEntity },
      )
      .orderBy('a.id', 'ASC')
      .getMany();
  }
}
