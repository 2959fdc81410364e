import type { PostalAddress } from '../clients/postal-address.js';
import type { QbEntity } from './accounting-provider.js';

/** A client's billing address as a QuickBooks PhysicalAddress (BillAddr); an empty one when it has none. */
export function toBillAddr(a: PostalAddress | null | undefined): QbEntity {
  return {
    Line1: a?.line1 ?? '',
    Line2: a?.line2 ?? '',
    City: a?.city ?? '',
    CountrySubDivisionCode: a?.region ?? '',
    PostalCode: a?.postalCode ?? '',
    Country: a?.country ?? '',
  };
}

/** QuickBooks' BillAddr back as Settle's address (null without a first line). */
export function fromBillAddr(b: QbEntity | null | undefined): PostalAddress | null {
  const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);
  const line1 = text(b?.Line1);
  if (!line1) return null;
  return {
    line1,
    line2: text(b?.Line2),
    city: text(b?.City),
    region: text(b?.CountrySubDivisionCode),
    postalCode: text(b?.PostalCode),
    country: text(b?.Country),
  };
}
