import { IsNull, type DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../../platform/actor.js';
import {
  applying,
  loadClientOverrides,
  overrideConflictTarget,
  type ClientOverrides,
} from '../../platform/database/client-overrides.js';
import { badInput } from '../../platform/errors.js';
import type { AuditService } from '../audit/audit.service.js';
import { Client } from '../clients/client.entity.js';
import { checkOffsets, DEFAULT_OFFSETS } from './reminder-schedule.js';
import { ReminderPolicy } from './reminder.entities.js';
import type { EffectiveReminderPolicy } from './reminder.types.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Reminder schedules: the org's, a client's override, and which one applies. Every write is audited. */
export class ReminderPolicyService {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** The schedule that applies to the org (clientId null) or to one of its clients. */
  async effective(orgId: string, clientId: string | null, tx: EntityManager = this.db.manager) {
    if (clientId) await this.assertClient(tx, orgId, clientId);
    return effectiveOf(clientId, await loadClientOverrides(tx, ReminderPolicy, orgId, [clientId]));
  }

  /** Sets the org's schedule, or a client's own when `clientId` is given. */
  async set(
    orgId: string,
    actor: Actor,
    input: { clientId?: string | null; enabled: boolean; offsets: number[] },
  ): Promise<EffectiveReminderPolicy> {
    const offsets = checkOffsets(input.enabled, input.offsets);
    const clientId = input.clientId ?? null;
    return this.db.transaction(async (tx) => {
      if (clientId) await this.assertClient(tx, orgId, clientId);
      const before = await this.own(tx, orgId, clientId);
      // The partial unique index that matches (org default or client override) takes a concurrent insert.
      const target = overrideConflictTarget(clientId, '(org_id, client_id)');
      const [after] = (await tx.query(
        `INSERT INTO reminder_policies (org_id, client_id, enabled, offsets) VALUES ($1, $2, $3, $4::int[])
         ON CONFLICT ${target} DO UPDATE SET enabled = EXCLUDED.enabled, offsets = EXCLUDED.offsets, updated_at = now()
         RETURNING id, client_id, enabled, offsets`,
        [orgId, clientId, input.enabled, offsets],
      )) as Array<{ id: string; enabled: boolean; offsets: number[] }>;
      await this.audit.record(
        tx,
        orgId,
        actor,
        { type: 'ReminderPolicy', id: after!.id },
        'reminder_policy.set',
        before && { clientId, enabled: before.enabled, offsets: before.offsets },
        { clientId, enabled: after!.enabled, offsets: after!.offsets },
      );
      return this.effective(orgId, clientId, tx);
    });
  }

  /** Drops a client's own schedule: it follows the org's again. */
  async clearClient(orgId: string, actor: Actor, clientId: string): Promise<EffectiveReminderPolicy> {
    return this.db.transaction(async (tx) => {
      await this.assertClient(tx, orgId, clientId);
      const before = await this.own(tx, orgId, clientId);
      if (before) {
        await tx.delete(ReminderPolicy, { id: before.id, orgId });
        await this.audit.record(
          tx,
          orgId,
          actor,
          { type: 'ReminderPolicy', id: before.id },
          'reminder_policy.cleared',
          { clientId, enabled: before.enabled, offsets: before.offsets },
          null,
        );
      }
      return this.effective(orgId, clientId, tx);
    });
  }

  /** The row set for exactly this org or client, locked (null when none). */
  private own(tx: EntityManager, orgId: string, clientId: string | null): Promise<ReminderPolicy | null> {
    return tx.findOne(ReminderPolicy, {
      where: { orgId, clientId: clientId ?? IsNull() },
      lock: { mode: 'pessimistic_write' },
    });
  }

  /** Another org's client, or an id of no client, is bad input (and nothing is written). */
  private async assertClient(tx: EntityManager, orgId: string, clientId: string): Promise<void> {
    if (!UUID.test(clientId) || !(await tx.existsBy(Client, { orgId, id: clientId })))
      throw badInput('clientId', 'No such client in this organization');
  }
}

/** The client's own schedule (as a whole) wins, then the org's, then the default (off, suggested schedule). */
export function effectiveOf(
  clientId: string | null,
  policies: ClientOverrides<ReminderPolicy>,
): EffectiveReminderPolicy {
  const { value: row, source } = applying(policies.of(clientId), policies.org, null);
  return {
    clientId,
    enabled: row?.enabled ?? false,
    offsets: row ? [...row.offsets] : [...DEFAULT_OFFSETS],
    source,
    inherited: clientId !== null && source !== 'CLIENT',
  };
}
