import type { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../../platform/actor.js';
import { notFound } from '../../platform/errors.js';
import type { AuditService } from '../audit/audit.service.js';
import {
  applying,
  loadClientOverrides,
  overrideConflictTarget,
  type ClientOverrides,
} from '../../platform/database/client-overrides.js';
import { ClientCreditSettingsRow, type ClientCreditSettings } from './client-credit.entity.js';

/** Off unless an org (or a client) turns it on: spending a client's credit by itself is a choice. */
export const APPLY_AUTOMATICALLY_DEFAULT = false;

/** Whether credit is applied on finalize: the org's default, overridable per client (null: inherit). */
export class ClientCreditSettingsService {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  async get(
    orgId: string,
    clientId: string | null,
    tx: EntityManager = this.db.manager,
  ): Promise<ClientCreditSettings> {
    const { value, source } = applies(
      await loadClientOverrides(tx, ClientCreditSettingsRow, orgId, [clientId]),
      clientId,
    );
    return { clientId, applyCreditAutomatically: value, overridden: source === 'CLIENT' };
  }

  /** Of these clients, those whose finalized invoices spend their credit automatically (one statement). */
  async clientsApplyingAutomatically(orgId: string, clientIds: string[], tx: EntityManager): Promise<Set<string>> {
    const rows = await loadClientOverrides(tx, ClientCreditSettingsRow, orgId, clientIds);
    return new Set(clientIds.filter((id) => applies(rows, id).value));
  }

  /** Sets the org's default (no clientId) or one client's override (null clears it). */
  async update(
    orgId: string,
    actor: Actor,
    input: { clientId?: string | null; applyCreditAutomatically: boolean | null },
  ): Promise<ClientCreditSettings> {
    const clientId = input.clientId ?? null;
    return this.db.transaction(async (tx) => {
      if (clientId) {
        const found = (await tx.query(`SELECT 1 FROM clients WHERE org_id = $1 AND id = $2`, [orgId, clientId])) as [];
        if (!found.length) throw notFound('Client');
      }
      const before = await this.get(orgId, clientId, tx);
      await tx.query(
        `INSERT INTO client_credit_settings (org_id, client_id, apply_automatically) VALUES ($1, $2, $3)
         ON CONFLICT ${overrideConflictTarget(clientId)} DO UPDATE SET apply_automatically = EXCLUDED.apply_automatically, updated_at = now()`,
        [orgId, clientId, input.applyCreditAutomatically],
      );
      const after = await this.get(orgId, clientId, tx);
      const entity = clientId ? { type: 'Client', id: clientId } : { type: 'Organization', id: orgId };
      await this.audit.record(tx, orgId, actor, entity, 'client_credit.settings_updated', before, after);
      return after;
    });
  }
}

/** Whether credit applies automatically for the client (null: the org), and where that comes from. */
const applies = (rows: ClientOverrides<ClientCreditSettingsRow>, clientId: string | null) =>
  applying(rows.of(clientId)?.applyAutomatically, rows.org?.applyAutomatically, APPLY_AUTOMATICALLY_DEFAULT);
