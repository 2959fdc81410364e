import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An end credit (unused time of a charged period after the contract ended) is given by an invoice line,
 * as a charge is charged by one (0041): a line removed from a draft, or its invoice voided to bill again,
 * gives it back to the contract, so the next invoice credits it again instead of the credit counting as
 * given by an invoice that no longer gives it. `contract_end_credits.invoice_line_id` names the line (a
 * plain foreign key: a line cannot go while a credit still names it).
 *
 * Rows written before this are matched to their lines by what the billing run wrote: a line of the
 * invoice billing the contract line's service, saying "Unused time on" (a credit) or "Time charged again
 * on" (a charge back), one to one only. The others keep no line: removing a line never releases them,
 * voiding with release still does.
 */
export class EndCreditsNameTheirLines1795300051000 implements MigrationInterface {
  name = 'EndCreditsNameTheirLines1795300051000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE contract_end_credits ADD COLUMN invoice_line_id uuid REFERENCES invoice_lines(id)`);
    await q.query(`CREATE INDEX contract_end_credits_invoice_line_idx ON contract_end_credits (invoice_line_id)`);
    await q.query(`CREATE INDEX contract_end_credits_invoice_idx ON contract_end_credits (invoice_id)`);
    await q.query(`
      UPDATE contract_end_credits e SET invoice_line_id = m.line_id
        FROM (SELECT ec.id, l.id AS line_id,
                     count(*) OVER (PARTITION BY ec.id) AS lines_for_credit,
                     count(*) OVER (PARTITION BY l.id) AS credits_for_line
                FROM contract_end_credits ec
                JOIN contract_lines cl ON cl.id = ec.contract_line_id
                JOIN invoice_lines l ON l.invoice_id = ec.invoice_id AND l.service_id = cl.service_id
                 AND ((ec.amount > 0 AND l.kind = 'DISCOUNT' AND l.description LIKE 'Unused time on %, contract %')
                   OR (ec.amount < 0 AND l.kind = 'ITEM' AND l.description LIKE 'Time charged again on %'))) m
       WHERE e.id = m.id AND m.lines_for_credit = 1 AND m.credits_for_line = 1`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX contract_end_credits_invoice_idx`);
    await q.query(`ALTER TABLE contract_end_credits DROP COLUMN invoice_line_id`);
  }
}
