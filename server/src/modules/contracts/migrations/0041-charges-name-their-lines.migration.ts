import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A contract period (and a quantity change's proration) is charged by invoice lines, not only by an
 * invoice: a line removed from a draft releases what it charged, so the period is billed again instead
 * of staying "charged" by an invoice that no longer charges it. `contract_charges.invoice_line_id` names
 * the line (a plain foreign key: a line cannot go while a charge still names it), and
 * `contract_quantity_changes.invoice_line_ids` the one or two lines of its proration (credit and charge).
 *
 * Rows written before this are matched to their lines by what the billing run wrote: the charge's line
 * bills the contract line's service with the period's first day in its description; a quantity change's
 * lines say "Unused time on <old> ×" and "Remaining time on <new> ×" from its effective date.
 */
export class ChargesNameTheirLines1795300044000 implements MigrationInterface {
  name = 'ChargesNameTheirLines1795300044000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE contract_charges ADD COLUMN invoice_line_id uuid REFERENCES invoice_lines(id)`);
    await q.query(`CREATE INDEX contract_charges_invoice_line_idx ON contract_charges (invoice_line_id)`);
    await q.query(`ALTER TABLE contract_quantity_changes ADD COLUMN invoice_line_ids uuid[] NOT NULL DEFAULT '{}'`);
    // Only a match that is one to one: two contract lines billing one service for one period on one invoice
    // (two contracts of a client) cannot tell which line is whose, and naming one line for both would let
    // removing it release both periods while the other line still bills one. Those keep no line: removing a
    // line never releases them (as before this), voiding with release still does.
    await q.query(`
      UPDATE contract_charges c SET invoice_line_id = m.line_id
        FROM (SELECT cc.id, l.id AS line_id,
                     count(*) OVER (PARTITION BY cc.id) AS lines_for_charge,
                     count(*) OVER (PARTITION BY l.id) AS charges_for_line
                FROM contract_charges cc
                JOIN contract_lines cl ON cl.id = cc.contract_line_id
                JOIN invoice_lines l ON l.invoice_id = cc.invoice_id AND l.service_id = cl.service_id AND l.kind = 'ITEM'
                 AND strpos(l.description, to_char(cc.period_start, 'YYYY-MM-DD')) > 0
                 AND l.description NOT LIKE 'Remaining time on %' AND l.description NOT LIKE 'Time charged again on %') m
       WHERE c.id = m.id AND m.lines_for_charge = 1 AND m.charges_for_line = 1`);
    await q.query(`
      UPDATE contract_quantity_changes qc SET invoice_line_ids = m.line_ids
        FROM (SELECT id, array_agg(line_id ORDER BY position) AS line_ids
                FROM (SELECT qc.id, l.id AS line_id, l.position,
                             count(*) OVER (PARTITION BY l.id) AS changes_for_line
                        FROM contract_quantity_changes qc
                        JOIN contract_lines cl ON cl.id = qc.contract_line_id
                        JOIN invoice_lines l ON l.invoice_id = qc.invoice_id AND l.service_id = cl.service_id
                         AND strpos(l.description, to_char(qc.effective_date, 'YYYY-MM-DD')) > 0
                         AND (l.description LIKE 'Unused time on ' || qc.old_quantity || ' × %'
                           OR l.description LIKE 'Remaining time on ' || qc.new_quantity || ' × %')) x
               GROUP BY id HAVING max(changes_for_line) = 1) m
       WHERE qc.id = m.id`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE contract_quantity_changes DROP COLUMN invoice_line_ids`);
    await q.query(`ALTER TABLE contract_charges DROP COLUMN invoice_line_id`);
  }
}
