import type { DataSource, EntityManager } from 'typeorm';
import { In } from 'typeorm';
import type { Actor } from '../../platform/actor.js';
import { conflict, notFound } from '../../platform/errors.js';
import type { DomainEventBus } from '../../platform/events/domain-events.js';
import type { AuditService } from '../audit/audit.service.js';
import { keysetPage, type PageRequest } from '../../platform/database/keyset-page.js';
import { Service, ServicePrice } from './service.entity.js';

export interface ServiceInput {
  code?: string;
  name?: string;
  description?: string;
  active?: boolean;
  prices?: Array<{ currency: string; unitAmount: number }>;
}

/** Every change emits `catalog.item-changed` in its transaction (the Stripe catalog sync follows it). */
export class CatalogService {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly events: DomainEventBus,
  ) {}

  async create(orgId: string, actor: Actor, input: ServiceInput & { code: string; name: string }): Promise<Service> {
    return this.db.transaction(async (tx) => {
      const dup = await tx.countBy(Service, { orgId, code: input.code });
      if (dup) throw conflict(`A service with code ${input.code} already exists`, 'code');
      const s = await tx.save(Service, {
        orgId,
        code: input.code,
        name: input.name,
        description: input.description ?? '',
        active: input.active ?? true,
      } as Service);
      await this.setPrices(tx, orgId, s.id, input.prices ?? []);
      await this.audit.record(tx, orgId, actor, { type: 'Service', id: s.id }, 'service.created', null, {
        ...s,
        prices: input.prices,
      });
      await this.events.emit(tx, 'catalog.item-changed', { orgId, serviceId: s.id });
      return s;
    });
  }

  /** Archiving is `active: false`; a used service is never deleted, so old invoices keep their meaning. */
  async update(orgId: string, actor: Actor, id: string, input: ServiceInput): Promise<Service> {
    return this.db.transaction(async (tx) => {
      const s = await tx.findOne(Service, { where: { orgId, id }, lock: { mode: 'pessimistic_write' } });
      if (!s) throw notFound('Service');
      if (input.code && input.code !== s.code && (await tx.countBy(Service, { orgId, code: input.code }))) {
        throw conflict(`A service with code ${input.code} already exists`, 'code');
      }
      const before = { ...s };
      const { prices, ...fields } = input;
      Object.assign(s, Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)));
      await tx.save(s);
      if (prices) await this.setPrices(tx, orgId, id, prices);
      await this.audit.record(
        tx,
        orgId,
        actor,
        { type: 'Service', id },
        s.active === before.active ? 'service.updated' : s.active ? 'service.restored' : 'service.archived',
        before,
        s,
      );
      await this.events.emit(tx, 'catalog.item-changed', { orgId, serviceId: id });
      return s;
    });
  }

  private async setPrices(
    tx: EntityManager,
    orgId: string,
    serviceId: string,
    prices: Array<{ currency: string; unitAmount: number }>,
  ) {
    for (const p of prices) {
      await tx.query(
        `INSERT INTO service_prices (org_id, service_id, currency, unit_amount) VALUES ($1, $2, $3, $4)
         ON CONFLICT (service_id, currency) DO UPDATE SET unit_amount = EXCLUDED.unit_amount`,
        [orgId, serviceId, p.currency.toUpperCase(), p.unitAmount],
      );
    }
  }

  async get(orgId: string, id: string): Promise<Service> {
    const s = await this.db.getRepository(Service).findOneBy({ orgId, id });
    if (!s) throw notFound('Service');
    return s;
  }

  /** One page of the catalog by code. */
  list(orgId: string, includeArchived: boolean, page: PageRequest) {
    const qb = this.db.getRepository(Service).createQueryBuilder('s').where('s.org_id = :orgId', { orgId });
    if (!includeArchived) qb.andWhere('s.active');
    return keysetPage(qb, { key: ['code', 'code'], direction: 'ASC' }, page, { orgId, max: 500, fallback: 50 });
  }

  byIds(orgId: string, ids: readonly string[]): Promise<Service[]> {
    return this.db.getRepository(Service).findBy({ orgId, id: In([...ids]) });
  }

  prices(orgId: string, serviceIds: readonly string[]): Promise<ServicePrice[]> {
    return this.db.getRepository(ServicePrice).findBy({ orgId, serviceId: In([...serviceIds]) });
  }
}
