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
import { orgTodaySql } from '../organizations/org-today.js';

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
        const held = await amountsInCurrency(tx, orgId, id, { ratesReplaced: input.rates != null });
        if (held)
          throw badInput('currency', `The currency cannot change while ${held} ${client.currency}: ${CHANGE_FIRST}`);
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

const CHANGE_FIRST =
  'amounts written in one currency are not worth the same in another. Change or remove them first (or give the rates in the new currency with the change)';

/** Today on the org's ($1) wall, not the database server's date. */
const ORG_TODAY = `(SELECT ${orgTodaySql('now()', 'time_zone')} FROM organizations WHERE id = $1)`;

/**
 * What of the client is written in its currency, so the currency cannot change under it (null: nothing).
 * The numbers would stay and mean another currency: USD 150.00 an hour billed as JPY 150. Invoices,
 * negotiated rates (unless the same change gives new ones), rate overrides on time not yet billed, and
 * fixed prices of contract lines still running.
 */
async function amountsInCurrency(
  tx: import('typeorm').EntityManager,
  orgId: string,
  clientId: string,
  { ratesReplaced }: { ratesReplaced: boolean },
): Promise<string | null> {
  const [row] = (await tx.query(
    `SELECT EXISTS (SELECT 1 FROM invoices WHERE org_id = $1 AND client_id = $2) AS invoices,
            EXISTS (SELECT 1 FROM client_rates WHERE org_id = $1 AND client_id = $2) AS rates,
            EXISTS (SELECT 1 FROM time_entries WHERE org_id = $1 AND client_id = $2 AND rate_override IS NOT NULL
                      AND invoice_id IS NULL) AS overrides,
            EXISTS (SELECT 1 FROM contract_lines l JOIN contracts c ON c.id = l.contract_id
                     WHERE c.org_id = $1 AND c.client_id = $2 AND l.price_source = 'FIXED'
                       AND (l.end_date IS NULL OR l.end_date >= ${ORG_TODAY})
                       AND (c.end_date IS NULL OR c.end_date >= ${ORG_TODAY})) AS fixed`,
    [orgId, clientId],
  )) as Array<Record<'invoices' | 'rates' | 'overrides' | 'fixed', boolean>>;
  if (row!.invoices) return 'the client has invoices in';
  if (row!.rates && !ratesReplaced) return 'its negotiated rates are in';
  if (row!.overrides) return 'time not yet billed carries rate overrides in';
  if (row!.fixed) return 'its contracts have fixed prices in';
  return null;
}
