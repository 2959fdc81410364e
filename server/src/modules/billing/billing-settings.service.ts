import { IsNull, type DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../../platform/actor.js';
import type { Clock } from '../../platform/clock.js';
import { loadClientOverrides, overrideConflictTarget } from '../../platform/database/client-overrides.js';
import { badInput } from '../../platform/errors.js';
import type { AuditService } from '../audit/audit.service.js';
import { Client } from '../clients/client.entity.js';
import { orgToday } from '../organizations/org-today.js';
import { BillingSettingsRow } from './billing.entities.js';
import {
  effectiveSettings,
  SETTING_KEYS,
  type BillingSettings,
  type BillingSettingsInput,
} from './billing-settings.js';

/** The org's billing settings and each client's overrides of them. */
export class BillingSettingsService {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly clock: () => Clock,
  ) {}

  async get(orgId: string, clientId: string | null): Promise<BillingSettings> {
    if (clientId && !(await this.db.getRepository(Client).existsBy({ orgId, id: clientId })))
      throw badInput('clientId', 'No such client in this organization');
    const rows = await loadClientOverrides(this.db.manager, BillingSettingsRow, orgId, [clientId]);
    return effectiveSettings(rows.org, rows.of(clientId), clientId);
  }

  /** The settings that apply to each of these clients of the org, in one query (see effectiveBillingSettingsFor). */
  forClients(
    orgId: string,
    clientIds: readonly string[],
    tx: EntityManager = this.db.manager,
  ): Promise<Map<string, BillingSettings>> {
    return effectiveBillingSettingsFor(tx, orgId, clientIds);
  }

  /** Every row of the org (the default and the overrides), for a run over all its clients. */
  async allRows(orgId: string): Promise<BillingSettingsRow[]> {
    return this.db.getRepository(BillingSettingsRow).findBy({ orgId });
  }

  async set(orgId: string, actor: Actor, input: BillingSettingsInput): Promise<BillingSettings> {
    const clientId = input.clientId ?? null;
    await this.db.transaction(async (tx) => {
      if (clientId && !(await tx.existsBy(Client, { orgId, id: clientId })))
        throw badInput('clientId', 'No such client in this organization');
      // The org default row exists before anyone changes it, so the lock below always has a row to hold.
      for (const level of clientId ? [null, clientId] : [null])
        await tx.query(
          `INSERT INTO billing_settings (org_id, client_id) VALUES ($1, $2) ON CONFLICT ${overrideConflictTarget(level)} DO NOTHING`,
          [orgId, level],
        );
      const row = await tx.findOneOrFail(BillingSettingsRow, {
        where: { orgId, clientId: clientId ?? IsNull() },
        lock: { mode: 'pessimistic_write' },
      });
      const before = { ...row };
      // The org's row, for what a client inheriting it has on (read after the lock: the org's own is `row`).
      const org = clientId ? await tx.findOneByOrFail(BillingSettingsRow, { orgId, clientId: IsNull() }) : null;
      const on = (r: BillingSettingsRow) =>
        (org ? effectiveSettings(org, r, clientId) : effectiveSettings(r, null, null)).autoBilling;
      const wasOn = on(before as BillingSettingsRow);
      // On the org row null means "back to the default"; on a client row, "inherit the org's".
      for (const key of SETTING_KEYS) if (input[key] !== undefined) (row as any)[key] = input[key];
      // Turned on as it applies (its own, or the org's again once an override "off" is dropped): the periods
      // while it was off are not billed by it (a client's day counts when it inherits the org's too).
      if (on(row) && !wasOn) row.autoBillingSince = await orgToday(tx, orgId, this.clock().now());
      await tx.save(row);
      await this.audit.record(
        tx,
        orgId,
        actor,
        { type: clientId ? 'Client' : 'Organization', id: clientId ?? orgId },
        'billing_settings.updated',
        pickSettings(before),
        pickSettings(row),
      );
    });
    return this.get(orgId, clientId);
  }
}

/**
 * A client brought back from the archive: the billing run skipped it while archived, and picks it up
 * from `today`, as when automatic billing is turned on (its own row's day, which also counts when it
 * inherits the org's: see effectiveSettings). Not the months it was archived, billed all at once.
 */
export async function billFromUnarchive(tx: EntityManager, orgId: string, clientId: string, today: string) {
  await tx.query(
    `INSERT INTO billing_settings (org_id, client_id, auto_billing_since) VALUES ($1, $2, $3)
     ON CONFLICT ${overrideConflictTarget(clientId)} DO UPDATE SET auto_billing_since = $3, updated_at = now()`,
    [orgId, clientId, today],
  );
}

const pickSettings = (r: BillingSettingsRow) => Object.fromEntries(SETTING_KEYS.map((k) => [k, r[k]]));

/**
 * The billing settings that apply to each of these clients of `orgId` (the client's own, else the org's,
 * else the defaults), read in one query however many clients there are. Ids of another org's clients get
 * the org's settings: the caller asks about its own clients.
 */
export async function effectiveBillingSettingsFor(
  tx: EntityManager,
  orgId: string,
  clientIds: readonly string[],
): Promise<Map<string, BillingSettings>> {
  const rows = await loadClientOverrides(tx, BillingSettingsRow, orgId, clientIds);
  return new Map(clientIds.map((id) => [id, effectiveSettings(rows.org, rows.of(id), id)]));
}
