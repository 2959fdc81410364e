import type { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../../platform/actor.js';
import { AuditEvent } from './audit-event.entity.js';

/** Snapshot of an entity for the audit trail: plain JSON, no functions, dates as ISO strings. */
export function snapshot(entity: object | null | undefined): Record<string, unknown> | null {
  if (!entity) return null;
  return JSON.parse(JSON.stringify(entity)) as Record<string, unknown>;
}

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

  async list(orgId: string, filter: { entityType?: string; entityId?: string; limit: number; beforeId?: string }): Promise<AuditEvent[]> {
    const qb = this.db.getRepository(AuditEvent).createQueryBuilder('a').where('a.org_id = :orgId', { orgId });
    if (filter.entityType) qb.andWhere('a.entity_type = :t', { t: filter.entityType });
    if (filter.entityId) qb.andWhere('a.entity_id = :e', { e: filter.entityId });
    if (filter.beforeId) qb.andWhere('a.id < :b', { b: filter.beforeId });
    return qb.orderBy('a.id', 'DESC').limit(filter.limit).getMany();
  }
}
