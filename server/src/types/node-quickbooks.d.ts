// Minimal typing for node-quickbooks 2.0.50 under NodeNext/ESM. The package ships an
// index.d.ts with `export default`, but index.js is CommonJS (`module.exports = QuickBooks`),
// so under NodeNext the default import would be typed as the module namespace. This ambient
// declaration models the runtime shape: `import QuickBooks from 'node-quickbooks'`.
// Callbacks: on HTTP >= 400 `err` is an AxiosError (QBO Fault at err.response.data); on a 200
// whose body has Fault.Error[], `err` is that body (Intuit API reference, section 1.7).
declare module 'node-quickbooks' {
  type QboCallback<T = any> = (err: any, data: T, res?: any) => void;
  type Entity = Record<string, any>;

  interface QuickBooksOptions {
    consumerKey: string;
    consumerSecret: string;
    token: string;
    tokenSecret?: string | false;
    realmId: string;
    useSandbox?: boolean;
    debug?: boolean;
    minorversion?: string | number | null;
    oauthversion?: '2.0' | '1.0a' | string;
    refreshToken?: string | null;
  }

  class QuickBooks {
    static V3_ENDPOINT_BASE_URL: string;
    static TOKEN_URL: string;
    static REVOKE_URL: string;
    static APP_CENTER_BASE: string;
    static USER_INFO_URL?: string;
    static setOauthVersion(version: string | number, useSandbox?: boolean): void;

    constructor(options: QuickBooksOptions);
    constructor(
      consumerKey: string, consumerSecret: string, token: string, tokenSecret: string | false, realmId: string,
      useSandbox: boolean, debug?: boolean, minorversion?: string | number | null, oauthversion?: string, refreshToken?: string | null,
    );

    token: string;
    refreshToken?: string | null;
    realmId: string;
    endpoint: string;
    minorversion: string | number;

    refreshAccessToken(cb: QboCallback<{ access_token: string; refresh_token: string; expires_in: number; x_refresh_token_expires_in: number; token_type: string }>): void;
    revokeAccess(useRefresh: boolean, cb: QboCallback): void;
    batch(items: Entity[], cb: QboCallback<{ BatchItemResponse: Entity[]; time: string }>): void;
    changeDataCapture(entities: string[] | string, since: Date | string, cb: QboCallback<{ CDCResponse: Entity[]; time: string }>): void;
    getCompanyInfo(realmId: string, cb: QboCallback<Entity>): void;

    createInvoice(e: Entity, cb: QboCallback<Entity>): void;
    getInvoice(id: string, cb: QboCallback<Entity>): void;
    updateInvoice(e: Entity, cb: QboCallback<Entity>): void;
    voidInvoice(idOrEntity: string | Entity, cb: QboCallback<Entity>): void;
    deleteInvoice(idOrEntity: string | Entity, cb: QboCallback<Entity>): void;
    sendInvoicePdf(id: string, sendTo: string, cb: QboCallback<Entity>): void;
    sendInvoicePdf(id: string, cb: QboCallback<Entity>): void;
    getInvoicePdf(id: string, cb: QboCallback<Buffer>): void;
    findInvoices(criteria: unknown, cb: QboCallback<Entity>): void;

    createPayment(e: Entity, cb: QboCallback<Entity>): void;
    getPayment(id: string, cb: QboCallback<Entity>): void;
    updatePayment(e: Entity, cb: QboCallback<Entity>): void;
    voidPayment(e: Entity, cb: QboCallback<Entity>): void;
    deletePayment(idOrEntity: string | Entity, cb: QboCallback<Entity>): void;
    findPayments(criteria: unknown, cb: QboCallback<Entity>): void;

    createCreditMemo(e: Entity, cb: QboCallback<Entity>): void;
    getCreditMemo(id: string, cb: QboCallback<Entity>): void;
    createPurchase(e: Entity, cb: QboCallback<Entity>): void;
    getPurchase(id: string, cb: QboCallback<Entity>): void;
    deletePurchase(idOrEntity: string | Entity, cb: QboCallback<Entity>): void;

    createCustomer(e: Entity, cb: QboCallback<Entity>): void;
    getCustomer(id: string, cb: QboCallback<Entity>): void;
    updateCustomer(e: Entity, cb: QboCallback<Entity>): void;
    findCustomers(criteria: unknown, cb?: QboCallback<Entity>): void;
    createItem(e: Entity, cb: QboCallback<Entity>): void;
    findItems(criteria: unknown, cb?: QboCallback<Entity>): void;
    createAccount(e: Entity, cb: QboCallback<Entity>): void;
    findAccounts(criteria: unknown, cb?: QboCallback<Entity>): void;
    findTerms(criteria: unknown, cb?: QboCallback<Entity>): void;
    findPaymentMethods(criteria: unknown, cb?: QboCallback<Entity>): void;

    /** The SDK has ~300 more methods following the same callback convention. */
    [method: string]: any;
  }

  export = QuickBooks;
}
