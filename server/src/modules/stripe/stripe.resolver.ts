import DataLoader from 'dataloader';
import { Arg, Args, Ctx, ObjectType, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { IdArg, InputArg, OptionalArg } from '../../graphql/args.js';
import { Connection, toConnection } from '../../graphql/connection.js';
import type { GraphQLContext } from '../../graphql/context.js';
import { OrgId, StaffWith, VisibleInvoices, type StaffCaller } from '../../graphql/guards.js';
import { MoneyScalar } from '../../graphql/scalars.js';
import { IdempotentCall, type Idempotent } from '../idempotency/idempotent.decorator.js';
import { storedRecord } from '../idempotency/stored-result.js';
import { Invoice } from '../invoices/invoice.entity.js';
import { isOpenForPayment } from './checkout-link.service.js';
import { StripeEventInbox } from './stripe-event-inbox.entity.js';
import { stripeOf, type StripeModule } from './stripe.integration.js';
import type { StripePaymentOrigin } from './stripe-links.entity.js';
import { StripeReadService } from './stripe-reads.service.js';
import { payerPaymentErrorText } from './stripe-rules.js';
import type { InvoiceScope } from '../invoices/invoice-query.js';
import { Payment, PaymentSource } from '../payments/payment.entity.js';
import {
  PaymentRedirect,
  PaymentSettings,
  PaymentSettingsInput,
  StripeConnectionView,
  StripeMode,
  StripeSendVia,
  StripeWebhookEventPageArgs,
} from './stripe.types.js';
import { badInput } from '../../platform/errors.js';

/**
 * Per-request lookups for the invoice fields below, keyed on the request's loaders (fresh per request
 * and per subscription event), so a page of invoices costs one query per kind of fact, not one per row.
 */
interface InvoiceFieldLookups {
  connected: Promise<boolean>;
  orgAllowsPartial: Promise<boolean>;
  lastError: DataLoader<string, string | null>;
}
const lookups = new WeakMap<object, InvoiceFieldLookups>();
function lookupsFor(ctx: GraphQLContext, orgId: string): InvoiceFieldLookups {
  let l = lookups.get(ctx.loaders);
  if (!l) {
    l = {
      connected: stripeOf(ctx.container).connections.find(orgId).then(Boolean),
      orgAllowsPartial: ctx.container.organizations.get(orgId).then((o) => o.allowPartialPayments),
      lastError: new DataLoader((invoiceIds) => reads(ctx).lastPaymentErrors(orgId, invoiceIds)),
    };
    lookups.set(ctx.loaders, l);
  }
  return l;
}
const connected = (ctx: GraphQLContext, orgId: string) => lookupsFor(ctx, orgId).connected;
const reads = (ctx: GraphQLContext) => new StripeReadService(ctx.container.db);

/** What an idempotency key keeps of a started payment: the Checkout page's address and expiry. */
const storedRedirect = storedRecord<PaymentRedirect>({ url: 'value', expiresAt: 'date' });

/** `@StripeStaff() { orgId, actor, stripe }`: the staff caller the access row admits, and this module's services. */
const StripeStaff = () => StaffWith((c) => ({ stripe: stripeOf(c) }));
type StripeStaff = StaffCaller & { stripe: StripeModule };

@ObjectType({ description: 'A page of received Stripe events, newest first (50 when no size is given, at most 500).' })
class StripeWebhookEventConnection extends Connection(StripeEventInbox, 'StripeWebhookEvent', 'events') {}

@Resolver()
export class StripeResolver {
  @Query(() => StripeConnectionView, {
    nullable: true,
    description: 'The Stripe connection of the organization; null when not connected.',
  })
  async stripeConnection(@StripeStaff() { orgId, stripe }: StripeStaff): Promise<StripeConnectionView | null> {
    const conn = await stripe.connections.find(orgId);
    return conn ? stripe.connections.view(conn) : null;
  }

  @Query(() => PaymentSettings, { description: "The org's online payment settings." })
  paymentSettings(@StripeStaff() { orgId, stripe }: StripeStaff): Promise<PaymentSettings> {
    return stripe.connections.settings(orgId);
  }

  @Query(() => String, {
    description:
      'Stripe Connect authorize URL to send the admin to. Its state is single use, expires in 10 minutes and only completes in the same signed-in session.',
  })
  stripeOAuthUrl(@StripeStaff() { orgId, actor, stripe }: StripeStaff): Promise<string> {
    return stripe.connections.oauthUrl(orgId, actor.id!);
  }

  @Query(() => StripeWebhookEventConnection, {
    description: 'Webhook inspector: received Stripe events, newest first.',
  })
  async stripeWebhookEvents(
    @Args(() => StripeWebhookEventPageArgs) a: StripeWebhookEventPageArgs,
    @OrgId() orgId: string,
    @Ctx() ctx: GraphQLContext,
  ) {
    return toConnection(await reads(ctx).webhookEvents(orgId, a.status, a));
  }

  @Mutation(() => StripeConnectionView, {
    description: 'Connect by API keys (sk_/rk_ and pk_, same mode), verified with Stripe.',
  })
  async connectStripe(
    @Arg('secretKey', () => String, {
      description: "The account's secret or restricted key (sk_… or rk_…); stored encrypted, shown by prefix only.",
    })
    secretKey: string,
    @OptionalArg(
      'publishableKey',
      () => String,
      "The account's publishable key (pk_…), for the portal's payment forms.",
    )
    publishableKey: string | undefined,
    @StripeStaff() { orgId, actor, stripe }: StripeStaff,
  ) {
    return stripe.connections.view(
      await stripe.connections.connectWithKeys(orgId, actor, secretKey, publishableKey ?? null),
    );
  }

  @Mutation(() => StripeConnectionView, { description: 'Calls Stripe with the stored key; fails with the reason.' })
  async testStripeConnection(@StripeStaff() { orgId, stripe }: StripeStaff) {
    return stripe.connections.view(await stripe.connections.test(orgId));
  }

  @Mutation(() => StripeConnectionView, {
    nullable: true,
    description:
      'Deletes the webhook endpoint at Stripe and forgets the keys. Returns the connection as `stripeConnection` now shows it: null.',
  })
  async disconnectStripe(@StripeStaff() { orgId, actor, stripe }: StripeStaff): Promise<null> {
    await stripe.connections.disconnect(orgId, actor);
    return null;
  }

  @Mutation(() => StripeConnectionView, {
    description: '"Retry webhook configuration": (re-)registers the endpoint through the Stripe API.',
  })
  async registerStripeWebhook(@StripeStaff() { orgId, actor, stripe }: StripeStaff) {
    return stripe.connections.view(await stripe.connections.registerWebhook(orgId, actor));
  }

  @Mutation(() => StripeConnectionView, {
    description: 'Use a whsec_ secret of an endpoint created in the Stripe dashboard.',
  })
  async setStripeWebhookSecret(
    @Arg('secret', () => String, { description: "The endpoint's signing secret (whsec_…); stored encrypted." })
    secret: string,
    @StripeStaff() { orgId, actor, stripe }: StripeStaff,
  ) {
    return stripe.connections.view(await stripe.connections.setWebhookSecret(orgId, actor, secret));
  }

  @Mutation(() => StripeConnectionView, {
    description: 'New webhook URL token (re-registers an auto-registered endpoint).',
  })
  async rotateStripeWebhookToken(@StripeStaff() { orgId, actor, stripe }: StripeStaff) {
    return stripe.connections.view(await stripe.connections.rotateWebhookToken(orgId, actor));
  }

  @Mutation(() => PaymentSettings, { description: "Sets the org's online payment settings." })
  updatePaymentSettings(
    @InputArg(() => PaymentSettingsInput, 'The settings.') input: PaymentSettingsInput,
    @StripeStaff() { orgId, actor, stripe }: StripeStaff,
  ): Promise<PaymentSettings> {
    return stripe.paymentSettings.update(orgId, actor, input);
  }

  @Mutation(() => Boolean, {
    description: 'Per-client override of how invoices go to Stripe (null = organization default).',
  })
  async setClientStripeSendVia(
    @IdArg('clientId', 'The client.') clientId: string,
    @OptionalArg('sendVia', () => StripeSendVia, "How its invoices are paid online (null: the org's setting).")
    sendVia: StripeSendVia | undefined,
    @StripeStaff() { orgId, stripe }: StripeStaff,
  ) {
    await stripe.sending.setClientSendVia(orgId, clientId, sendVia ?? null);
    return true;
  }

  @Mutation(() => Boolean, {
    description: 'Link a client to an existing Stripe customer by id (never matched by email).',
  })
  async linkStripeCustomer(
    @IdArg('clientId', 'The client.') clientId: string,
    @Arg('customerId', () => String, { description: 'The Stripe customer id (cus_…) it is in Stripe.' })
    customerId: string,
    @StripeStaff() { orgId, stripe }: StripeStaff,
  ) {
    await stripe.sending.linkCustomer(orgId, clientId, customerId);
    return true;
  }

  @Mutation(() => StripeEventInbox, { description: 'Process a received event again (effects are idempotent).' })
  async replayStripeWebhookEvent(
    @IdArg('id', 'The stored event to apply again.') id: string,
    @OrgId() orgId: string,
    @Ctx() ctx: GraphQLContext,
  ) {
    const ok = await stripeOf(ctx.container).processor.replay(orgId, id);
    if (!ok) throw badInput('id', 'No such event, or it is being processed right now');
    return reads(ctx).webhookEvent(orgId, id);
  }

  @Mutation(() => PaymentRedirect, {
    description:
      "Where to pay: the invoice's hosted Stripe page when it asks for exactly the balance, else a Stripe Checkout page for the balance (or a partial amount, when allowed); refused while a payment is under way at Stripe. Portal users: own invoices only.",
  })
  async startInvoicePayment(
    @IdArg('invoiceId', 'The invoice to pay.') invoiceId: string,
    @OptionalArg(
      'amount',
      () => MoneyScalar,
      'Pay only this much, in minor units (partial payments must be allowed); left out: the balance.',
    )
    amount: number | undefined,
    @VisibleInvoices() scope: InvoiceScope,
    @Ctx() ctx: GraphQLContext,
    @IdempotentCall() once: Idempotent,
  ): Promise<PaymentRedirect> {
    // A client's browser, like a /pay visit: each start may create a price and a Checkout session in the
    // merchant's Stripe account (and expire the last), so a portal user looping it was unbounded.
    if (ctx.principal?.kind === 'portal') await ctx.container.rateLimits.check('payLink', { ip: ctx.ip });
    const invoice = await ctx.container.invoices.get(scope, invoiceId);
    // Stripe is called between transactions: the key is held IN_PROGRESS meanwhile.
    return once.around(storedRedirect, () =>
      stripeOf(ctx.container).checkout.startPayment(invoice.orgId, invoice.id, amount ?? null),
    );
  }
}

@Resolver(() => Invoice)
export class StripeInvoiceFieldsResolver {
  @FieldResolver(() => Boolean, {
    description: 'Open (SENT/PARTIALLY_PAID) with a balance, and an online payment method is available.',
  })
  async payable(@Root() inv: Invoice, @Ctx() ctx: GraphQLContext): Promise<boolean> {
    return isOpenForPayment(inv) && (await connected(ctx, inv.orgId));
  }

  @FieldResolver(() => Boolean, {
    description: 'The client may pay part of the balance (client override, else the organization setting).',
  })
  async allowPartialPayment(@Root() inv: Invoice, @Ctx() ctx: GraphQLContext): Promise<boolean> {
    const client = await ctx.loaders.client.load(inv.clientId);
    return client?.allowPartialPayments ?? (await lookupsFor(ctx, inv.orgId).orgAllowsPartial);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'The pay link (/pay/{token}) when online payment is available.',
  })
  async payUrl(@Root() inv: Invoice, @Ctx() ctx: GraphQLContext): Promise<string | null> {
    return isOpenForPayment(inv) && (await connected(ctx, inv.orgId))
      ? stripeOf(ctx.container).checkout.payUrl(inv)
      : null;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'Why the last online payment attempt failed (cleared by a successful payment).',
  })
  async lastPaymentError(@Root() inv: Invoice, @Ctx() ctx: GraphQLContext): Promise<string | null> {
    const text = await lookupsFor(ctx, inv.orgId).lastError.load(inv.id);
    // A portal user is the payer: Stripe's message without its decline code, which is for staff.
    return ctx.principal?.kind === 'portal' ? payerPaymentErrorText(text) : text;
  }
}

/** Per request: the Stripe account + mode of payments, by their Stripe id (one query per page). */
const origins = new WeakMap<object, DataLoader<string, StripePaymentOrigin | null>>();
function originOf(ctx: GraphQLContext, p: Payment): Promise<StripePaymentOrigin | null> {
  if (p.source !== PaymentSource.STRIPE || !p.externalId) return Promise.resolve(null);
  let l = origins.get(ctx.loaders);
  if (!l) {
    // Keyed by org and Stripe id: a payment's origin is only ever read within its own org.
    l = new DataLoader((keys) =>
      reads(ctx).paymentOrigins(
        keys.map((k) => {
          const [orgId, externalId] = k.split('|') as [string, string];
          return { orgId, externalId };
        }),
      ),
    );
    origins.set(ctx.loaders, l);
  }
  return l.load(`${p.orgId}|${p.externalId}`);
}

@Resolver(() => Payment)
export class StripePaymentFieldsResolver {
  @FieldResolver(() => String, {
    nullable: true,
    description: 'Stripe payments: the Stripe account it was taken in (kept after connecting another account).',
  })
  async stripeAccountId(@Root() p: Payment, @Ctx() ctx: GraphQLContext): Promise<string | null> {
    return (await originOf(ctx, p))?.accountId ?? null;
  }

  @FieldResolver(() => StripeMode, {
    nullable: true,
    description: 'Stripe payments: TEST or LIVE mode of the account it was taken in.',
  })
  async stripeMode(@Root() p: Payment, @Ctx() ctx: GraphQLContext): Promise<StripeMode | null> {
    const o = await originOf(ctx, p);
    return o ? (o.livemode ? StripeMode.LIVE : StripeMode.TEST) : null;
  }
}
