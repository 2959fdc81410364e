import DataLoader from 'dataloader';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context.js';
import { MoneyScalar } from '../../graphql/scalars.js';
import { Invoice } from '../invoices/invoice.entity.js';
import { creditableOf, heldOf, type PaidBackFacts } from './paid-back.js';
import { Payment, PaymentKind, PaymentSource } from './payment.entity.js';
import { leftToRefund } from './refundable.js';
import { voidRefusal, voidRowOf } from './payment-void-rules.js';

/**
 * What an invoice's payments and memos leave to give back (and each payment, below), as the refund, void
 * and credit memo mutations count it, so an app offers exactly what the API allows. Read from the invoice's payments
 * and memos, which a page of invoices loads in one query each.
 */
@Resolver(() => Invoice)
export class InvoiceMoneyBackResolver {
  @FieldResolver(() => MoneyScalar, {
    description:
      "Money paid on it that Settle still holds: paid, less refunds, what was kept as the client's credit and the excess of open payment exceptions (refunded or kept there). Refunds are bounded by it, and voiding asks what becomes of it (staff only).",
  })
  async heldAmount(@Root() inv: Invoice, @Ctx() ctx: GraphQLContext): Promise<number> {
    return heldOf(inv, await factsOf(inv, ctx));
  }

  @FieldResolver(() => MoneyScalar, {
    description:
      'The most a new credit memo can credit now: on an open invoice its balance due; on a paid or void one what is held, less what earlier memos say is owed back and no refund has paid yet (staff only).',
  })
  async creditableAmount(@Root() inv: Invoice, @Ctx() ctx: GraphQLContext): Promise<number> {
    return creditableOf(inv, await factsOf(inv, ctx)).creditable;
  }
}

@Resolver(() => Payment)
export class PaymentRefundableResolver {
  @FieldResolver(() => MoneyScalar, {
    description:
      'What of this payment `refundPayment` can refund now: what is left of it after its refunds, at most what its invoice still holds (`heldAmount`). 0 for a refund or an adjustment, and for money taken in QuickBooks, which is refunded there (staff only).',
  })
  async refundableAmount(@Root() p: Payment, @Ctx() ctx: GraphQLContext): Promise<number> {
    if (p.kind !== PaymentKind.PAYMENT) return 0;
    // As refundPayment takes it: through the provider that took it, or recorded by hand for money recorded by hand.
    const byProvider = !!p.externalId && !!ctx.container.paymentProviders.of(p.source);
    if (!byProvider && p.source !== PaymentSource.MANUAL) return 0;
    const [rows, invoice] = await Promise.all([
      ctx.loaders.paymentsByInvoice.load(p.invoiceId),
      ctx.loaders.invoice.load(p.invoiceId),
    ]);
    if (!invoice) return 0;
    return Math.min(leftToRefund(p, rows), heldOf(invoice, await factsOf(invoice, ctx)));
  }

  @FieldResolver(() => Boolean, {
    description:
      'Whether `voidPayment` would void this payment now: recorded by hand, not voided yet, nothing of it refunded or kept as client credit (staff only).',
  })
  async voidable(@Root() p: Payment, @Ctx() ctx: GraphQLContext): Promise<boolean> {
    if (p.kind !== PaymentKind.PAYMENT || p.source !== PaymentSource.MANUAL) return false;
    const [rows, invoice] = await Promise.all([
      ctx.loaders.paymentsByInvoice.load(p.invoiceId),
      ctx.loaders.invoice.load(p.invoiceId),
    ]);
    if (!invoice || voidRowOf(p.id, rows)) return false;
    return voidRefusal(p, rows, heldOf(invoice, await factsOf(invoice, ctx))) === null;
  }

  @FieldResolver(() => Boolean, {
    description: 'Whether staff voided this payment in Settle (`voidPayment`): an ADJUSTMENT naming it took it off.',
  })
  async voided(@Root() p: Payment, @Ctx() ctx: GraphQLContext): Promise<boolean> {
    if (p.kind !== PaymentKind.PAYMENT || p.source !== PaymentSource.MANUAL) return false;
    return Boolean(voidRowOf(p.id, await ctx.loaders.paymentsByInvoice.load(p.invoiceId)));
  }
}

const openExcessLoaders = new WeakMap<object, DataLoader<string, number>>();
/** Per request: the excess of each invoice's open payment exceptions, one query for a page of invoices. */
function openExcessOf(ctx: GraphQLContext, orgId: string) {
  let loader = openExcessLoaders.get(ctx.loaders);
  if (!loader) {
    loader = new DataLoader(async (ids) => {
      const open = (await ctx.container.paymentExceptions.byInvoices(orgId, ids)).filter((e) => e.status === 'OPEN');
      return ids.map((id) => open.filter((e) => e.invoiceId === id).reduce((sum, e) => sum + e.amount, 0));
    });
    openExcessLoaders.set(ctx.loaders, loader);
  }
  return loader;
}

async function factsOf(inv: Invoice, ctx: GraphQLContext): Promise<PaidBackFacts> {
  const [payments, memos, openExcess] = await Promise.all([
    ctx.loaders.paymentsByInvoice.load(inv.id),
    ctx.loaders.creditMemosByInvoice.load(inv.id),
    openExcessOf(ctx, inv.orgId).load(inv.id),
  ]);
  return { payments, memos, openExcess };
}
