// node-quickbooks 2.0.50 is CommonJS (`module.exports = QuickBooks`); under NodeNext its shipped typings
// would type the default import as the module namespace. The tests only need the endpoint statics and a
// constructor; every SDK method is called untyped (Settle's server keeps the detailed typing).
declare module 'node-quickbooks' {
  class QuickBooks {
    static V3_ENDPOINT_BASE_URL: string;
    static TOKEN_URL: string;
    static REVOKE_URL: string;
    constructor(...args: unknown[]);
    [method: string]: any;
  }
  export = QuickBooks;
}
