import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context.js';
import { Payment, PaymentKind, PaymentSource } from './payment.entity.js';
import { voidKey } from './payment-void-rules.js';

/** Whether an ADJUSTMENT takes its payment off the invoice: a staff void, or a void or deletion in QuickBooks. */
const isVoid = (p: Pick<Payment, 'source' | 'externalId' | 'adjustsPaymentId'>) =>
  (p.source === PaymentSource.MANUAL && !!p.adjustsPaymentId && p.externalId === voidKey(p.adjustsPaymentId)) ||
  (p.source === PaymentSource.QUICKBOOKS && /:(voided|deleted):/.test(p.externalId ?? ''));

/**
 * A payment's reference as a portal user reads it. A correction's or void's reference is why staff made it
 * ("Voided: typed 100.00, the check was 10.00", a QuickBooks id): internal, so the client reads what
 * happened instead. Payments keep theirs (the check number the client wrote) and refunds theirs (the reason
 * staff gave the client, also on its credit memo and at the provider).
 */
export function portalReference(
  p: Pick<Payment, 'kind' | 'reference' | 'source' | 'externalId' | 'adjustsPaymentId'>,
): string {
  if (p.kind !== PaymentKind.ADJUSTMENT) return p.reference;
  return isVoid(p) ? 'Payment voided' : 'Payment corrected';
}

@Resolver(() => Payment)
export class PaymentReferenceResolver {
  // Described on the entity's column (payment.entity.ts); this only narrows what a portal user reads.
  @FieldResolver(() => String)
  reference(@Root() p: Payment, @Ctx() ctx: GraphQLContext): string {
    return ctx.principal?.kind === 'portal' ? portalReference(p) : p.reference;
  }
}
