import { ArgsType, Field, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';

import { Filter, PageArgs } from '../../graphql/connection.js';
import { describedEnum } from '../../graphql/described-enum.js';
import { stringEnum } from '../../platform/string-enum.js';

/** How an invoice sent to Stripe is paid: Stripe's hosted invoice page, or Checkout sessions behind /pay/{token}. */
export const StripeSendVia = stringEnum('HOSTED_INVOICE', 'CHECKOUT');
export type StripeSendVia = keyof typeof StripeSendVia;
registerEnumType(StripeSendVia, { name: 'StripeSendVia' });

export const StripeMode = stringEnum('TEST', 'LIVE');
export type StripeMode = keyof typeof StripeMode;
registerEnumType(StripeMode, { name: 'StripeMode' });

/** REJECTED: Stripe does not confirm the event (the object is missing or says otherwise): nothing was booked. */
export const StripeEventStatus = stringEnum('PENDING', 'PROCESSING', 'DONE', 'FAILED', 'REJECTED');
export type StripeEventStatus = keyof typeof StripeEventStatus;
registerEnumType(StripeEventStatus, {
  name: 'StripeEventStatus',
  valuesConfig: {
    REJECTED: {
      description:
        'Stripe does not confirm the event (the object is missing or says otherwise); nothing was booked, and it is not retried. `error` says why.',
    },
  },
});

/** The longest a pay link lives (30 days); any whole number of hours up to it is accepted. */
export const MAX_LINK_LIFETIME_HOURS = 720;

@ObjectType({ description: 'Where a pay redirect goes (a Stripe Checkout session or hosted invoice page).' })
export class PaymentRedirect {
  @Field(() => String) url: string;
  @Field(() => Date, { nullable: true, description: 'When the Stripe page stops accepting payment.' })
  expiresAt: Date | null;
}

@ObjectType({ description: 'Online payment settings of the organization.' })
export class PaymentSettings {
  @Field(() => StripeSendVia) sendVia: StripeSendVia;
  @Field(() => Int, { description: 'How long a pay link stays usable after the invoice is sent (hours, ≤ 720).' })
  linkLifetimeHours: number;
  @Field(() => Boolean) emailPayLink: boolean;
  @Field(() => Boolean) emailPaymentConfirmation: boolean;
  @Field(() => Boolean) allowPartialPayments: boolean;
}

@InputType()
export class PaymentSettingsInput {
  @Field(() => StripeSendVia, { nullable: true }) sendVia?: StripeSendVia;
  @Field(() => Int, { nullable: true, description: '24, 48, 72, 168, 336, 720 or custom hours (1..720).' })
  linkLifetimeHours?: number;
  @Field(() => Boolean, { nullable: true }) emailPayLink?: boolean;
  @Field(() => Boolean, { nullable: true }) emailPaymentConfirmation?: boolean;
  @Field(() => Boolean, { nullable: true }) allowPartialPayments?: boolean;
}

@ObjectType({ description: 'Health of the per-organization Stripe webhook.' })
export class StripeWebhookStatus {
  @Field(() => String) url: string;
  @Field(() => Boolean, { description: 'A signing secret is stored (auto-registered or pasted).' }) configured: boolean;
  @Field(() => Boolean, { description: 'Registered through the Stripe API by Settle.' }) autoRegistered: boolean;
  @Field(() => String, { nullable: true }) endpointId: string | null;
  @Field(() => String, { nullable: true }) secretPrefix: string | null;
  @Field(() => String, { nullable: true, description: 'Why the last (re-)registration failed.' }) lastError:
    string | null;
  @Field(() => Date, { nullable: true }) lastEventAt: Date | null;
  @Field(() => Int) received: number;
  @Field(() => Int) processed: number;
  @Field(() => Int) pending: number;
  @Field(() => Int) failed: number;
  @Field(() => Int, { description: 'Events refused because Stripe does not confirm them (see the inspector for why).' })
  rejected: number;
}

@ObjectType({ description: 'What Settle could clean up in the Stripe account (and mode) it was switched away from.' })
export class StripePreviousAccountCleanup {
  @Field(() => String) accountId: string;
  @Field(() => StripeMode) mode: StripeMode;
  @Field(() => CleanupStatus) status: CleanupStatus;
  @Field(() => String, { nullable: true, description: 'What could not be done.' }) error: string | null;
  @Field(() => Boolean, { description: 'The webhook endpoint Settle registered there was deleted.' })
  endpointDeleted: boolean;
  @Field(() => Int, { description: 'Open hosted Stripe invoices voided there.' }) invoicesVoided: number;
  @Field(() => Int, { description: 'Open Checkout sessions expired there.' }) sessionsExpired: number;
  @Field(() => Date) at: Date;
}

@ObjectType({
  description: 'The organization’s Stripe account link. Keys never leave the server; only prefixes are shown.',
})
export class StripeConnectionView {
  @Field(() => StripeMode) mode: StripeMode;
  @Field(() => String) accountId: string;
  @Field(() => StripeConnectionMethod) connectedVia: StripeConnectionMethod;
  @Field(() => String) secretKeyPrefix: string;
  @Field(() => String, { nullable: true }) publishableKeyPrefix: string | null;
  @Field(() => String) webhookUrl: string;
  @Field(() => StripeWebhookStatus) webhook: StripeWebhookStatus;
  @Field(() => Date, { nullable: true }) lastEventAt: Date | null;
  @Field(() => PaymentSettings) settings: PaymentSettings;
  @Field(() => Date) connectedAt: Date;
  @Field(() => Date, { nullable: true }) lastVerifiedAt: Date | null;
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

export const StripeEventVia = describedEnum(
  'StripeEventVia',
  {
    WEBHOOK: "Delivered by Stripe to the org's webhook endpoint.",
    SWEEP: 'Found by the self-healing sweep asking Stripe about open invoices (a missed webhook).',
  },
  'How Settle received a Stripe event.',
);
export type StripeEventVia = keyof typeof StripeEventVia;

export const StripeConnectionMethod = describedEnum(
  'StripeConnectionMethod',
  { KEYS: 'API keys pasted by an admin.', OAUTH: 'Stripe Connect (OAuth) authorization.' },
  'How the Stripe account was connected.',
);
export type StripeConnectionMethod = keyof typeof StripeConnectionMethod;

export const CleanupStatus = describedEnum(
  'CleanupStatus',
  { DONE: 'Everything was cleaned up.', FAILED: 'Something is left to do by hand in that account (see error).' },
  'Whether cleaning up a previous Stripe account finished.',
);
export type CleanupStatus = keyof typeof CleanupStatus;
