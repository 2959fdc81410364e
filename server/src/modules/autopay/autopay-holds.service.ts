import type { DataSource } from 'typeorm';
import { AutopayHold } from './autopay.entities.js';
import type { ChargeResult } from './autopay-skips.js';

/**
 * Records why the sweep charged nothing, in one statement. On conflict,
 * a reason met again keeps its `since` (when it was first met, so staff see how long a card
 * has been missing) and moves only `checked_at`; a new reason starts its own `since`.
 */
const HOLD_SQL = `
  INSERT INTO autopay_holds AS h (invoice_id, org_id, reason, since, checked_at)
  VALUES ($1, $2, $3, $4, $4)
  ON CONFLICT (invoice_id) DO UPDATE
     SET reason = EXCLUDED.reason,
         since = CASE WHEN h.reason = EXCLUDED.reason THEN h.since ELSE EXCLUDED.since END,
         checked_at = EXCLUDED.checked_at
   WHERE h.org_id = EXCLUDED.org_id`;

/**
 * Why autopay last did not charge a due invoice, per invoice: written by the charger with each decision,
 * read by staff on the invoice.
 */
export class AutopayHoldsService {
  constructor(private readonly db: DataSource) {}

  /**
   * After a decision on a due invoice: a skip is upserted (HOLD_SQL); a charge made (charged, declined,
   * processing, recovered) deletes the row, since the attempt list then says what happened. An invoice not
   * found in the org has nowhere to show a reason.
   */
  async record(orgId: string, invoiceId: string, result: ChargeResult, now: Date): Promise<void> {
    if (result.outcome !== 'skipped') {
      await this.db.getRepository(AutopayHold).delete({ orgId, invoiceId });
    } else if (result.skip !== 'INVOICE_NOT_FOUND') {
      await this.db.query(HOLD_SQL, [invoiceId, orgId, result.skip, now]);
    }
  }

  /**
   * The holds of these invoices of the org, one query. A row is shown only while it can still be true:
   * the invoice open with a balance and its client's autopay on (the sweep no longer asks about any other,
   * so its row would never be updated: it is left, and ignored here, rather than cleaned up by every path
   * that pays, voids or turns autopay off).
   */
  forInvoices(orgId: string, invoiceIds: readonly string[]): Promise<AutopayHold[]> {
    if (!invoiceIds.length) return Promise.resolve([]);
    return this.db
      .getRepository(AutopayHold)
      .createQueryBuilder('h')
      .innerJoin('invoices', 'i', 'i.id = h.invoice_id AND i.org_id = h.org_id')
      .innerJoin('autopay_settings', 'a', 'a.client_id = i.client_id AND a.org_id = i.org_id AND a.enabled')
      .where('h.org_id = :orgId', { orgId })
      .andWhere('h.invoice_id = ANY(:ids::uuid[])', { ids: [...invoiceIds] })
      .andWhere(`i.status IN ('SENT', 'PARTIALLY_PAID') AND i.balance_due > 0`)
      .getMany();
  }
}
