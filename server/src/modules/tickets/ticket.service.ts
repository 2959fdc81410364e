import type { DataSource } from 'typeorm';
import { In } from 'typeorm';
import type { Actor } from '../../platform/actor.js';
import { badInput, notFound } from '../../platform/errors.js';
import type { AuditService } from '../audit/audit.service.js';
import { Client } from '../clients/client.entity.js';
import { keysetPage, newestFirst, type PageRequest } from '../../platform/database/keyset-page.js';
import { orgRowsWhere } from '../../platform/database/sql.js';
import { Ticket } from './ticket.entity.js';

export class TicketService {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  async create(orgId: string, actor: Actor, input: { clientId: string; title: string }): Promise<Ticket> {
    return this.db.transaction(async (tx) => {
      // Held FOR SHARE until the ticket commits, so it is not archived meanwhile.
      const client = await tx.findOne(Client, {
        where: { orgId, id: input.clientId },
        lock: { mode: 'pessimistic_read' },
      });
      if (!client) throw badInput('clientId', 'No such client in this organization');
      if (client.archivedAt)
        throw badInput('clientId', `Client ${client.name} is archived: restore it before opening tickets for it`);
      const t = await tx.save(Ticket, { orgId, clientId: input.clientId, title: input.title } as Ticket);
      await this.audit.record(tx, orgId, actor, { type: 'Ticket', id: t.id }, 'ticket.created', null, t);
      return t;
    });
  }

  async get(orgId: string, id: string): Promise<Ticket> {
    const t = await this.db.getRepository(Ticket).findOneBy({ orgId, id });
    if (!t) throw notFound('Ticket');
    return t;
  }

  /** One page of tickets (of one client when given), newest first. */
  list(orgId: string, clientId: string | undefined, page: PageRequest) {
    const qb = orgRowsWhere(this.db.getRepository(Ticket), 't', orgId, { 't.client_id = :v': clientId });
    return keysetPage(qb, newestFirst(), page, { orgId, max: 500, fallback: 50 });
  }

  byIds(orgId: string, ids: readonly string[]): Promise<Ticket[]> {
    return this.db.getRepository(Ticket).findBy({ orgId, id: In([...ids]) });
  }
}
