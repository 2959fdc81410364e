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
      consumerKey: string,
      consumerSecret: string,
      token: string,
      tokenSecret: string | false,
      realmId: string,
      useSandbox: boolean,
      debug?: boolean,
      minorversion?: string | number | null,
      oauthversion?: string,
      refreshToken?: string | null,
    );

    token: string;
    refreshToken?: string | null;
    realmId: string;
    endpoint: string;
    minorversion: string | number;

    refreshAccessToken(
      cb: QboCallback<{
        access_token: string;
        refresh_token: string;
        expires_in: number;
        x_refresh_token_expires_in: number;
        token_type: string;
      }>,
    ): void;
    revokeAccess(useRefresh: boolean, cb: QboCallback): void;
    batch(items: Entity[], cb: QboCallback<{ BatchItemResponse: Entity[]; time: string }>): void;
    changeDataCapture(
      entities: string[] | string,
      since: Date | string,
      cb: QboCallback<{ CDCResponse: Entity[]; time: string }>,
    ): void;
    getCompanyInfo(realmId: string, cb: QboCallback<Entity>): void;

    // Irregular methods; the regular `<verb><Entity>` ones are declared by verb in the interface below.
    voidInvoice(idOrEntity: string | Entity, cb: QboCallback<Entity>): void;
    voidPayment(e: Entity, cb: QboCallback<Entity>): void;
    updatePayment(e: Entity, cb: QboCallback<Entity>): void;
    sendInvoicePdf(id: string, sendTo: string, cb: QboCallback<Entity>): void;
    sendInvoicePdf(id: string, cb: QboCallback<Entity>): void;
    getInvoicePdf(id: string, cb: QboCallback<Buffer>): void;

    /** The SDK has ~300 more methods following the same callback convention. */
    [method: string]: any;
  }

  /** `<verb><Entity>` methods: one signature per verb, whatever the entity. */
  type ByVerb<Verb extends string, Entities extends string, Method> = { [E in Entities as `${Verb}${E}`]: Method };
  interface QuickBooks
    extends
      ByVerb<
        'create',
        'Invoice' | 'Payment' | 'CreditMemo' | 'Purchase' | 'Customer' | 'Item' | 'Account',
        (e: Entity, cb: QboCallback<Entity>) => void
      >,
      ByVerb<
        'get',
        'Invoice' | 'Payment' | 'CreditMemo' | 'Purchase' | 'Customer',
        (id: string, cb: QboCallback<Entity>) => void
      >,
      ByVerb<'update', 'Invoice' | 'Payment' | 'Customer', (e: Entity, cb: QboCallback<Entity>) => void>,
      ByVerb<
        'delete',
        'Invoice' | 'Payment' | 'Purchase',
        (idOrEntity: string | Entity, cb: QboCallback<Entity>) => void
      >,
      ByVerb<'find', 'Invoices' | 'Payments', (criteria: unknown, cb: QboCallback<Entity>) => void>,
      ByVerb<
        'find',
        'Customers' | 'Items' | 'Accounts' | 'Terms' | 'PaymentMethods',
        (criteria: unknown, cb?: QboCallback<Entity>) => void
      > {}

  export = QuickBooks;
}
