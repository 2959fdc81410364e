import type { Container } from '../../app/container.js';
import type { ModuleParts } from '../../app/settle-module.js';
import { CreditMemoPurpose } from '../payments/settlement.types.js';
import { createClientCreditServices } from './client-credits.services.js';

/**
 * Credit follows the changes it depends on, inside their transactions: a credit memo issued to the
 * client's credit grants it, and so does a contract's unused time its next invoice could not hold; a finalized invoice spends it when the setting is on (per batch of finalized
 * invoices one more statement, two when the setting is on, and a few per invoice whose client has
 * credit); a voided one gives back what it had spent; money taken away (a payment deleted in the books,
 * a chargeback) takes back the credit kept out of it. This module is listed before the
 * integrations, so what they do on finalize sees the balance after the credit.
 */
export function clientCreditsIntegration(c: Container): ModuleParts {
  const { credits, settings } = createClientCreditServices(c);
  c.events.on('credit-memo.issued', async ({ actor, creditMemo, purpose }, tx) => {
    if (purpose === CreditMemoPurpose.TO_CLIENT_CREDIT) await credits.grantFromCreditMemoIn(tx, actor, creditMemo);
  });
  c.events.on('invoice.finalized', async ({ orgId, actor, invoices }, tx) => {
    const applying = await settings.clientsApplyingAutomatically(
      orgId,
      [...new Set(invoices.map((i) => i.clientId))],
      tx,
    );
    const withCredit = await credits.clientsWithCredit(tx, orgId, [...applying]);
    for (const invoice of invoices)
      if (withCredit.has(invoice.clientId)) await credits.applyOnFinalizeIn(tx, actor, invoice);
  });
  c.events.on('contract.end-credit-kept', async ({ actor, ...grant }, tx) => {
    await credits.grantFromContractEndIn(tx, actor, grant);
  });
  c.events.on('invoice.voided', async ({ actor, invoice }, tx) => {
    await credits.reverseOnVoidIn(tx, actor, invoice);
  });
  c.events.on('invoice.kept-credit-unfunded', async ({ actor, invoice, cause, unfunded }, tx) => {
    await credits.takeBackIn(tx, actor, invoice, cause, unfunded);
  });
  return {};
}
