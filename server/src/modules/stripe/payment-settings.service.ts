import type { DataSource } from 'typeorm';
import type { Actor } from '../../platform/actor.js';
import type { AuditService } from '../audit/audit.service.js';
import type { OrganizationService } from '../organizations/organization.service.js';
import { StripePaymentSettings } from './stripe-connection.entity.js';
import type { StripeConnectionService } from './stripe-connection.service.js';
import { checkLifetimeHours } from './stripe-rules.js';
import type { PaymentSettings, PaymentSettingsInput } from './stripe.types.js';

/** Payment settings: Stripe-side ones here, the email/partial toggles on the organization (core). */
export class PaymentSettingsService {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly organizations: OrganizationService,
    private readonly connections: StripeConnectionService,
  ) {}

  async update(orgId: string, actor: Actor, input: PaymentSettingsInput): Promise<PaymentSettings> {
    if (input.linkLifetimeHours != null) checkLifetimeHours(input.linkLifetimeHours);
    // One transaction for both halves: a failure in the second must not leave the first written.
    await this.db.transaction(async (tx) => {
      if (input.sendVia != null || input.linkLifetimeHours != null) {
        const cur = await tx.findOne(StripePaymentSettings, { where: { orgId }, lock: { mode: 'pessimistic_write' } });
        const next = {
          orgId,
          sendVia: input.sendVia ?? cur?.sendVia ?? 'CHECKOUT',
          linkLifetimeHours: input.linkLifetimeHours ?? cur?.linkLifetimeHours ?? 72,
        };
        await tx.upsert(StripePaymentSettings, next, ['orgId']);
        await this.audit.record(
          tx,
          orgId,
          actor,
          { type: 'PaymentSettings', id: orgId },
          'payment_settings.updated',
          cur,
          next,
        );
      }
      const orgPatch = {
        emailPayLink: input.emailPayLink ?? undefined,
        emailPaymentConfirmation: input.emailPaymentConfirmation ?? undefined,
        allowPartialPayments: input.allowPartialPayments ?? undefined,
      };
      if (Object.values(orgPatch).some((v) => v !== undefined))
        await this.organizations.updateSettingsIn(tx, orgId, actor, orgPatch);
    });
    return this.connections.settings(orgId);
  }
}
