import { ArgsType, Field, InputType, Int, ObjectType } from 'type-graphql';

import { Filter, PageArgs } from '../../graphql/connection.js';
import { describedEnum } from '../../graphql/described-enum.js';

/** How an invoice sent to Stripe is paid: Stripe's hosted invoice page, or Checkout sessions behind /pay/{token}. */
export const StripeSendVia = describedEnum('StripeSendVia', 'How invoices are paid online through Stripe.', {
  HOSTED_INVOICE: "Stripe's hosted invoice page (a Stripe invoice mirrors Settle's).",
  CHECKOUT: 'A Stripe Checkout session made when the payer clicks Pay.',
});
export type StripeSendVia = keyof typeof StripeSendVia;

export const StripeMode = describedEnum('StripeMode', 'A Stripe account mode.', {
  TEST: 'Test mode: no real money.',
  LIVE: 'Live mode: real money.',
});
export type StripeMode = keyof typeof StripeMode;

/** REJECTED: Stripe does not confirm the event (the object is missing or says otherwise): nothing was booked. */
export const StripeEventStatus = describedEnum('StripeEventStatus', 'Where a stored Stripe event stands.', {
  PENDING: 'Waiting to be applied.',
  PROCESSING: 'Being applied by a worker.',
  DONE: 'Applied (or found to need nothing).',
  FAILED: 'Could not be applied after its retries; replay it from the inspector.',
  REJECTED:
    'Stripe does not confirm the event (the object is missing or says otherwise); nothing was booked, and it is not retried. `error` says why.',
});
export type StripeEventStatus = keyof typeof StripeEventStatus;

/** The longest a pay link lives (30 days); any whole number of hours up to it is accepted. */
export const MAX_LINK_LIFETIME_HOURS = 720;

@ObjectType({ description: 'Where a pay redirect goes (a Stripe Checkout session or hosted invoice page).' })
export class PaymentRedirect {
  @Field(() => String, { description: "Where to send the payer (Stripe's hosted page)." }) url: string;
  @Field(() => Date, {
    nullable: true,
    description:
      'When the Stripe page stops accepting payment (null: a hosted Stripe invoice, open until paid or voided).',
  })
  expiresAt: Date | null;
}

@ObjectType({ description: 'Online payment settings of the organization.' })
export class PaymentSettings {
  @Field(() => StripeSendVia, { description: 'How invoices are paid online.' }) sendVia: StripeSendVia;
  @Field(() => Int, { description: 'How long a pay link stays usable after the invoice is sent (hours, ≤ 720).' })
  linkLifetimeHours: number;
  @Field(() => Boolean, { description: 'Invoice emails carry the pay link.' }) emailPayLink: boolean;
  @Field(() => Boolean, { description: 'Clients get a receipt when a payment lands.' })
  emailPaymentConfirmation: boolean;
  @Field(() => Boolean, { description: 'Clients may pay part of an invoice online.' }) allowPartialPayments: boolean;
}

@InputType({ description: "The org's online payment settings." })
export class PaymentSettingsInput {
  @Field(() => StripeSendVia, { description: 'How invoices are paid online.', nullable: true }) sendVia?: StripeSendVia;
  @Field(() => Int, { nullable: true, description: '24, 48, 72, 168, 336, 720 or custom hours (1..720).' })
  linkLifetimeHours?: number;
  @Field(() => Boolean, { description: 'Invoice emails carry the pay link.', nullable: true }) emailPayLink?: boolean;
  @Field(() => Boolean, { description: 'Clients get a receipt when a payment lands.', nullable: true })
  emailPaymentConfirmation?: boolean;
  @Field(() => Boolean, { description: 'Clients may pay part of an invoice online.', nullable: true })
  allowPartialPayments?: boolean;
}

@ObjectType({ description: 'Health of the per-organization Stripe webhook.' })
export class StripeWebhookStatus {
  @Field(() => String, { description: 'The URL Stripe sends events to.' }) url: string;
  @Field(() => Boolean, { description: 'A signing secret is stored (auto-registered or pasted).' }) configured: boolean;
  @Field(() => Boolean, { description: 'Registered through the Stripe API by Settle.' }) autoRegistered: boolean;
  @Field(() => String, {
    description: 'The Stripe webhook endpoint id (we_…), when Settle registered it.',
    nullable: true,
  })
  endpointId: string | null;
  @Field(() => String, {
    description: 'The first characters of the signing secret (never the secret).',
    nullable: true,
  })
  secretPrefix: string | null;
  @Field(() => String, { nullable: true, description: 'Why the last (re-)registration failed.' }) lastError:
    string | null;
  @Field(() => Date, { description: 'When the last event arrived.', nullable: true }) lastEventAt: Date | null;
  @Field(() => Int, { description: 'Events received.' }) received: number;
  @Field(() => Int, { description: 'Events applied.' }) processed: number;
  @Field(() => Int, { description: 'Events received and not yet applied.' }) pending: number;
  @Field(() => Int, { description: 'Events Settle gave up applying (see the inspector).' }) failed: number;
  @Field(() => Int, { description: 'Events refused because Stripe does not confirm them (see the inspector for why).' })
  rejected: number;
}

@ObjectType({ description: 'What Settle could clean up in the Stripe account (and mode) it was switched away from.' })
export class StripePreviousAccountCleanup {
  @Field(() => String, { description: 'The Stripe account switched away from.' }) accountId: string;
  @Field(() => StripeMode, { description: 'The mode (test or live) of that account.' }) mode: StripeMode;
  @Field(() => CleanupStatus, { description: 'How the cleanup went.' }) status: CleanupStatus;
  @Field(() => String, { nullable: true, description: 'What could not be done.' }) error: string | null;
  @Field(() => Boolean, { description: 'The webhook endpoint Settle registered there was deleted.' })
  endpointDeleted: boolean;
  @Field(() => Int, { description: 'Open hosted Stripe invoices voided there.' }) invoicesVoided: number;
  @Field(() => Int, { description: 'Open Checkout sessions expired there.' }) sessionsExpired: number;
  @Field(() => Date, { description: 'When the cleanup ran.' }) at: Date;
}

@ObjectType({
  description: 'The organization’s Stripe account link. Keys never leave the server; only prefixes are shown.',
})
export class StripeConnectionView {
  @Field(() => StripeMode, { description: 'Test or live mode.' }) mode: StripeMode;
  @Field(() => String, { description: 'The Stripe account id (acct_…).' }) accountId: string;
  @Field(() => StripeConnectionMethod, { description: 'How it was connected.' }) connectedVia: StripeConnectionMethod;
  @Field(() => String, { description: 'The first characters of the secret key (never the key).' })
  secretKeyPrefix: string;
  @Field(() => String, { description: 'The first characters of the publishable key.', nullable: true })
  publishableKeyPrefix: string | null;
  @Field(() => String, { description: "The URL Stripe sends this organization's events to." }) webhookUrl: string;
  @Field(() => StripeWebhookStatus, { description: "Health of the organization's Stripe webhook." })
  webhook: StripeWebhookStatus;
  @Field(() => Date, { description: 'When the last webhook event arrived (null: none yet).', nullable: true })
  lastEventAt: Date | null;
  @Field(() => PaymentSettings, { description: "The org's online payment settings." }) settings: PaymentSettings;
  @Field(() => Date, { description: 'When it was connected.' }) connectedAt: Date;
  @Field(() => Date, { description: 'When Settle last checked the key works.', nullable: true })
  lastVerifiedAt: Date | null;
  @Field(() => StripePreviousAccountCleanup, {
    nullable: true,
    description: 'Set after switching to another Stripe account or mode.',
  })
  previousAccountCleanup: StripePreviousAccountCleanup | null;
}

@ArgsType()
export class StripeWebhookEventPageArgs extends PageArgs {
  @Filter(() => StripeEventStatus, 'Only events in this state.') status?: StripeEventStatus;
}

export const StripeEventVia = describedEnum('StripeEventVia', 'How Settle received a Stripe event.', {
  WEBHOOK: "Delivered by Stripe to the org's webhook endpoint.",
  SWEEP: 'Found by the self-healing sweep asking Stripe about open invoices (a missed webhook).',
});
export type StripeEventVia = keyof typeof StripeEventVia;

export const StripeConnectionMethod = describedEnum('StripeConnectionMethod', 'How the Stripe account was connected.', {
  KEYS: 'API keys pasted by an admin.',
  OAUTH: 'Stripe Connect (OAuth) authorization.',
});
export type StripeConnectionMethod = keyof typeof StripeConnectionMethod;

export const CleanupStatus = describedEnum('CleanupStatus', 'Whether cleaning up a previous Stripe account finished.', {
  DONE: 'Everything was cleaned up.',
  FAILED: 'Something is left to do by hand in that account (see error).',
});
export type CleanupStatus = keyof typeof CleanupStatus;
