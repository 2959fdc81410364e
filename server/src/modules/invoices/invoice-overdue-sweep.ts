import { In, type DataSource } from 'typeorm';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import type { DomainEventBus } from '../../platform/events/domain-events.js';
import { Invoice } from './invoice.entity.js';

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

  /** Returns how many invoices were announced; `today` is the first day an invoice due before it is overdue. */
  async announce(today: string, batch = 500): Promise<number> {
    let announced = 0;
    for (;;) {
      const n = await this.db.transaction(async (tx) => {
        const rows = (await tx.query(
          `UPDATE invoices SET overdue_reported_for = due_date
            WHERE id IN (SELECT id FROM invoices
                          WHERE status IN ('SENT','PARTIALLY_PAID') AND overdue_reported_for IS DISTINCT FROM due_date
                            AND balance_due > 0 AND due_date < $1
                          ORDER BY due_date LIMIT $2 FOR UPDATE SKIP LOCKED)
            RETURNING id`,
          [today, batch],
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
