import DataLoader from 'dataloader';
import type { Container } from '../app/container.js';
import type { Client } from '../modules/clients/client.entity.js';
import type { Service } from '../modules/catalog/service.entity.js';
import type { Ticket } from '../modules/tickets/ticket.entity.js';
import type { Invoice } from '../modules/invoices/invoice.entity.js';
import type { User } from '../modules/auth/user.entity.js';
import { User as UserEntity } from '../modules/auth/user.entity.js';
import { In } from 'typeorm';
import { orgTimeZone } from '../modules/organizations/org-today.js';
import { todayIn } from '../platform/time-zone.js';

function byId<T extends { id: string }>(load: (ids: readonly string[]) => Promise<T[]>) {
  return new DataLoader<string, T | null>(async (ids) => {
    const rows = new Map((await load(ids)).map((r) => [r.id, r]));
    return ids.map((id) => rows.get(id) ?? null);
  });
}

/** Rows grouped by the id they point to (`key` names that property): one list per id asked for, empty when none. */
function groupBy<K extends string, T extends Record<K, string>>(
  key: K,
  load: (ids: readonly string[]) => Promise<T[]>,
) {
  return new DataLoader<string, T[]>(async (ids) => {
    const groups = new Map<string, T[]>();
    for (const row of await load(ids)) {
      const group = groups.get(row[key]);
      if (group) group.push(row);
      else groups.set(row[key], [row]);
    }
    return ids.map((id) => groups.get(id) ?? []);
  });
}

export const TIMELINE_LIMIT = 500;

/**
 * Per-request batch loaders, always scoped to the caller's org: a list of 50 invoices loads its lines,
 * clients and payments in one query each, whatever the page size.
 */
export function createLoaders(c: Container, orgId: string | null) {
  const org = orgId ?? '00000000-0000-0000-0000-000000000000';
  let zone: Promise<string> | undefined;
  let today: Promise<string> | undefined;
  /** The caller's org's time zone (IANA), read once a request. */
  const timeZone = () => (zone ??= orgTimeZone(c.db, org));
  return {
    orgTimeZone: timeZone,
    /** The caller's org's business date (today in its time zone, by the container's clock), read once a request. */
    orgToday: () => (today ??= timeZone().then((z) => todayIn(z, c.clock.now()))),
    client: byId<Client>((ids) => c.clients.byIds(org, ids)),
    service: byId<Service>((ids) => c.catalog.byIds(org, ids)),
    ticket: byId<Ticket>((ids) => c.tickets.byIds(org, ids)),
    invoice: byId<Invoice>((ids) => c.invoices.byIds(org, ids)),
    user: byId<User>((ids) => c.db.getRepository(UserEntity).findBy({ orgId: org, id: In([...ids]) })),
    linesByInvoice: groupBy('invoiceId', (ids) => c.invoices.linesFor(org, ids)),
    paymentsByInvoice: groupBy('invoiceId', (ids) => c.payments.byInvoices(org, ids)),
    creditMemosByInvoice: groupBy('invoiceId', (ids) => c.payments.creditMemosByInvoices(org, ids)),
    pricesByService: groupBy('serviceId', (ids) => c.catalog.prices(org, ids)),
    ratesByClient: groupBy('clientId', (ids) => c.clients.rates(org, ids)),
    /** Each invoice's audit trail, oldest first (its newest TIMELINE_LIMIT events). */
    timelineByInvoice: groupBy('entityId', (ids) => c.audit.trails(org, 'Invoice', ids, TIMELINE_LIMIT)),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
