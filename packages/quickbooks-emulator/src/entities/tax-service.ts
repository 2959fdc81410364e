// The TaxService endpoint, the one way QBO creates sales tax: POST /taxservice/taxcode with a code
// name and its rates (new ones by TaxRateName + RateValue + TaxAgencyId, or existing ones by
// TaxRateId) makes the TaxRates and a TaxCode whose SalesTaxRateList (or PurchaseTaxRateList)
// lists them. TaxCode and TaxRate themselves stay read-only entities.
import { errors } from '../faults.js';
import type { Json, OpResult } from '../types.js';
import { type OpCtx, assertUniqueName, emit, newEntity, num } from './common.js';

function add(ctx: OpCtx, name: string, fields: Json): Json {
  const id = ctx.store.allocateId(ctx.realm, name);
  const entity = newEntity(id, ctx.now, fields);
  ctx.store.put(ctx.realm, name, { entity });
  emit(ctx, name, id, 'Create');
  return entity;
}

interface RateIn {
  rate: Json;
  applicableOn: 'Sales' | 'Purchase';
}

function rateFor(ctx: OpCtx, d: Json): RateIn {
  const applicableOn = d.TaxApplicableOn ?? 'Sales';
  if (applicableOn !== 'Sales' && applicableOn !== 'Purchase')
    throw errors.invalidEnum(String(applicableOn), 'TaxApplicableOn');
  if (d.TaxRateId !== undefined) {
    const existing = ctx.store.get(ctx.realm, 'TaxRate', d.TaxRateId);
    if (!existing) throw errors.invalidRef(`TaxRateId (TaxRate Id=${d.TaxRateId})`);
    return { rate: existing.entity, applicableOn };
  }
  if (typeof d.TaxRateName !== 'string' || !d.TaxRateName.trim()) throw errors.required('TaxRateName');
  const value = num(d.RateValue);
  if (value === undefined) throw errors.required('RateValue');
  if (value < 0 || value > 100) throw errors.business('RateValue must be between 0 and 100');
  if (d.TaxAgencyId === undefined) throw errors.required('TaxAgencyId');
  assertUniqueName(ctx, 'TaxRate', 'Name', d.TaxRateName, undefined, 'tax rate');
  const rate = add(ctx, 'TaxRate', {
    Name: d.TaxRateName.trim(),
    Description: d.TaxRateName.trim(),
    Active: true,
    RateValue: value,
    AgencyRef: { value: String(d.TaxAgencyId) },
    SpecialTaxType: 'NONE',
    DisplayType: 'ReadOnly',
  });
  return { rate, applicableOn };
}

export function createTaxCode(ctx: OpCtx, body: Json | undefined): OpResult {
  const name = typeof body?.TaxCode === 'string' ? body.TaxCode.trim() : '';
  if (!name) throw errors.required('TaxCode');
  const details = body?.TaxRateDetails;
  if (!Array.isArray(details) || details.length === 0) throw errors.required('TaxRateDetails');
  assertUniqueName(ctx, 'TaxCode', 'Name', name, undefined, 'tax code');
  const rates = details.map((d: Json) => rateFor(ctx, d ?? {}));
  const list = (on: 'Sales' | 'Purchase') => ({
    TaxRateDetail: rates
      .filter((r) => r.applicableOn === on)
      .map((r, i) => ({
        TaxRateRef: { value: r.rate.Id, name: r.rate.Name },
        TaxTypeApplicable: 'TaxOnAmount',
        TaxOrder: i,
      })),
  });
  const code = add(ctx, 'TaxCode', {
    Name: name,
    Description: name,
    Active: true,
    Hidden: false,
    Taxable: true,
    TaxGroup: rates.length > 1,
    SalesTaxRateList: list('Sales'),
    PurchaseTaxRateList: list('Purchase'),
  });
  return {
    status: 200,
    body: {
      TaxCode: code.Name,
      TaxCodeId: code.Id,
      TaxRateDetails: rates.map((r) => ({
        TaxRateName: r.rate.Name,
        TaxRateId: r.rate.Id,
        RateValue: r.rate.RateValue,
        TaxAgencyId: r.rate.AgencyRef?.value,
        TaxApplicableOn: r.applicableOn,
      })),
    },
  };
}
