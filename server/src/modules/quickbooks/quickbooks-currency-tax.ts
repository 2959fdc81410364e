import { toBillAddr } from './qbo-address.js';
import { ownedCustomer } from './quickbooks-conflicts.js';
import type { DataSource } from 'typeorm';
import { Client } from '../clients/client.entity.js';
import type { InvoiceLine } from '../invoices/invoice-line.entity.js';
import type { Invoice } from '../invoices/invoice.entity.js';
import { QuickBooksApiError, type AccountingProvider, type QbEntity } from './accounting-provider.js';
import { fromQbAmount, toQbAmount } from './qbo-amounts.js';
import { type CompanyCurrency, clientCurrencyKey, currencyRefusal, foreignCustomerName } from './qbo-currency.js';
import { roundingNote, taxPlan } from './qbo-tax.js';
import { findLink, recordLink, requestIdFor } from './quickbooks-ledger.js';
import { QuickBooksConnection, QuickBooksException, type QuickBooksOperation } from './quickbooks.entities.js';

export interface BooksCtx {
  op: QuickBooksOperation;
  conn: QuickBooksConnection;
  qb: AccountingProvider;
}

/** Settle will not write this to QuickBooks; the reason is for the accountant and the write is not retried. */
export const REFUSED = 'SETTLE_REFUSED';
export const refusal = (reason: string) => new QuickBooksApiError(reason, 'FATAL', null, REFUSED);

/**
 * Currency and tax of what Settle books in QuickBooks: the company's currency preferences, the
 * customer of a client in a currency, a document's CurrencyRef/ExchangeRate, an invoice's tax codes.
 */
export class QuickBooksCurrencyTax {
  constructor(private readonly db: DataSource) {}

  /** Preferences.CurrencyPrefs, read again only while a foreign document meets multicurrency off (it cannot be turned off). */
  async company({ conn, qb }: Pick<BooksCtx, 'conn' | 'qb'>, currency?: string): Promise<CompanyCurrency> {
    if (conn.homeCurrency && (conn.multicurrencyEnabled || !currency || currency === conn.homeCurrency))
      return { home: conn.homeCurrency, multiCurrency: conn.multicurrencyEnabled };
    const prefs = await qb.currencyPrefs();
    const patch = { homeCurrency: prefs.home, multicurrencyEnabled: prefs.multiCurrency };
    await this.db.getRepository(QuickBooksConnection).update({ id: conn.id }, patch);
    Object.assign(conn, patch);
    return prefs;
  }

  /**
   * CurrencyRef and ExchangeRate of a document in `currency` (nothing for the home currency), or a refusal
   * where the company has multicurrency off. The rate is the invoice's own once it is in QuickBooks (its
   * payments, credits and refunds carry the same), else QuickBooks' rate on `date`.
   */
  async currencyFields(
    ctx: BooksCtx,
    currency: string,
    what: string,
    rateOf: {
      invoiceQbId?: string;
      date: string;
      /** What else would do where multicurrency is off (default: bill the client in the home currency). */
      otherwise?: (home: string) => string;
    },
  ): Promise<QbEntity> {
    const company = await this.company(ctx, currency);
    const why = currencyRefusal(currency, company, what, rateOf.otherwise?.(company.home));
    if (why) throw refusal(why);
    if (currency === company.home) return {};
    const invoiceRate = rateOf.invoiceQbId ? Number((await ctx.qb.getInvoice(rateOf.invoiceQbId)).ExchangeRate) : NaN;
    const rate = invoiceRate > 0 ? invoiceRate : await ctx.qb.exchangeRate(currency, rateOf.date);
    return { CurrencyRef: { value: currency }, ExchangeRate: rate };
  }

  /**
   * The client's QuickBooks customer in `currency` (a customer's currency is fixed at creation): by
   * ledger, else (home currency) by primary email or display name, else created (requestid per client
   * and currency). A foreign-currency customer is named "Client (EUR)", display names being unique.
   */
  async customerFor({ conn, qb }: BooksCtx, clientId: string, currency: string): Promise<string> {
    const home = !conn.homeCurrency || currency === conn.homeCurrency;
    const [kind, key] = home
      ? (['CLIENT', clientId] as const)
      : (['CLIENT_CURRENCY', clientCurrencyKey(clientId, currency)] as const);
    const known = await findLink(this.db.manager, conn.orgId, kind, key);
    if (known) return known.qbId;
    const client = await this.db.manager.findOneByOrFail(Client, { orgId: conn.orgId, id: clientId });
    const inCurrency = (c: QbEntity | null) =>
      c && (!c.CurrencyRef?.value || c.CurrencyRef.value === currency) ? c : null;
    const name = home ? client.name : foreignCustomerName(client.name, currency);
    let customer = home && client.billingEmail ? inCurrency(await qb.findCustomerByEmail(client.billingEmail)) : null;
    if (!customer) {
      try {
        customer = await qb.createCustomer(
          {
            DisplayName: name,
            CompanyName: client.name,
            PrimaryEmailAddr: { Address: client.billingEmail },
            ...(client.billingAddress ? { BillAddr: toBillAddr(client.billingAddress) } : {}),
            ...(home ? {} : { CurrencyRef: { value: currency } }),
          },
          requestIdFor('customer', conn.realmId!, ...(home ? [clientId] : [clientId, currency])),
        );
      } catch (e) {
        // Same display name already in the books (under another email): that is this client.
        if (!(e instanceof QuickBooksApiError && e.code === '6240')) throw e;
        customer = inCurrency(await qb.findCustomerByName(name));
        if (!customer) throw e;
      }
    }
    await recordLink(this.db.manager, conn.orgId, conn.realmId!, kind, key, String(customer.Id), {
      syncToken: customer.SyncToken,
      pushed: ownedCustomer(customer),
    });
    return String(customer.Id);
  }

  /** The company's country, read once from QuickBooks for connections made before it was recorded. */
  async companyCountry({ conn, qb }: Pick<BooksCtx, 'conn' | 'qb'>): Promise<string | null> {
    if (conn.companyCountry) return conn.companyCountry;
    const { country } = await qb.companyInfo();
    if (country) await this.db.getRepository(QuickBooksConnection).update({ id: conn.id }, { companyCountry: country });
    return (conn.companyCountry = country);
  }

  /**
   * The invoice's tax as QuickBooks tax codes: each line's TaxCodeRef and the TxnTaxDetail, or a refusal.
   * The TotalTax sent is Settle's; where QuickBooks' own rounding would differ, the note says so.
   */
  async taxFields(
    ctx: BooksCtx,
    invoice: Invoice,
    lines: InvoiceLine[],
  ): Promise<{ lineCodes: Array<string | null>; detail: QbEntity | null; note: string | null }> {
    const taxed = invoice.taxTotal !== 0 || lines.some((l) => l.taxRateBps > 0);
    const plan = taxPlan({
      us: (await this.companyCountry(ctx)) === 'US',
      invoiceNumber: invoice.number,
      currency: invoice.currency,
      lines: lines.map((l) => ({ amount: l.amount, taxRateBps: l.taxRateBps })),
      taxTotal: invoice.taxTotal,
      codes: taxed ? await ctx.qb.listTaxCodes() : [],
      overrides: ctx.conn.taxCodes ?? {},
    });
    if ('refuse' in plan) throw refusal(plan.refuse);
    const note = plan.roundingDelta ? roundingNote(plan.roundingDelta, invoice.currency) : null;
    return { lineCodes: plan.lineCodes, detail: plan.txnTaxDetail, note };
  }

  /** QuickBooks' total must be Settle's: a difference is an exception for a person (the write stays). */
  async checkTotal(ctx: BooksCtx, invoice: Invoice, saved: QbEntity): Promise<void> {
    const qbTotal = fromQbAmount(Number(saved.TotalAmt), invoice.currency);
    if (qbTotal === invoice.total) return;
    const amount = (m: number) => `${toQbAmount(m, invoice.currency)} ${invoice.currency}`;
    await this.db.getRepository(QuickBooksException).insert({
      orgId: ctx.conn.orgId,
      operationId: ctx.op.id,
      kind: 'TOTAL_MISMATCH',
      message:
        `Invoice ${invoice.number} totals ${amount(invoice.total)} in Settle but ${amount(qbTotal)} in QuickBooks ` +
        `(QuickBooks invoice ${String(saved.Id)}). Check its lines and tax in QuickBooks.`,
      detail: { entityId: invoice.id, qbId: String(saved.Id), settleTotal: invoice.total, quickBooksTotal: qbTotal },
    } as never);
  }
}
