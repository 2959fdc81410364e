import type { DataSource } from 'typeorm';
import type { Actor } from '../../platform/actor.js';
import type { AuditService } from '../audit/audit.service.js';
import { Client } from '../clients/client.entity.js';
import { AutopaySetting } from './autopay.entities.js';

/** The per-client autopay flag: stored in Settle, every change audited in its own transaction. */
export class AutopaySettingsService {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  async enabled(orgId: string, clientId: string): Promise<boolean> {
    return (await this.db.getRepository(AutopaySetting).findOneBy({ orgId, clientId }))?.enabled ?? false;
  }

  async set(orgId: string, actor: Actor, clientId: string, enabled: boolean): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      // The client row is locked so two toggles record their before/after in order.
      await tx
        .getRepository(Client)
        .findOneOrFail({ where: { orgId, id: clientId }, lock: { mode: 'pessimistic_write' } });
      const before = (await tx.findOneBy(AutopaySetting, { orgId, clientId }))?.enabled ?? false;
      if (before === enabled) return enabled;
      await tx.upsert(AutopaySetting, { orgId, clientId, enabled }, ['clientId']);
      await this.audit.record(
        tx,
        orgId,
        actor,
        { type: 'Client', id: clientId },
        enabled ? 'client.autopay_enabled' : 'client.autopay_disabled',
        { autopay: before },
        { autopay: enabled },
      );
      return enabled;
    });
  }
}
