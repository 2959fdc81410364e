import type { DataSource } from 'typeorm';
import { In } from 'typeorm';
import type { Actor } from '../../platform/actor.js';
import { badInput, notFound } from '../../platform/errors.js';
import { containsPattern } from '../../platform/database/sql.js';
import type { AuditService } from '../audit/audit.service.js';
import type { DomainEventBus } from '../../platform/events/domain-events.js';
import './clients.events.js';
import { Service } from '../catalog/service.entity.js';
import { Client } from './client.entity.js';
import { ClientRate } from './client-rate.entity.js';
import { normalizeAddress, type PostalAddressInput } from './postal-address.js';
import { keysetPage, type PageRequest } from '../../platform/database/keyset-page.js';
import type { TimeItemization } from '../invoices/time-itemization.js';

export interface ClientInput {
  name?: string;
  billingEmail?: string;
  currency?: string;
  taxRateBps?: number | null;
  daysUntilDue?: number | null;
  memoTemplate?: string | null;
  allowPartialPayments?: boolean | null;
  emailPayLink?: boolean | null;
  timeItemization?: TimeItemization | null;
  billingAddress?: PostalAddressInput | null;
  rates?: Array<{ serviceId: string; unitAmount: number }>;
}

export class ClientService {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly events: DomainEventBus,
  ) {}

  async create(
    orgId: string,
    actor: Actor,
    input: ClientInput & { name: string; billingEmail: string; currency: string },
  ): Promise<Client> {
    return this.db.transaction(async (tx) => {
      const client = await tx.save(Client, {
        orgId,
        name: input.name,
        billingEmail: input.billingEmail,
        currency: input.currency.toUpperCase(),
        taxRateBps: input.taxRateBps ?? null,
        daysUntilDue: input.daysUntilDue ?? null,
        memoTemplate: input.memoTemplate ?? null,
        allowPartialPayments: input.allowPartialPayments ?? null,
        emailPayLink: input.emailPayLink ?? null,
        timeItemization: input.timeItemization ?? null,
        billingAddress: normalizeAddress(input.billingAddress),
      } as Client);
      if (input.rates) await this.replaceRates(tx, orgId, client.id, input.rates);
      await this.audit.record(tx, orgId, actor, { type: 'Client', id: client.id }, 'client.created', null, client);
      await this.events.emit(tx, 'client.created', { orgId, actor, client });
      return client;
    });
  }

  async update(orgId: string, actor: Actor, id: string, input: ClientInput & { archived?: boolean }): Promise<Client> {
    return this.db.transaction(async (tx) => {
      const client = await tx.findOne(Client, { where: { orgId, id }, lock: { mode: 'pessimistic_write' } });
      if (!client) throw notFound('Client');
      if (input.currency && input.currency.toUpperCase() !== client.currency) {
        const invoiced = await tx.query('SELECT 1 FROM invoices WHERE client_id = $1 LIMIT 1', [id]);
        if (invoiced.length) throw badInput('currency', 'The currency cannot change once the client has invoices');
      }
      const before = { ...client };
      const { rates, archived, billingAddress, ...fields } = input;
      Object.assign(client, Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)));
      if (billingAddress !== undefined) client.billingAddress = normalizeAddress(billingAddress);
      if (input.currency) client.currency = input.currency.toUpperCase();
      if (archived !== undefined) client.archivedAt = archived ? (client.archivedAt ?? new Date()) : null;
      await tx.save(client);
      if (rates) await this.replaceRates(tx, orgId, id, rates);
      await this.audit.record(tx, orgId, actor, { type: 'Client', id }, 'client.updated', before, client);
      await this.events.emit(tx, 'client.updated', {
        orgId,
        actor,
        client,
        before: Object.assign(new Client(), before),
      });
      return client;
    });
  }

  private async replaceRates(
    tx: import('typeorm').EntityManager,
    orgId: string,
    clientId: string,
    rates: Array<{ serviceId: string; unitAmount: number }>,
  ) {
    const ids = [...new Set(rates.map((r) => r.serviceId))];
    const found = ids.length ? await tx.countBy(Service, { orgId, id: In(ids) }) : 0;
    if (found !== ids.length)
      throw badInput('rates.serviceId', 'Every negotiated rate must name a service of this organization');
    await tx.delete(ClientRate, { orgId, clientId });
    if (rates.length)
      await tx.insert(
        ClientRate,
        rates.map((r) => ({ orgId, clientId, serviceId: r.serviceId, unitAmount: r.unitAmount })),
      );
  }

  async get(orgId: string, id: string): Promise<Client> {
    const client = await this.db.getRepository(Client).findOneBy({ orgId, id });
    if (!client) throw notFound('Client');
    return client;
  }

  /** One page of the org's clients by name. */
  list(orgId: string, opts: { includeArchived?: boolean; search?: string }, page: PageRequest) {
    const qb = this.db.getRepository(Client).createQueryBuilder('c').where('c.org_id = :orgId', { orgId });
    if (!opts.includeArchived) qb.andWhere('c.archived_at IS NULL');
    if (opts.search) qb.andWhere('c.name ILIKE :s', { s: containsPattern(opts.search) });
    return keysetPage(qb, { key: ['name', 'name'], direction: 'ASC' }, page, { orgId, max: 500, fallback: 50 });
  }

  rates(orgId: string, clientIds: readonly string[]): Promise<ClientRate[]> {
    return this.db.getRepository(ClientRate).findBy({ orgId, clientId: In([...clientIds]) });
  }

  byIds(orgId: string, ids: readonly string[]): Promise<Client[]> {
    return this.db.getRepository(Client).findBy({ orgId, id: In([...ids]) });
  }
}
