import { In, type DataSource } from 'typeorm';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import type { DomainEventBus } from '../../platform/events/domain-events.js';
import { Invoice } from './invoice.entity.js';
import { orgTodaySql } from '../organizations/org-today.js';

/**
 * Announces invoices whose due date has passed with a balance still open (`invoice.overdue`), each due
 * date once: the row remembers the due date it was announced for, under its row lock, in the
 * transaction that emits the event. A second worker skips the rows the first one holds; a due date
 * moved later is announced again when it passes. Batches of `batch` invoices, one transaction each.
 */
export class InvoiceOverdueSweep {
  constructor(
    private readonly db: DataSource,
    private readonly events: DomainEventBus,
  ) {}

  /**
   * Returns how many invoices were announced at the instant `now`: an invoice is overdue from the day after
   * its due date on its org's wall (`organizations.time_zone`), so a New York org's invoice due on the 31st
   * is not overdue at 23:30 there, though it is already the 1st in UTC.
   */
  async announce(now: Date, batch = 500): Promise<number> {
    let announced = 0;
    for (;;) {
      const n = await this.db.transaction(async (tx) => {
        const rows = (await tx.query(
          // No zone is more than a day ahead of UTC: due_date <= the UTC date keeps the partial index's range.
          `UPDATE invoices SET overdue_reported_for = due_date
            WHERE id IN (SELECT i.id FROM invoices i JOIN organizations o ON o.id = i.org_id
                          WHERE i.status IN ('SENT','PARTIALLY_PAID') AND i.overdue_reported_for IS DISTINCT FROM i.due_date
                            AND i.balance_due > 0 AND i.due_date <= ${orgTodaySql('$1', "'UTC'")}
                            AND i.due_date < ${orgTodaySql('$1', 'o.time_zone')}
                          ORDER BY i.due_date LIMIT $2 FOR UPDATE OF i SKIP LOCKED)
            RETURNING id`,
          [now.toISOString(), batch],
        )) as [Array<{ id: string }>, number];
        // TypeORM answers an UPDATE … RETURNING with [rows, affected count].
        const ids = rows[0].map((r) => r.id);
        if (!ids.length) return 0;
        const invoices = await tx.getRepository(Invoice).findBy({ id: In(ids) });
        for (const orgId of new Set(invoices.map((i) => i.orgId))) {
          const ofOrg = invoices.filter((i) => i.orgId === orgId);
          await this.events.emit(tx, 'invoice.overdue', { orgId, actor: SYSTEM_ACTOR, invoices: ofOrg });
        }
        return ids.length;
      });
      announced += n;
      if (n < batch) return announced;
    }
  }
}
