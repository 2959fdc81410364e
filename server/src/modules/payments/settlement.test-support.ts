// Test support (not a test file): the invoice row as the settlement tests read it from the database.
import type { TestSettle } from '../../../test/harness.js';

/** Reads an invoice's status and money columns (as integers) straight from `s`'s database. */
export const invoiceRowReader = (s: TestSettle) => async (id: string) =>
  (
    await s.container.db.query(
      `SELECT status, amount_paid::int AS paid, amount_credited::int AS credited, balance_due::int AS balance FROM invoices WHERE id = $1`,
      [id],
    )
  )[0];
