// Small supporting lists: Term, PaymentMethod and the read-mostly CompanyInfo.
import { type EntityDef, checkEnum, num, requireString, uniqueName } from './common.js';

export const termDef: EntityDef = {
  name: 'Term',
  nameList: true,
  normalize(input, ctx, existing) {
    const name = uniqueName(input, ctx, 'Term', existing, 'term');
    return {
      ...input,
      Name: name,
      Active: input.Active ?? true,
      Type: input.Type ?? 'STANDARD',
      DueDays: num(input.DueDays) ?? 0,
      DiscountPercent: num(input.DiscountPercent) ?? 0,
      DiscountDays: num(input.DiscountDays) ?? 0,
    };
  },
};

export const paymentMethodDef: EntityDef = {
  name: 'PaymentMethod',
  nameList: true,
  normalize(input, ctx, existing) {
    const name = uniqueName(input, ctx, 'PaymentMethod', existing, 'payment method');
    const type = checkEnum(input.Type ?? 'NON_CREDIT_CARD', ['CREDIT_CARD', 'NON_CREDIT_CARD'], 'Type');
    return { ...input, Name: name, Type: type, Active: input.Active ?? true };
  },
};

export const companyInfoDef: EntityDef = {
  name: 'CompanyInfo',
  readOnly: ['Country', 'SupportedLanguages', 'DefaultTimeZone'],
  normalize(input) {
    return { ...input, CompanyName: requireString(input, 'CompanyName') };
  },
};
