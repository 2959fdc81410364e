import QuickBooks from 'node-quickbooks';
import {
  type AccountingProvider,
  type QbEntity,
  type QbRef,
  type QueryableEntity,
  QuickBooksApiError,
  normaliseQbError,
} from './accounting-provider.js';
import type { CompanyCurrency } from './qbo-currency.js';
import type { QbTaxCode } from './qbo-tax.js';
import type { QuickBooksSettings } from './quickbooks-settings.js';
import type { RealmPacer } from './realm-throttle.js';

/** Points the SDK's process-wide endpoints at the emulator. Never setOauthVersion('2.0'): it fetches Intuit's discovery doc. */
export function pointSdk(settings: QuickBooksSettings): void {
  QuickBooks.V3_ENDPOINT_BASE_URL = settings.v3BaseUrl;
  QuickBooks.TOKEN_URL = settings.tokenUrl;
  QuickBooks.REVOKE_URL = settings.revokeUrl;
}

export interface TokenSource {
  accessToken(): Promise<string>;
  /** Called once on a 401: returns a fresh access token (refreshing and persisting the rotation). */
  refreshed(): Promise<string>;
}

/** The SDK's write and read methods the sync uses (each takes the entity, or its id, and a callback). */
type SdkWrite =
  | 'createCustomer'
  | 'updateCustomer'
  | 'createInvoice'
  | 'updateInvoice'
  | 'voidInvoice'
  | 'createPayment'
  | 'voidPayment'
  | 'updatePayment'
  | 'createCreditMemo'
  | 'createPurchase'
  | 'createRefundReceipt'
  | 'deleteRefundReceipt'
  | 'createDeposit'
  | 'deleteDeposit'
  | 'createPaymentMethod';
type SdkRead = 'getCustomer' | 'getInvoice' | 'getPayment' | 'getRefundReceipt' | 'getDeposit';

const FINDERS = {
  Invoice: 'findInvoices',
  Payment: 'findPayments',
  RefundReceipt: 'findRefundReceipts',
  Purchase: 'findPurchases',
  Deposit: 'findDeposits',
} as const;

/** The AccountingProvider over the real node-quickbooks SDK (callbacks wrapped in promises). */
export class NodeQuickBooksProvider implements AccountingProvider {
  requestCount = 0;

  constructor(
    readonly realmId: string,
    private readonly settings: QuickBooksSettings,
    private readonly tokens: TokenSource,
    private readonly pacer: RealmPacer,
  ) {}

  private client(token: string): QuickBooks {
    const qbo = new QuickBooks(
      this.settings.clientId,
      this.settings.clientSecret,
      token,
      false,
      this.realmId,
      this.settings.environment === 'sandbox',
      false,
      null,
      '2.0',
      null,
    );
    qbo.endpoint = this.settings.v3BaseUrl; // the SDK strips "sandbox-" for production; we chose the URL already
    return qbo;
  }

  /** One SDK call: paced per realm, bounded by a timeout, retried once after a token refresh on 401. */
  private async call<T>(invoke: (qbo: QuickBooks, cb: (err: any, data: any) => void) => void): Promise<T> {
    let token = await this.tokens.accessToken();
    for (let attempt = 0; ; attempt++) {
      await this.pacer.wait(this.realmId, this.settings.requestsPerSecond);
      this.requestCount++;
      try {
        return await new Promise<T>((resolve, reject) => {
          const timer = setTimeout(
            () =>
              reject(
                Object.assign(new Error(`QuickBooks request timed out after ${this.settings.timeoutMs} ms`), {
                  timeout: true,
                }),
              ),
            this.settings.timeoutMs,
          );
          invoke(this.client(token), (err, data) => {
            clearTimeout(timer);
            if (err) reject(err);
            else resolve(data as T);
          });
        });
      } catch (e) {
        const err = normaliseQbError(e);
        if (err.kind === 'AUTH' && attempt === 0) {
          token = await this.tokens.refreshed();
          continue;
        }
        throw err;
      }
    }
  }

  private withRequestId(entity: QbEntity, requestId: string): QbEntity {
    // The SDK deletes requestId from the object it is given, so each call gets a fresh copy.
    return { ...structuredClone(entity), requestId };
  }

  async companyInfo(): Promise<{ name: string; country: string | null }> {
    const info = await this.call<QbEntity>((q, cb) => q.getCompanyInfo(this.realmId, cb));
    const country = info?.Country ?? info?.CompanyAddr?.Country;
    return { name: String(info?.CompanyName ?? ''), country: country ? String(country) : null };
  }

  private async findOne(criteria: Record<string, unknown>, what: 'findCustomers'): Promise<QbEntity | null> {
    const body = await this.call<QbEntity>((q, cb) => q[what]({ ...criteria, limit: 1 }, cb));
    return body?.QueryResponse?.Customer?.[0] ?? null;
  }

  findCustomerByEmail(email: string) {
    return this.findOne({ PrimaryEmailAddr: email }, 'findCustomers');
  }
  findCustomerByName(name: string) {
    return this.findOne({ DisplayName: name }, 'findCustomers');
  }
  /** A write through the SDK method `method`, with its requestid (a replay answers the first response). */
  private write(method: SdkWrite, entity: QbEntity, rid: string): Promise<QbEntity> {
    return this.call<QbEntity>((q, cb) => q[method](this.withRequestId(entity, rid), cb));
  }

  private read(method: SdkRead, id: string): Promise<QbEntity> {
    return this.call<QbEntity>((q, cb) => q[method](id, cb));
  }

  createCustomer = (c: QbEntity, rid: string) => this.write('createCustomer', c, rid);
  getCustomer = (id: string) => this.read('getCustomer', id);
  updateCustomer = (c: QbEntity, rid: string) => this.write('updateCustomer', { ...c, sparse: true }, rid);
  createInvoice = (i: QbEntity, rid: string) => this.write('createInvoice', i, rid);
  getInvoice = (id: string) => this.read('getInvoice', id);
  updateInvoice = (i: QbEntity, rid: string) => this.write('updateInvoice', { ...i, sparse: true }, rid);
  voidInvoice = (ref: { Id: string; SyncToken: string }, rid: string) => this.write('voidInvoice', ref, rid);
  createPayment = (p: QbEntity, rid: string) => this.write('createPayment', p, rid);
  getPayment = (id: string) => this.read('getPayment', id);
  voidPayment = (ref: { Id: string; SyncToken: string }, rid: string) => this.write('voidPayment', ref, rid);
  applyPaymentToInvoice = (
    ref: { Id: string; SyncToken: string; Line: QbEntity[] },
    line: { Amount: number; invoiceId: string },
    rid: string,
  ) =>
    this.write(
      'updatePayment',
      {
        ...ref,
        sparse: true,
        // Line is replaced as a whole in a sparse update: the lines it has stay, the new one is added.
        Line: [...ref.Line, { Amount: line.Amount, LinkedTxn: [{ TxnId: line.invoiceId, TxnType: 'Invoice' }] }],
      },
      rid,
    );
  createCreditMemo = (m: QbEntity, rid: string) => this.write('createCreditMemo', m, rid);
  createPurchase = (p: QbEntity, rid: string) => this.write('createPurchase', p, rid);
  createRefundReceipt = (r: QbEntity, rid: string) => this.write('createRefundReceipt', r, rid);
  getRefundReceipt = (id: string) => this.read('getRefundReceipt', id);
  deleteRefundReceipt = (ref: { Id: string; SyncToken: string }, rid: string) =>
    this.write('deleteRefundReceipt', ref, rid);
  createDeposit = (d: QbEntity, rid: string) => this.write('createDeposit', d, rid);
  getDeposit = (id: string) => this.read('getDeposit', id);
  deleteDeposit = (ref: { Id: string; SyncToken: string }, rid: string) => this.write('deleteDeposit', ref, rid);
  createPaymentMethod = (m: QbEntity, rid: string) => this.write('createPaymentMethod', m, rid);

  sendInvoice(id: string, email?: string) {
    // The SDK concatenates sendTo unencoded; encode it so a "+" survives.
    return this.call<QbEntity>((q, cb) =>
      email ? q.sendInvoicePdf(id, encodeURIComponent(email), cb) : q.sendInvoicePdf(id, cb),
    );
  }
  async currencyPrefs(): Promise<CompanyCurrency> {
    const prefs = await this.call<QbEntity>((q, cb) => q.getPreferences(cb));
    const c = prefs?.CurrencyPrefs ?? {};
    return { home: String(c.HomeCurrency?.value ?? 'USD'), multiCurrency: String(c.MultiCurrencyEnabled) === 'true' };
  }

  async exchangeRate(currency: string, date: string): Promise<number> {
    const body = await this.call<QbEntity>((q, cb) =>
      q.getExchangeRate({ sourcecurrencycode: currency, asofdate: date }, cb),
    );
    const rate = Number(body?.ExchangeRate?.Rate);
    if (!(rate > 0))
      throw new QuickBooksApiError(`QuickBooks has no exchange rate for ${currency}`, 'FATAL', null, null);
    return rate;
  }

  async listTaxCodes(): Promise<QbTaxCode[]> {
    const [codes, rates] = await Promise.all([
      this.call<QbEntity>((q, cb) => q.findTaxCodes({ fetchAll: true }, cb)),
      this.call<QbEntity>((q, cb) => q.findTaxRates({ fetchAll: true }, cb)),
    ]);
    const rateValue = new Map<string, number>(
      (rates?.QueryResponse?.TaxRate ?? []).map((r: QbEntity) => [String(r.Id), Number(r.RateValue ?? 0)]),
    );
    return (codes?.QueryResponse?.TaxCode ?? []).map((c: QbEntity) => {
      const details: QbEntity[] = c.SalesTaxRateList?.TaxRateDetail ?? [];
      return {
        id: String(c.Id),
        name: String(c.Name),
        active: c.Active !== false,
        salesRatePercent: details.length
          ? details.reduce((s, d) => s + (rateValue.get(String(d.TaxRateRef?.value)) ?? 0), 0)
          : null,
      };
    });
  }

  async listItems(): Promise<QbRef[]> {
    const body = await this.call<QbEntity>((q, cb) => q.findItems({ Type: 'Service', fetchAll: true }, cb));
    return (body?.QueryResponse?.Item ?? []).map((i: QbEntity) => ({
      id: String(i.Id),
      name: String(i.Name),
      type: String(i.Type),
      active: i.Active !== false,
    }));
  }

  /** Every entry of a name list, as refs (`typeField` holds its type). */
  private async listRefs(
    find: 'findAccounts' | 'findPaymentMethods',
    entity: string,
    typeField: string,
  ): Promise<QbRef[]> {
    const body = await this.call<QbEntity>((q, cb) => q[find]({ fetchAll: true }, cb));
    return (body?.QueryResponse?.[entity] ?? []).map((e: QbEntity) => ({
      id: String(e.Id),
      name: String(e.Name),
      type: String(e[typeField]),
      active: e.Active !== false,
    }));
  }

  listAccounts = () => this.listRefs('findAccounts', 'Account', 'AccountType');
  listPaymentMethods = () => this.listRefs('findPaymentMethods', 'PaymentMethod', 'Type');
  async queryPage(entity: QueryableEntity, range: { from: string; to?: string }, start: number, max: number) {
    const criteria: Array<Record<string, unknown>> = [{ field: 'TxnDate', value: range.from, operator: '>=' }];
    if (range.to) criteria.push({ field: 'TxnDate', value: range.to, operator: '<=' });
    criteria.push({ field: 'asc', value: 'Id' }, { field: 'offset', value: start }, { field: 'limit', value: max });
    const body = await this.call<QbEntity>((q, cb) => q[FINDERS[entity]](criteria, cb));
    return (body?.QueryResponse?.[entity] ?? []) as QbEntity[];
  }

  async changesSince(entities: string[], since: string) {
    const body = await this.call<QbEntity>((q, cb) => q.changeDataCapture(entities, since, cb));
    const changed: Record<string, QbEntity[]> = {};
    for (const block of body?.CDCResponse ?? []) {
      for (const qr of block?.QueryResponse ?? []) {
        for (const [name, rows] of Object.entries(qr)) if (Array.isArray(rows)) (changed[name] ??= []).push(...rows);
      }
    }
    return { changed, time: String(body?.time ?? new Date().toISOString()) };
  }

  async revoke(refreshToken: string): Promise<void> {
    const qbo = this.client(await this.tokens.accessToken());
    qbo.refreshToken = refreshToken;
    await new Promise<void>((resolve, reject) =>
      qbo.revokeAccess(true, (err) => (err ? reject(normaliseQbError(err)) : resolve())),
    );
  }
}

export { QuickBooksApiError };
