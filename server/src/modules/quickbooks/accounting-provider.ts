import type { CompanyCurrency } from './qbo-currency.js';
import type { QbTaxCode } from './qbo-tax.js';

/** A QuickBooks entity exactly as the API returns it (Id, SyncToken, …). */
export type QbEntity = Record<string, any>;

/** Transaction entities the reconciliation lists by TxnDate. */
export type QueryableEntity = 'Invoice' | 'Payment' | 'RefundReceipt' | 'Purchase' | 'Deposit';

export interface QbRef {
  id: string;
  name: string;
  type: string;
  active: boolean;
}

/**
 * What the sync needs from an accounting system. Writes take a `requestId`: the provider replays the
 * first response for a repeated id, so a retried write never creates a second entity.
 */
export interface AccountingProvider {
  readonly realmId: string;
  /** API requests made through this instance (for metrics and the benchmark). */
  readonly requestCount: number;
  /** The company's name and country (CompanyInfo). */
  companyInfo(): Promise<{ name: string; country: string | null }>;
  findCustomerByEmail(email: string): Promise<QbEntity | null>;
  findCustomerByName(name: string): Promise<QbEntity | null>;
  createCustomer(customer: QbEntity, requestId: string): Promise<QbEntity>;
  getCustomer(id: string): Promise<QbEntity>;
  /** A sparse update (only the fields given change); needs the current SyncToken. */
  updateCustomer(sparse: QbEntity, requestId: string): Promise<QbEntity>;
  createInvoice(invoice: QbEntity, requestId: string): Promise<QbEntity>;
  getInvoice(id: string): Promise<QbEntity>;
  updateInvoice(sparse: QbEntity, requestId: string): Promise<QbEntity>;
  voidInvoice(ref: { Id: string; SyncToken: string }, requestId: string): Promise<QbEntity>;
  sendInvoice(id: string, email?: string): Promise<QbEntity>;
  createPayment(payment: QbEntity, requestId: string): Promise<QbEntity>;
  getPayment(id: string): Promise<QbEntity>;
  /** Voids a Payment (operation=update&include=void): its amount and the links it applied drop to 0. */
  voidPayment(ref: { Id: string; SyncToken: string }, requestId: string): Promise<QbEntity>;
  /**
   * Applies part of a Payment's unapplied amount to an invoice: a sparse update of the Payment (its
   * current SyncToken; 5010 when stale) whose `Line` is the lines it has plus one linking the invoice.
   */
  applyPaymentToInvoice(
    ref: { Id: string; SyncToken: string; Line: QbEntity[] },
    line: { Amount: number; invoiceId: string },
    requestId: string,
  ): Promise<QbEntity>;
  createCreditMemo(memo: QbEntity, requestId: string): Promise<QbEntity>;
  createPurchase(purchase: QbEntity, requestId: string): Promise<QbEntity>;
  /** Money paid back to a customer, from the account in `DepositToAccountRef`. */
  createRefundReceipt(refund: QbEntity, requestId: string): Promise<QbEntity>;
  getRefundReceipt(id: string): Promise<QbEntity>;
  /** Deletes a RefundReceipt (operation=delete); needs its current SyncToken. */
  deleteRefundReceipt(ref: { Id: string; SyncToken: string }, requestId: string): Promise<QbEntity>;
  /** Preferences.CurrencyPrefs: the home currency and whether multicurrency is on. */
  currencyPrefs(): Promise<CompanyCurrency>;
  /** ExchangeRate: units of the home currency per unit of `currency` on `date` (YYYY-MM-DD). */
  exchangeRate(currency: string, date: string): Promise<number>;
  /** The company's sales tax codes, each with the sum of its sales rates. */
  listTaxCodes(): Promise<QbTaxCode[]>;
  /** Money put into the asset account in `DepositToAccountRef` (e.g. a payout from a clearing account). */
  createDeposit(deposit: QbEntity, requestId: string): Promise<QbEntity>;
  getDeposit(id: string): Promise<QbEntity>;
  /** Deletes a Deposit (operation=delete); needs its current SyncToken. */
  deleteDeposit(ref: { Id: string; SyncToken: string }, requestId: string): Promise<QbEntity>;
  listItems(): Promise<QbRef[]>;
  listAccounts(): Promise<QbRef[]>;
  /** The company's payment methods (Cash, Check, card brands, ACH…). */
  listPaymentMethods(): Promise<QbRef[]>;
  createPaymentMethod(method: QbEntity, requestId: string): Promise<QbEntity>;
  /**
   * One page of a query (`select * from <entity> where TxnDate >= from [and TxnDate <= to] orderby Id
   * startposition <start> maxresults <max>`): list reads for the reconciliation, one request per page.
   */
  queryPage(
    entity: QueryableEntity,
    range: { from: string; to?: string },
    start: number,
    max: number,
  ): Promise<QbEntity[]>;
  /** Changed entities since a watermark, with the server time to use as the next one. */
  changesSince(entities: string[], since: string): Promise<{ changed: Record<string, QbEntity[]>; time: string }>;
  revoke(refreshToken: string): Promise<void>;
}

export type QbErrorKind = 'RETRYABLE' | 'STALE' | 'AUTH' | 'FATAL';

/** A failed QuickBooks call, normalised from the SDK's several error shapes. */
export class QuickBooksApiError extends Error {
  constructor(
    message: string,
    readonly kind: QbErrorKind,
    readonly status: number | null,
    readonly code: string | null,
  ) {
    super(message);
  }
}

/** node-quickbooks reports errors as an AxiosError (HTTP ≥ 400), a 200 body with Fault, or a network error. */
export function normaliseQbError(err: any): QuickBooksApiError {
  if (err instanceof QuickBooksApiError) return err;
  const status: number | null = err?.response?.status ?? (err?.Fault ? 200 : null);
  const body = err?.response?.data ?? (err?.Fault ? err : null);
  const fault = body?.Fault?.Error?.[0] ?? body?.fault?.error?.[0];
  const code: string | null = fault?.code ? String(fault.code) : null;
  const message = fault
    ? `${fault.Message ?? fault.message}${(fault.Detail ?? fault.detail) ? `: ${fault.Detail ?? fault.detail}` : ''}`
    : String(err?.message ?? err);
  let kind: QbErrorKind = 'FATAL';
  if (
    (status === null && (err?.isAxiosError || err?.code || err?.timeout)) ||
    status === 408 ||
    status === 429 ||
    (status !== null && status >= 500)
  )
    kind = 'RETRYABLE';
  else if (status === 401) kind = 'AUTH';
  else if (code === '5010') kind = 'STALE';
  return new QuickBooksApiError(
    `QuickBooks ${status ?? 'network'}${code ? ` ${code}` : ''}: ${message}`,
    kind,
    status,
    code,
  );
}
