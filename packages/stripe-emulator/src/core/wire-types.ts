import type Stripe from 'stripe';

/**
 * SDK 23 turns decimal strings into `Decimal` objects on the client side, but on the wire they
 * are JSON strings. `Wire<T>` is the SDK type with every Decimal replaced by a
 * string, so our stored objects are still checked against the SDK's shapes.
 */
export type Wire<T> = T extends Stripe.Decimal
  ? string
  : T extends string | number | boolean | null | undefined
    ? T
    : T extends Array<infer U>
      ? Array<Wire<U>>
      : { [K in keyof T]: Wire<T[K]> };

export type WCustomer = Stripe.Customer;
export type WProduct = Stripe.Product;
export type WPrice = Wire<Stripe.Price>;
export type WInvoiceItem = Wire<Stripe.InvoiceItem>;
export type WInvoice = Wire<Stripe.Invoice>;
export type WInvoiceLine = Wire<Stripe.InvoiceLineItem>;
export type WInvoicePayment = Stripe.InvoicePayment;
export type WSession = Wire<Stripe.Checkout.Session>;
export type WLineItem = Wire<Stripe.LineItem>;
export type WPaymentIntent = Stripe.PaymentIntent;
export type WCharge = Stripe.Charge;
export type WBalanceTransaction = Stripe.BalanceTransaction;
export type WRefund = Stripe.Refund;
export type WDispute = Stripe.Dispute;
export type WWebhookEndpoint = Stripe.WebhookEndpoint;
export type WEvent = Omit<Stripe.Event, 'data' | 'type'> & {
  type: string;
  data: { object: Record<string, unknown>; previous_attributes?: Record<string, unknown> };
};
export type WAccount = Stripe.Account;
export type WPaymentMethod = Stripe.PaymentMethod;
export type WPayout = Stripe.Payout;
export type WBalance = Stripe.Balance;
export type WSetupIntent = Stripe.SetupIntent;
export type WCustomerBalanceTransaction = Stripe.CustomerBalanceTransaction;

export const API_VERSION = '2026-10-28.endive';
