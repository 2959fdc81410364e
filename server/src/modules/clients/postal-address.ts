import { Length, Matches } from 'class-validator';
import { Field, InputType, ObjectType } from 'type-graphql';
import { OptionalField, OptionalText } from '../../graphql/input-rules.js';

/** A postal address as invoices and the books print it (QuickBooks' BillAddr, Stripe's address). */
@ObjectType({ description: 'A postal address.' })
export class PostalAddress {
  @Field(() => String, { description: 'First line of the street address.' }) line1: string;
  @Field(() => String, { description: 'Second line (suite, floor…).', nullable: true }) line2?: string | null;
  @Field(() => String, { description: 'City or town.', nullable: true }) city?: string | null;
  @Field(() => String, { nullable: true, description: 'State, province or region.' }) region?: string | null;
  @Field(() => String, { description: 'Postal or ZIP code.', nullable: true }) postalCode?: string | null;
  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2 country code, e.g. US, GB.' })
  country?: string | null;
}

@InputType({ description: 'A postal address; line 1 is required, the rest as the country uses them.' })
export class PostalAddressInput {
  @Field(() => String, { description: 'First line of the street address.' })
  @Length(1, 500, { message: 'Address line 1 must be 1 to 500 characters' })
  line1: string;
  @OptionalText('Second line (suite, floor…).', 0, 500) line2?: string | null;
  @OptionalText('City or town.', 0, 255) city?: string | null;
  @OptionalText('State, province or region.', 0, 255) region?: string | null;
  @OptionalText('Postal or ZIP code.', 0, 30) postalCode?: string | null;
  @OptionalField(() => String, 'ISO 3166-1 alpha-2 country code, e.g. US, GB.')
  @Matches(/^[A-Za-z]{2}$/, { message: 'Country must be a two-letter code such as US or GB' })
  country?: string | null;
}

const FIELDS = ['line1', 'line2', 'city', 'region', 'postalCode', 'country'] as const;

/** The address as stored: trimmed, empty parts dropped, the country upper-case; null without a first line. */
export function normalizeAddress(a: PostalAddressInput | null | undefined): PostalAddress | null {
  if (!a || !a.line1?.trim()) return null;
  const out: PostalAddress = { line1: a.line1.trim() };
  for (const f of FIELDS.slice(1)) {
    const v = a[f]?.trim();
    if (v) out[f] = f === 'country' ? v.toUpperCase() : v;
  }
  return out;
}

/** Whether two stored addresses say the same thing (either may be null). */
export const sameAddress = (a: PostalAddress | null | undefined, b: PostalAddress | null | undefined): boolean =>
  FIELDS.every((f) => (a?.[f] ?? null) === (b?.[f] ?? null));
