import type { Container } from '../../app/container.js';
import type { ModuleParts } from '../../app/settle-module.js';
import { CreditMemoPurpose } from '../payments/settlement.types.js';
import { createClientCreditServices } from './client-credits.services.js';

/**
 * Credit follows the changes it depends on, inside their transactions: a credit memo issued to the
 * client's credit grants it, and so does a contract's unused time its next invoice could not hold; a finalized invoice spends it when the setting is on (one more statement per
 * finalize, two with credit); a voided one gives back what it had spent. This module is listed before the
 * integrations, so what they do on finalize sees the balance after the credit.
 */
export function clientCreditsIntegration(c: Container): ModuleParts {
  const { credits, settings } = createClientCreditServices(c);
  c.events.on('credit-memo.issued', async ({ actor, creditMemo, purpose }, tx) => {
    if (purpose === CreditMemoPurpose.TO_CLIENT_CREDIT) await credits.grantFromCreditMemoIn(tx, actor, creditMemo);
  });
  c.events.on('invoice.finalized', async ({ orgId, actor, invoice }, tx) => {
    if (!(await settings.get(orgId, invoice.clientId, tx)).applyCreditAutomatically) return;
    await credits.applyOnFinalizeIn(tx, actor, invoice);
  });
  c.events.on('contract.end-credit-kept', async ({ actor, ...grant }, tx) => {
    await credits.grantFromContractEndIn(tx, actor, grant);
  });
  c.events.on('invoice.voided', async ({ actor, invoice }, tx) => {
    await credits.reverseOnVoidIn(tx, actor, invoice);
  });
  return {};
}
