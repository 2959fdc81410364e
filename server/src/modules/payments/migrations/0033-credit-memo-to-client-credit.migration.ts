import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Marks the memos whose amount became client credit: the client-credits ledger granted it from them. */
export const TO_CLIENT_CREDIT_FROM_LEDGER = `UPDATE credit_memos m SET to_client_credit = true
  WHERE EXISTS (SELECT 1 FROM client_credits c WHERE c.credit_memo_id = m.id AND c.source = 'CREDIT_MEMO')`;

/**
 * Whether a credit memo's amount went to the client's credit balance (a memo on a paid invoice issued
 * with toClientCredit). That money has been given back: a refund or a void must not give it back again.
 * It travelled only with the `credit-memo.issued` event; the memo keeps it now. Existing memos learn it
 * from the client-credits ledger, which records the grant made from each.
 */
export class CreditMemoToClientCredit1795300036000 implements MigrationInterface {
  name = 'CreditMemoToClientCredit1795300036000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE credit_memos ADD COLUMN to_client_credit boolean NOT NULL DEFAULT false`);
    await q.query(TO_CLIENT_CREDIT_FROM_LEDGER);
    await q.query(`ALTER TABLE credit_memos ALTER COLUMN to_client_credit DROP DEFAULT`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE credit_memos DROP COLUMN to_client_credit`);
  }
}
