import type { EntityManager } from 'typeorm';
import type { Actor } from '../../platform/actor.js';
import type { Invoice } from './invoice.entity.js';
import type { Payment } from '../payments/payment.entity.js';
import type { CreditMemo } from '../payments/payment.entity.js';

/**
 * Integrations (Stripe, QuickBooks) follow invoice changes through these hooks. Each runs inside the
 * transaction that made the change, and should only enqueue durable jobs: the external call happens in
 * the worker, retried, never half-applied.
 */
export interface InvoiceHookContext {
  tx: EntityManager;
  orgId: string;
  actor: Actor;
  invoice: Invoice;
}

export interface InvoiceHooks {
  finalized?(ctx: InvoiceHookContext & { destinations: string[] }): Promise<void>;
  draftUpdated?(ctx: InvoiceHookContext): Promise<void>;
  voided?(ctx: InvoiceHookContext): Promise<void>;
  /** No longer payable online (the balance stays owed): live payment links must go. */
  markedUncollectible?(ctx: InvoiceHookContext): Promise<void>;
  /**
   * After payments or refunds from any source (`payment.source` tells where each came from). A settlement
   * batch records many in one transaction, so hooks get them all in one call and can read what they
   * need in one statement.
   */
  paymentsRecorded?(ctxs: Array<InvoiceHookContext & { payment: Payment }>): Promise<void>;
  creditMemoIssued?(ctx: InvoiceHookContext & { creditMemo: CreditMemo }): Promise<void>;
  /** Balances changed (payment, refund, credit memo): stale payment sessions must go. One context per invoice. */
  balancesChanged?(ctxs: InvoiceHookContext[]): Promise<void>;
}

export class InvoiceHookRegistry {
  private hooks: InvoiceHooks[] = [];
  register(h: InvoiceHooks): void {
    this.hooks.push(h);
  }
  async run<K extends keyof InvoiceHooks>(name: K, ctx: Parameters<NonNullable<InvoiceHooks[K]>>[0]): Promise<void> {
    if (Array.isArray(ctx) && !ctx.length) return;
    for (const h of this.hooks) {
      const fn = h[name] as ((c: typeof ctx) => Promise<void>) | undefined;
      if (fn) await fn.call(h, ctx);
    }
  }
}
