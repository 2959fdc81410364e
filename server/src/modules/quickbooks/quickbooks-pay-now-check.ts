import type { DataSource } from 'typeorm';
import {
  INTERACTIVE_CHECK_MS,
  type OutsideCheckCaller,
  type OutsidePaymentCheck,
} from '../payments/payment-provider.js';
import { normaliseQbError } from './accounting-provider.js';
import type { QuickBooksConnectionService } from './quickbooks-connection.service.js';
import { findLink } from './quickbooks-ledger.js';
import type { QuickBooksPaymentPullback } from './quickbooks-payment-pullback.js';

/** Reads of the invoice asked in all when QuickBooks answers 5xx/429/network (each bounded by the request timeout). */
const READS = 3;
const RETRY_MS = 250;
/** QuickBooks' answer to a read of a deleted entity. */
const OBJECT_NOT_FOUND = '610';

/**
 * QuickBooks as a place a client pays on its own (Pay Now on the invoices Settle syncs there). Its Payments
 * reach Settle by webhook or the CDC poll, minutes later or, with a webhook lost, at the next poll: before
 * autopay takes the balance, the QuickBooks invoice is read, and a Payment linked to it that Settle has not
 * booked (nor pushed) means the client already paid there.
 */
export class QuickBooksPayNowCheck implements OutsidePaymentCheck {
  readonly name = 'QuickBooks';

  constructor(
    private readonly db: DataSource,
    private readonly connections: QuickBooksConnectionService,
    private readonly pullback: QuickBooksPaymentPullback,
  ) {}

  async unbookedPayment(orgId: string, invoiceId: string, asking: OutsideCheckCaller = 'job'): Promise<boolean> {
    const conn = await this.connections.find(orgId);
    if (!conn?.realmId || conn.status === 'DISCONNECTED') return false;
    const link = await findLink(this.db.manager, orgId, 'INVOICE', invoiceId);
    // Never sent to this company: it has no Pay Now page of the invoice.
    if (!link || link.realmId !== conn.realmId) return false;
    // Its Pay Now page may have taken money Settle cannot see until Intuit lets it in again.
    if (conn.status !== 'CONNECTED')
      throw new Error('QuickBooks connection is in error; cannot tell what was paid there');
    const qb = this.connections.provider(conn);
    // A person waiting gets one read, bounded; a job reads again on QuickBooks' passing failures.
    const reads = asking === 'person' ? 1 : READS;
    const readInvoice = () =>
      asking === 'person' ? withinMs(qb.getInvoice(link.qbId), INTERACTIVE_CHECK_MS) : qb.getInvoice(link.qbId);
    for (let read = 1; ; read++) {
      try {
        const invoice = await readInvoice();
        for (const t of (invoice.LinkedTxn ?? []) as Array<{ TxnId: string; TxnType: string }>)
          if (t.TxnType === 'Payment' && !(await this.pullback.isBooked(conn, String(t.TxnId)))) return true;
        return false;
      } catch (err) {
        const e = normaliseQbError(err);
        // Deleted in QuickBooks (a person was told): it has no Pay Now page, and autopay must not stall on it.
        if (e.code === OBJECT_NOT_FOUND) return false;
        if (e.kind !== 'RETRYABLE' || read >= reads) throw e;
        await new Promise((r) => setTimeout(r, RETRY_MS * read));
      }
    }
  }
}

/** `work`'s answer, or a failure after `ms` (the request itself runs on, bounded by its own timeout). */
function withinMs<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`QuickBooks did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}
