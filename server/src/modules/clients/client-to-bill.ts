import { In, type EntityManager } from 'typeorm';
import { badInput } from '../../platform/errors.js';
import { Client } from './client.entity.js';

/**
 * The client new billing work is for (a new invoice, a contract or a contract line), held FOR SHARE until
 * the caller commits, so it is neither archived nor given another currency meanwhile. Refused, on `field`,
 * when it is not the org's or is archived: archiving takes a client out of billing (the scheduled billing
 * skips it, as time logging and tickets refuse it), while what was already issued to it (its open
 * invoices: paid, refunded, voided) keeps working. `doing` ends the sentence: "restore it before invoicing it".
 */
export async function clientToBill(
  tx: EntityManager,
  orgId: string,
  clientId: string,
  { field, doing }: { field: string; doing: string },
): Promise<Client> {
  const client = await tx.findOne(Client, { where: { orgId, id: clientId }, lock: { mode: 'pessimistic_read' } });
  if (!client) throw badInput(field, 'No such client in this organization');
  if (client.archivedAt) throw badInput(field, `Client ${client.name} is archived: restore it before ${doing}`);
  return client;
}

/**
 * Drafts about to be sent: sending one issues a new invoice (numbered, emailed, owed), the new billing work
 * an archived client gets none of, so a draft made before its client was archived is refused as a new
 * invoice is ("restore it before invoicing it"), on the `id` sendInvoice names. Their clients are held FOR
 * SHARE until the caller commits, so none is archived meanwhile. Invoices issued already are not asked:
 * a resend of what the client still owes goes out.
 */
export async function refuseArchivedDrafts(
  tx: EntityManager,
  orgId: string,
  drafts: ReadonlyArray<{ clientId: string }>,
): Promise<void> {
  if (!drafts.length) return;
  const clients = await tx.find(Client, {
    where: { orgId, id: In([...new Set(drafts.map((d) => d.clientId))]) },
    lock: { mode: 'pessimistic_read' },
  });
  const archived = clients.find((c) => c.archivedAt);
  if (archived) throw badInput('id', `Client ${archived.name} is archived: restore it before invoicing it`);
}
