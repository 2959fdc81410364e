// Customer (NameBase): DisplayName is unique per company (6240), customers are never
// hard-deleted (operation=delete is unsupported; deactivate with Active:false).
import { errors } from '../faults.js';
import { type EntityDef, assertUniqueName, resolveRef } from './common.js';
import { entityCurrency } from './currency.js';

export const customerDef: EntityDef = {
  name: 'Customer',
  nameList: true,
  readOnly: ['Balance', 'BalanceWithJobs', 'FullyQualifiedName'],
  normalize(input, ctx, existing) {
    let display = typeof input.DisplayName === 'string' ? input.DisplayName.trim() : '';
    if (!display) {
      // QBO derives DisplayName from the name parts when only those are given.
      display = [input.Title, input.GivenName, input.MiddleName, input.FamilyName, input.Suffix]
        .filter((p) => typeof p === 'string' && p.trim())
        .join(' ');
    }
    if (!display) throw errors.required('DisplayName');
    if (display.length > 500) throw errors.business('DisplayName is longer than 500 characters');
    if (display.includes(':')) throw errors.business('DisplayName cannot contain a colon (:)');
    assertUniqueName(ctx, 'Customer', 'DisplayName', display, existing?.entity.Id, 'customer');
    const out = { ...input };
    out.DisplayName = display;
    out.FullyQualifiedName = display;
    out.PrintOnCheckName ??= input.CompanyName ?? display;
    out.Active = input.Active ?? true;
    out.Taxable ??= false;
    out.Job ??= false;
    out.BillWithParent ??= false;
    out.PreferredDeliveryMethod ??= 'Print';
    out.IsProject ??= false;
    out.CurrencyRef = entityCurrency(ctx, input, existing?.entity);
    out.Balance = existing?.entity.Balance ?? 0;
    out.BalanceWithJobs = existing?.entity.BalanceWithJobs ?? 0;
    if (input.SalesTermRef) out.SalesTermRef = resolveRef(ctx, input.SalesTermRef, 'Term', 'SalesTermRef');
    if (input.PaymentMethodRef)
      out.PaymentMethodRef = resolveRef(ctx, input.PaymentMethodRef, 'PaymentMethod', 'PaymentMethodRef');
    if (out.PrimaryEmailAddr && typeof out.PrimaryEmailAddr.Address !== 'string') delete out.PrimaryEmailAddr;
    return out;
  },
};
