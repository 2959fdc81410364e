// Item (products and services). Service/NonInventory items must point at an income account.
import { errors } from '../faults.js';
import type { Json } from '../types.js';
import { type EntityDef, assertUniqueName, checkEnum, num, requireString, resolveRef } from './common.js';

const ITEM_TYPES = ['Inventory', 'Assembly', 'NonInventory', 'Service', 'Group', 'Category', 'Other'] as const;

export const itemDef: EntityDef = {
  name: 'Item',
  nameList: true,
  readOnly: ['FullyQualifiedName', 'Level'],
  normalize(input, ctx, existing) {
    const name = requireString(input, 'Name').trim();
    assertUniqueName(ctx, 'Item', 'Name', name, existing?.entity.Id, 'product or service');
    const type = checkEnum(input.Type ?? 'Service', ITEM_TYPES, 'Type');
    const out: Json = { ...input, Name: name, Type: type, FullyQualifiedName: name };
    out.Active = input.Active ?? true;
    out.Taxable ??= false;
    out.TrackQtyOnHand ??= false;
    out.SalesTaxIncluded ??= false;
    out.PurchaseTaxIncluded ??= false;
    out.UnitPrice = num(input.UnitPrice) ?? 0;
    out.PurchaseCost = num(input.PurchaseCost) ?? 0;
    if (type === 'Service' || type === 'NonInventory' || type === 'Inventory') {
      out.IncomeAccountRef = resolveRef(ctx, input.IncomeAccountRef, 'Account', 'IncomeAccountRef', true);
    }
    if (input.ExpenseAccountRef)
      out.ExpenseAccountRef = resolveRef(ctx, input.ExpenseAccountRef, 'Account', 'ExpenseAccountRef');
    if (type === 'Inventory' && !input.AssetAccountRef) throw errors.required('AssetAccountRef');
    return out;
  },
};
