// URL segment / SQL entity name -> handler. QBO matches entity names case-insensitively
// in both paths and queries (node-quickbooks lower-cases them).
import { accountDef } from './account.js';
import type { EntityDef } from './common.js';
import { creditMemoDef } from './credit-memo.js';
import { customerDef } from './customer.js';
import { depositDef } from './deposit.js';
import { invoiceDef } from './invoice.js';
import { itemDef } from './item.js';
import { companyInfoDef, paymentMethodDef, termDef } from './lists.js';
import { paymentDef } from './payment.js';
import { preferencesDef } from './preferences.js';
import { purchaseDef } from './purchase.js';
import { refundReceiptDef } from './refund-receipt.js';
import { taxCodeDef, taxRateDef } from './tax.js';

export const ENTITY_DEFS: EntityDef[] = [
  customerDef,
  itemDef,
  accountDef,
  invoiceDef,
  paymentDef,
  creditMemoDef,
  purchaseDef,
  refundReceiptDef,
  depositDef,
  termDef,
  paymentMethodDef,
  companyInfoDef,
  preferencesDef,
  taxCodeDef,
  taxRateDef,
];

const byLower = new Map(ENTITY_DEFS.map((d) => [d.name.toLowerCase(), d]));

export function entityDef(name: string): EntityDef | undefined {
  return byLower.get(name.toLowerCase());
}
