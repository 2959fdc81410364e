import type { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../../platform/actor.js';
import { notFound } from '../../platform/errors.js';
import type { AuditService } from '../audit/audit.service.js';
import { DEFAULT_TIME_ZONE } from '../../platform/time-zone.js';
import { Organization } from './organization.entity.js';

export type OrganizationSettings = Partial<
  Pick<
    Organization,
    | 'name'
    | 'invoicePrefix'
    | 'daysUntilDue'
    | 'taxRateBps'
    | 'memoTemplate'
    | 'emailPayLink'
    | 'emailPaymentConfirmation'
    | 'allowPartialPayments'
    | 'timeItemization'
    | 'timeZone'
    | 'billingEmail'
  >
>;

export class OrganizationService {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  async create(input: {
    name: string;
    slug: string;
    defaultCurrency?: string;
    timeZone?: string;
  }): Promise<Organization> {
    return this.db.getRepository(Organization).save({
      name: input.name,
      slug: input.slug,
      defaultCurrency: input.defaultCurrency ?? 'USD',
      timeZone: input.timeZone ?? DEFAULT_TIME_ZONE,
    });
  }

  async get(orgId: string): Promise<Organization> {
    const org = await this.db.getRepository(Organization).findOneBy({ id: orgId });
    if (!org) throw notFound('Organization');
    return org;
  }

  findBySlug(slug: string): Promise<Organization | null> {
    return this.db.getRepository(Organization).findOneBy({ slug });
  }

  updateSettings(orgId: string, actor: Actor, patch: OrganizationSettings): Promise<Organization> {
    return this.db.transaction((tx) => this.updateSettingsIn(tx, orgId, actor, patch));
  }

  /** The same inside the caller's transaction, for mutations that change settings of several modules at once. */
  async updateSettingsIn(
    tx: EntityManager,
    orgId: string,
    actor: Actor,
    patch: OrganizationSettings,
  ): Promise<Organization> {
    const org = await tx.findOne(Organization, { where: { id: orgId }, lock: { mode: 'pessimistic_write' } });
    if (!org) throw notFound('Organization');
    const before = { ...org };
    Object.assign(org, Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)));
    await tx.save(org);
    const entity = { type: 'Organization', id: orgId };
    await this.audit.record(tx, orgId, actor, entity, 'organization.settings_updated', before, org);
    return org;
  }
}
