import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Refunds already booked learn the payment they gave back where that is certain: the refund Settle
 * wrote for a void (`void-refund:<payment>`) or for a payment exception (its exception's payment), or
 * any refund on an invoice with one payment of the refund's source. The rest (several card payments on
 * one invoice, refunded before this) stay unnamed: refundable.ts takes them from the other payments
 * first (as Settle counted them before); a refund that guess offers too much is refused by the provider.
 */
export const NAME_REFUNDED_PAYMENTS = `UPDATE payments r SET refunds_payment_id = COALESCE(
    (SELECT p.id FROM payments p WHERE p.org_id = r.org_id AND p.invoice_id = r.invoice_id AND p.kind = 'PAYMENT'
        AND r.external_id = 'void-refund:' || p.id::text),
    (SELECT COALESCE(p.adjusts_payment_id, p.id) FROM payment_exceptions e JOIN payments p ON p.id = e.payment_id
      WHERE e.org_id = r.org_id AND r.external_id = 'payment-exception:' || e.id::text),
    (SELECT min(p.id::text)::uuid FROM payments p
      WHERE p.org_id = r.org_id AND p.invoice_id = r.invoice_id AND p.kind = 'PAYMENT' AND p.source = r.source
     HAVING count(*) = 1))
  WHERE r.kind = 'REFUND' AND r.refunds_payment_id IS NULL`;

/** payments.refunds_payment_id: the payment a refund gives back, so what is left of each payment is known. */
export class RefundNamesItsPayment1795300040000 implements MigrationInterface {
  name = 'RefundNamesItsPayment1795300040000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE payments ADD COLUMN refunds_payment_id uuid REFERENCES payments(id)`);
    await q.query(NAME_REFUNDED_PAYMENTS);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE payments DROP COLUMN refunds_payment_id`);
  }
}
