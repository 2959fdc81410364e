import type { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../../platform/actor.js';
import type { AuditService } from '../audit/audit.service.js';
import { Client } from '../clients/client.entity.js';
import { AutopaySetting } from './autopay.entities.js';
import type { AutopayChargeTiming, AutopayStatus } from './autopay.types.js';

/**
 * When autopay charges the client's invoices: at issue when its billing send method (its own, else the
 * org's) is AUTO_CHARGE, else on the due date. The one statement of the rule for a single client (the
 * charger's sweep states it set-based for all of them).
 */
export async function chargeTiming(db: EntityManager, orgId: string, clientId: string): Promise<AutopayChargeTiming> {
  const [row] = (await db.query(
    `SELECT COALESCE(
       (SELECT send_method FROM billing_settings WHERE org_id = $1 AND client_id = $2),
       (SELECT send_method FROM billing_settings WHERE org_id = $1 AND client_id IS NULL)) AS send_method`,
    [orgId, clientId],
  )) as Array<{ send_method: string | null }>;
  return row?.send_method === 'AUTO_CHARGE' ? 'ISSUE_DATE' : 'DUE_DATE';
}

/** The per-client autopay flag: stored in Settle, every change audited in its own transaction. */
export class AutopaySettingsService {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  async enabled(orgId: string, clientId: string): Promise<boolean> {
    return (await this.db.getRepository(AutopaySetting).findOneBy({ orgId, clientId }))?.enabled ?? false;
  }

  /** Whether autopay is on for the client, and when it charges. */
  async status(orgId: string, clientId: string): Promise<AutopayStatus> {
    return {
      clientId,
      enabled: await this.enabled(orgId, clientId),
      chargedOn: await chargeTiming(this.db.manager, orgId, clientId),
    };
  }

  /** Turns autopay on or off (audited), and answers with the status after the change. */
  async setStatus(orgId: string, actor: Actor, clientId: string, enabled: boolean): Promise<AutopayStatus> {
    await this.set(orgId, actor, clientId, enabled);
    return this.status(orgId, clientId);
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
