import type { EntityManager } from 'typeorm';
import type Stripe from 'stripe';
import type { Container } from '../../app/container.js';
import { providerActor } from '../../platform/actor.js';
import { AppError } from '../../platform/errors.js';
import { formatMoney } from '../../platform/money.js';
import { DEFAULT_TIME_ZONE, todayIn } from '../../platform/time-zone.js';
import { orgTimeZones } from '../organizations/org-today.js';
import { lockInvoiceRows } from '../invoices/invoice-state.js';
import { logger } from '../../platform/logger.js';
import { PaymentSource, type PaymentMethod } from '../payments/payment.entity.js';
import type { PaymentCommand } from '../payments/payment-command.js';
import { translateStripeEvent } from './stripe-event-translation.js';
import type { PaymentCard, SettleInput } from '../payments/settlement.types.js';
import type { AuditEntry } from '../audit/audit.service.js';
import { cardOfCharge, paymentMethodOfCharge, stripeRounding } from './stripe-rules.js';
import { bumpPaidVersions, recordOrigins } from './stripe-money-statements.js';
import type { EventScope } from './stripe-inbox.js';
import type { ClaimReads, StripeReader } from './stripe-claim-reads.js';
import {
  confirmCheckout,
  confirmPaidInvoice,
  confirmPaymentIntent,
  readOrReject,
  type ConfirmedCheckout,
  type ConfirmedIntent,
} from './stripe-confirmation.js';

/** Event types whose whole effect is recording money: the processor applies runs of them in one transaction. */
export const MONEY_EVENTS = new Set([
  'checkout.session.completed',
  'checkout.session.async_payment_succeeded',
  'invoice.paid',
  'payment_intent.succeeded',
]);

/**
 * What Stripe said about an event, read before its transaction (never while holding row locks). An
 * event Stripe does not confirm never gets here: `prepare` throws a StripeRejection for it.
 */
export interface PreparedMoney {
  /** What the event means (translateStripeEvent): only PAYMENT_SUCCEEDED records money. */
  command: PaymentCommand;
  /** invoice.paid: the invoice as Stripe has it now, with its payments (the payload carries none). */
  fresh?: Stripe.Invoice;
  /** Checkout: the session's payment as Stripe confirmed it. */
  checkout?: ConfirmedCheckout;
  /** payment_intent.succeeded (autopay): the PaymentIntent as Stripe confirmed it. */
  intent?: ConfirmedIntent;
  /** invoice.paid: how each paid PaymentIntent was paid (its charge's method and card), by PaymentIntent id. */
  methods?: Record<string, { method: PaymentMethod | null; card: PaymentCard | null }>;
}

const idOf = (v: string | { id: string } | null | undefined) => (v == null ? null : typeof v === 'string' ? v : v.id);
/** Claim-read keys of the objects money events are confirmed with (a list and a retrieve share them). */
const invoiceKey = (id: string) => `invoice:${id}`;
const sessionKey = (id: string) => `session:${id}`;
const intentKey = (id: string) => `payment_intent-charge:${id}`;

/**
 * The paid PaymentIntents of a confirmed hosted invoice, with when each was made (at finalization, as
 * its invoice payment was: the hint a list call's range needs).
 */
function paidIntents(fresh: Stripe.Invoice | undefined): Array<{ id: string; created: number }> {
  const out: Array<{ id: string; created: number }> = [];
  for (const p of fresh?.payments?.data ?? []) {
    const id = p.status === 'paid' ? idOf(p.payment.payment_intent) : null;
    if (id) out.push({ id, created: p.created });
  }
  return out;
}

/** One money event to apply, with what `prepare` fetched for it. */
export interface MoneyEvent {
  orgId: string;
  evt: Stripe.Event;
  prepared: PreparedMoney;
  /** Account + mode the event came from (recorded with its payments); null for events stored before 0008. */
  scope?: EventScope | null;
}

/** Money an event moved, for the settlement batch. */
interface MoneyRecord {
  event: number;
  orgId: string;
  created: number;
  eventId: string;
  input: SettleInput & { externalId: string };
}

/**
 * Payments from Stripe: Checkout sessions paid (now or after a delayed debit) and paid Stripe invoices.
 * The network part (`prepare`) runs before the transaction; `applyBatch` runs inside the caller's, so
 * many events (of many orgs) share one transaction and a fixed number of statements. Money always goes
 * through the settlement service keyed by the PaymentIntent.
 */
export class StripeMoneyEffects {
  constructor(private readonly c: Container) {}

  /**
   * Before `prepare` runs for a claim's money events: the invoices and Checkout sessions they name are
   * asked with one list call per org and kind where several are needed, so confirming an event costs a
   * share of a request instead of one. The confirmation itself is unchanged (`prepare` compares each
   * payload with what Stripe answered, whichever call brought it).
   */
  prefetch(events: Array<{ orgId: string; evt: Stripe.Event }>, reads: ClaimReads): void {
    type Wanted = Array<{ id: string; created: number }>;
    const byOrg = new Map<string, { sessions: Wanted; invoices: Wanted }>();
    for (const { orgId, evt } of events) {
      const cmd = translateStripeEvent(orgId, evt);
      const created = (evt.data.object as { created?: unknown }).created;
      if (cmd.kind !== 'PAYMENT_SUCCEEDED' || cmd.via === 'PAYMENT_INTENT' || !Number.isSafeInteger(created)) continue;
      let w = byOrg.get(orgId);
      if (!w) byOrg.set(orgId, (w = { sessions: [], invoices: [] }));
      w[cmd.via === 'HOSTED_INVOICE' ? 'invoices' : 'sessions'].push({ id: cmd.ref, created: created as number });
    }
    for (const [orgId, w] of byOrg) {
      reads.prefetch(orgId, { key: sessionKey, wanted: w.sessions, list: (p, page) => p.listCheckoutSessions(page) });
      reads.prefetch(orgId, { key: invoiceKey, wanted: w.invoices, list: (p, page) => p.listInvoices(page) });
    }
  }

  /**
   * The event's command (translateStripeEvent) with what Stripe says of the object it rests on: a paid
   * hosted invoice re-read with its payments (the payload carries none), a Checkout session with its
   * PaymentIntent, read with the org's own key and checked against the payload: what is booked later is
   * Stripe's answer. Commands that record no money need no read. Throws StripeRejection when Stripe does
   * not confirm the event, any other error (network, rate limit) to have it retried. How a hosted
   * invoice was paid is a second read (`addMethods`); `prepare` does both.
   */
  async confirm(orgId: string, evt: Stripe.Event, stripe: StripeReader): Promise<PreparedMoney> {
    const command = translateStripeEvent(orgId, evt);
    if (command.kind !== 'PAYMENT_SUCCEEDED') return { command };
    const { ref } = command;
    if (command.via === 'PAYMENT_INTENT') {
      const fresh = await stripe.read(intentKey(ref), (p) =>
        readOrReject(`PaymentIntent ${ref}`, () => p.retrievePaymentIntent(ref, ['latest_charge'])),
      );
      return { command, intent: confirmPaymentIntent(orgId, evt.data.object as Stripe.PaymentIntent, fresh) };
    }
    if (command.via === 'HOSTED_INVOICE') {
      const fresh = await stripe.read(invoiceKey(ref), (p) =>
        readOrReject(`invoice ${ref}`, () => p.retrieveInvoice(ref, ['payments'])),
      );
      confirmPaidInvoice(orgId, evt.data.object as Stripe.Invoice, fresh);
      return { command, fresh };
    }
    const fresh = await stripe.read(sessionKey(ref), (p) =>
      readOrReject(`checkout session ${ref}`, () => p.retrieveCheckoutSession(ref, ['payment_intent.latest_charge'])),
    );
    return { command, checkout: confirmCheckout(orgId, evt.data.object as Stripe.Checkout.Session, fresh) };
  }

  /** `confirm`, then how each paid PaymentIntent of a hosted invoice was paid: one event on its own. */
  async prepare(orgId: string, evt: Stripe.Event, stripe: StripeReader): Promise<PreparedMoney> {
    const prepared = await this.confirm(orgId, evt, stripe);
    await this.addMethods(prepared, stripe);
    return prepared;
  }

  /**
   * A hosted invoice takes cards and bank debits (ACH) alike and its events do not say which: each paid
   * PaymentIntent is read with its charge, whose `payment_method_details.type` does. A claim's confirmed
   * invoices first have their PaymentIntents asked with one list call per org (`prefetchMethods`).
   */
  async addMethods(prepared: PreparedMoney, stripe: StripeReader): Promise<void> {
    const paid = paidIntents(prepared.fresh);
    if (!paid.length) return;
    const methods: NonNullable<PreparedMoney['methods']> = {};
    await Promise.all(
      paid.map(async ({ id }) => {
        const read = await stripe.read(intentKey(id), (api) => api.retrievePaymentIntent(id, ['latest_charge']));
        methods[id] = { method: paymentMethodOfCharge(read.latest_charge), card: cardOfCharge(read.latest_charge) };
      }),
    );
    prepared.methods = methods;
  }

  /** The paid PaymentIntents of a claim's confirmed hosted invoices, asked with list calls (ClaimReads.prefetch). */
  prefetchMethods(items: Array<{ orgId: string; prepared: PreparedMoney }>, reads: ClaimReads): void {
    const byOrg = new Map<string, Array<{ id: string; created: number }>>();
    for (const { orgId, prepared } of items) {
      const paid = paidIntents(prepared.fresh);
      if (paid.length) byOrg.set(orgId, [...(byOrg.get(orgId) ?? []), ...paid]);
    }
    for (const [orgId, wanted] of byOrg)
      reads.prefetch(orgId, { key: intentKey, wanted, list: (p, page) => p.listPaymentIntents(page) });
  }

  /**
   * Applies the events in order; each gets its outcome, or its error (then the event is retried; money
   * of it that did settle stays recorded and is replayed harmlessly).
   */
  async applyBatch(tx: EntityManager, events: MoneyEvent[]): Promise<Array<string | Error>> {
    const outcomes: Array<string | Error> = [];
    const records: MoneyRecord[] = [];
    const completedSessions: Array<{ orgId: string; id: string }> = [];
    const zones = await orgTimeZones(
      tx,
      events.map((e) => e.orgId),
    );
    events.forEach((e, n) => {
      try {
        const r = this.moneyOf(e, n, zones.get(e.orgId) ?? DEFAULT_TIME_ZONE);
        if (typeof r === 'string') outcomes.push(r);
        else {
          if (r.session) completedSessions.push({ orgId: e.orgId, id: r.session });
          records.push(...r.records);
          outcomes.push(r.outcome ?? '');
        }
      } catch (err) {
        outcomes.push(err as Error);
      }
    });
    // Before settling: the balance-changed hook must not take these sessions for open ones, nor hosted
    // invoices Stripe confirmed paid for live ones (a paid Stripe invoice asks for nothing more: re-reading
    // it after the payment would only find it paid).
    const paidHosted = events
      .filter((e) => e.prepared.fresh?.status === 'paid')
      .map((e) => ({ orgId: e.orgId, id: e.prepared.fresh!.id }));
    if (paidHosted.length || completedSessions.length) {
      // Every change to an invoice's Stripe rows (its link, its sessions, its `pay:` mark) is made under
      // the invoice's row lock, taken first: so are this batch's, all its invoices locked now in id order
      // (as settlement would), or a void, a failed payment or another batch of the same invoice, holding
      // the invoice and wanting these rows, would deadlock with it.
      const named = events.flatMap((e) =>
        e.prepared.command.kind === 'PAYMENT_SUCCEEDED' ? [{ orgId: e.orgId, id: e.prepared.command.invoiceId }] : [],
      );
      await lockInvoiceRows(tx, [...named, ...records.map((r) => ({ orgId: r.orgId, id: r.input.invoiceId }))]);
    }
    if (paidHosted.length) {
      await tx.query(
        `UPDATE stripe_invoice_links AS l SET stripe_amount = 0 FROM unnest($1::uuid[], $2::text[]) AS u(org_id, id) WHERE l.org_id = u.org_id AND l.stripe_invoice_id = u.id`,
        [paidHosted.map((x) => x.orgId), paidHosted.map((x) => x.id)],
      );
    }
    if (completedSessions.length) {
      await tx.query(
        `UPDATE stripe_checkout_sessions AS s SET status = 'complete' FROM unnest($1::uuid[], $2::text[]) AS u(org_id, id) WHERE s.org_id = u.org_id AND s.id = u.id`,
        [completedSessions.map((x) => x.orgId), completedSessions.map((x) => x.id)],
      );
    }
    const settled = await this.c.settlement.settleBatchIn(
      tx,
      records.map((r) => ({ orgId: r.orgId, actor: providerActor('stripe', events[r.event]!.evt.id), input: r.input })),
    );
    const said = new Map<number, string[]>();
    const overBalance: AuditEntry[] = [];
    const versions: MoneyRecord[] = [];
    records.forEach((r, k) => {
      const res = settled[k]!;
      let text: string;
      if ('error' in res) {
        // Not found is answered by the lock, before anything was written for it.
        if (!(res.error instanceof AppError && res.error.code === 'NOT_FOUND'))
          return void (outcomes[r.event] = res.error);
        text = 'ignored: invoice not found';
      } else if (res.replayed) text = `already recorded ${r.input.externalId}`;
      else {
        const over = r.input.amount > res.balanceBefore;
        if (over) {
          logger.warn(
            { orgId: r.orgId, invoiceId: r.input.invoiceId, paymentIntent: r.input.externalId },
            'stripe payment exceeded the balance; flagged',
          );
          overBalance.push({
            orgId: r.orgId,
            actor: providerActor('stripe', events[r.event]!.evt.id),
            entity: { type: 'Invoice', id: r.input.invoiceId },
            action: 'invoice.stripe_payment_over_balance',
            before: null,
            after: { paymentIntent: r.input.externalId, amount: r.input.amount, balanceBefore: res.balanceBefore },
          });
        }
        versions.push(r);
        const exc = res.exception
          ? ` (payment exception ${res.exception.kind}: ${formatMoney(res.exception.excess, res.invoice.currency)} not owed)`
          : '';
        text = `recorded ${formatMoney(r.input.amount, res.invoice.currency)} from ${r.input.externalId}${exc}`;
      }
      said.set(r.event, [...(said.get(r.event) ?? []), text]);
    });
    for (const [n, texts] of said) if (!(outcomes[n] instanceof Error)) outcomes[n] = texts.join('; ');
    await this.c.audit.recordMany(tx, overBalance);
    await bumpPaidVersions(tx, versions);
    await recordOrigins(
      tx,
      records
        .filter((r, k) => !('error' in settled[k]!) && events[r.event]!.scope)
        .map((r) => ({ orgId: r.orgId, externalId: r.input.externalId, scope: events[r.event]!.scope! })),
    );
    return outcomes;
  }

  /** What one event's command means: an outcome without money, or the money to record. */
  private moneyOf(
    { orgId, evt, prepared }: MoneyEvent,
    event: number,
    timeZone: string,
  ): string | { records: MoneyRecord[]; session?: string; outcome?: string } {
    const cmd = prepared.command;
    if (cmd.kind === 'IGNORED') return cmd.outcome;
    if (cmd.kind !== 'PAYMENT_SUCCEEDED') throw new Error(`${evt.type} does not record money`);
    // Dated the day (on the org's wall) Stripe took the money, not the day Settle applies it: a payment at
    // 23:59 on the 31st confirmed after midnight, or one the sweep finds days later, belongs to the day it was made.
    const record = (created: number, eventId: string, input: MoneyRecord['input']): MoneyRecord => ({
      event,
      orgId,
      created,
      eventId,
      input: { ...input, receivedOn: todayIn(timeZone, new Date(created * 1000)) },
    });
    if (cmd.via === 'HOSTED_INVOICE') {
      const fresh = prepared.fresh;
      if (!fresh) throw new Error('invoice.paid applied without confirming the invoice with Stripe');
      // Every paid PaymentIntent of the re-read invoice is recorded once.
      const paid = (fresh.payments?.data ?? []).filter(
        (p) => p.status === 'paid' && p.payment.type === 'payment_intent',
      );
      if (!paid.length) return 'paid out of band: no Stripe money to record';
      const created = fresh.status_transitions?.paid_at ?? fresh.created;
      return {
        records: paid.map((p) => {
          const charge = prepared.methods?.[idOf(p.payment.payment_intent)!];
          return record(
            created,
            `inv:${cmd.ref}`,
            moneyInput(
              cmd.invoiceId,
              p.amount_paid ?? 0,
              fresh.currency,
              idOf(p.payment.payment_intent)!,
              charge?.method ?? cmd.method,
              `Stripe invoice ${fresh.number ?? fresh.id}`,
              charge?.card,
            ),
          );
        }),
      };
    }
    if (cmd.via === 'PAYMENT_INTENT') {
      const i = prepared.intent;
      if (!i) throw new Error(`${evt.type} applied without confirming the PaymentIntent with Stripe`);
      if (!i.amount) return 'ignored: no captured amount';
      const input = moneyInput(
        i.invoiceId,
        i.amount,
        i.currency,
        i.paymentIntent,
        paymentMethodOfCharge(i.charge) ?? cmd.method,
        `Stripe autopay ${i.paymentIntent}`,
        cardOfCharge(i.charge),
      );
      return { records: [record(evt.created, evt.id, input)] };
    }
    const c = prepared.checkout;
    if (!c) throw new Error(`${evt.type} applied without confirming the session with Stripe`);
    if (!c.paid) return { records: [], session: c.sessionId, outcome: 'awaiting the delayed payment' };
    if (!c.paid.amount) return { records: [], session: c.sessionId, outcome: 'ignored: no captured amount' };
    const input = moneyInput(
      c.invoiceId,
      c.paid.amount,
      c.paid.currency,
      c.paid.paymentIntent,
      cmd.method,
      `Stripe Checkout ${c.sessionId}`,
      c.paid.card,
    );
    return { session: c.sessionId, records: [record(evt.created, evt.id, input)] };
  }
}

/**
 * Money that already moved is recorded even on a void invoice or past the balance (a void or a manual
 * payment may have won the race); the settlement path raises it as a payment exception.
 */
function moneyInput(
  invoiceId: string,
  amount: number,
  currency: string | null,
  externalId: string,
  method: PaymentMethod,
  reference: string,
  card?: PaymentCard | null,
): SettleInput & { externalId: string } {
  return {
    invoiceId,
    amount,
    currency: currency ?? undefined,
    source: PaymentSource.STRIPE,
    method,
    externalId,
    reference,
    card: card ?? null,
    allowOverpayment: true,
    closeRemainder: currency ? stripeRounding(currency) : null,
  };
}
