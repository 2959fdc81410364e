import { Field, InputType, Int, ObjectType } from 'type-graphql';
import { IsIn } from 'class-validator';
import { DateScalar } from '../../graphql/scalars.js';
import { applying } from '../../platform/database/client-overrides.js';
import { AppliedSettings } from '../../platform/database/org-record.js';
import { BillingReview, BillingSendMethod, type BillingSettingsRow } from './billing.entities.js';
import { OptionalField, OptionalBoolean, OptionalId, OptionalInt } from '../../graphql/input-rules.js';

/** A client's (or the org's) billing settings as they apply, each with where it comes from. */
@ObjectType({ description: 'Automatic billing settings as they apply; a client inherits what it does not override.' })
export class BillingSettings extends AppliedSettings {
  @Field(() => Boolean, { description: 'Invoices are generated at each cycle end without anyone asking.' })
  autoBilling: boolean;
  @Field(() => DateScalar, {
    nullable: true,
    description: 'The day automatic billing was turned on; earlier periods are not billed by it.',
  })
  autoBillingSince: string | null;
  @Field(() => Int, {
    description: 'Hours after a cycle ends before its invoice is generated, so late time can be approved.',
  })
  invoiceGraceHours: number;
  @Field(() => BillingReview, {
    description: 'Whether automatic invoices wait as drafts for review or go out at once.',
  })
  review: BillingReview;
  @Field(() => BillingSendMethod, { description: 'How automatic invoices are sent.' }) sendMethod: BillingSendMethod;
  @Field(() => [String], {
    description: 'The settings this client sets itself (the rest are the organization\u2019s).',
  })
  overridden: string[];
}

@InputType({
  description: 'Billing settings to change; with clientId, that client\u2019s overrides (null clears one).',
})
export class BillingSettingsInput {
  @OptionalId("The client to override the org's settings for (null: the org's settings).") clientId?: string | null;
  @OptionalBoolean('Turn automatic billing on or off.') autoBilling?: boolean | null;
  @OptionalInt('Hours after the billing date to wait for late time entries before billing.', 0, 720)
  invoiceGraceHours?: number | null;
  @OptionalField(() => BillingReview, 'Draft for review, or send at once.')
  @IsIn(Object.keys(BillingReview))
  review?: BillingReview | null;
  @OptionalField(() => BillingSendMethod, 'How automatic invoices are sent.')
  @IsIn(Object.keys(BillingSendMethod))
  sendMethod?: BillingSendMethod | null;
}

export const BILLING_DEFAULTS = {
  autoBilling: false,
  invoiceGraceHours: 24,
  review: 'DRAFT',
  sendMethod: 'EMAIL',
} as const;
export const SETTING_KEYS = ['autoBilling', 'invoiceGraceHours', 'review', 'sendMethod'] as const;
type Own = Pick<BillingSettingsRow, (typeof SETTING_KEYS)[number] | 'autoBillingSince'>;

/** The settings that apply: the client's own, else the org's, else the defaults. */
export function effectiveSettings(
  org: Own | null | undefined,
  client: Own | null | undefined,
  clientId: string | null,
): BillingSettings {
  const pick = <K extends (typeof SETTING_KEYS)[number]>(k: K) =>
    applying<BillingSettingsRow[K]>(client?.[k], org?.[k], BILLING_DEFAULTS[k] as BillingSettingsRow[K])
      .value as NonNullable<BillingSettingsRow[K]>;
  // The day automatic billing started belongs to the level whose on/off applies; a client inheriting the
  // org's keeps its own day when later (the day it inherited "on" again after an override "off" was dropped).
  const clientOn = applying(client?.autoBilling, org?.autoBilling, null).source === 'CLIENT';
  const orgSince = org?.autoBillingSince ?? null;
  const ownSince = client?.autoBillingSince ?? null;
  return {
    clientId,
    autoBilling: pick('autoBilling'),
    autoBillingSince: clientOn ? ownSince : orgSince && ownSince && ownSince > orgSince ? ownSince : orgSince,
    invoiceGraceHours: pick('invoiceGraceHours'),
    review: pick('review'),
    sendMethod: pick('sendMethod'),
    overridden: SETTING_KEYS.filter((k) => applying(client?.[k], null, null).source === 'CLIENT'),
  };
}
