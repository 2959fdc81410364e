import type { DataSource } from 'typeorm';
import { In } from 'typeorm';
import type { Actor } from '../../platform/actor.js';
import { badInput, notFound } from '../../platform/errors.js';
import type { AuditService } from '../audit/audit.service.js';
import { Client } from '../clients/client.entity.js';
import { Ticket } from './ticket.entity.js';

export class TicketService {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  async create(orgId: string, actor: Actor, input: { clientId: string; title: string }): Promise<Ticket> {
    return this.db.transaction(async (tx) => {
      if (!(await tx.countBy(Client, { orgId, id: input.clientId })))
        throw badInput('clientId', 'No such client in this organization');
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

  list(orgId: string, clientId?: string): Promise<Ticket[]> {
    return this.db
      .getRepository(Ticket)
      .find({ where: { orgId, ...(clientId ? { clientId } : {}) }, order: { createdAt: 'DESC' }, take: 500 });
  }

  byIds(orgId: string, ids: readonly string[]): Promise<Ticket[]> {
    return this.db.getRepository(Ticket).findBy({ orgId, id: In([...ids]) });
  }
}
