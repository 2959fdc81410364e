// How a Settle currency is booked in QuickBooks. A QuickBooks customer's currency is fixed when it is
// created, so a client invoiced in a currency other than the company's home currency gets a customer
// of its own in that currency (one per client and currency). Pure functions, unit-tested in qbo-tax.test.ts.

/** The company's Preferences.CurrencyPrefs. */
export interface CompanyCurrency {
  home: string;
  multiCurrency: boolean;
}

/** Why a document in `currency` cannot be booked in this company, for an accountant; null when it can. */
export function currencyRefusal(
  currency: string,
  company: CompanyCurrency,
  what: string,
  /** What else would do, after "or" (a client's documents: bill the client in the home currency). */
  otherwise = `bill this client in ${company.home}`,
): string | null {
  if (currency === company.home || company.multiCurrency) return null;
  return (
    `${what} is in ${currency}, but the QuickBooks company keeps its books in ${company.home} and has multicurrency ` +
    `turned off. Turn on multicurrency in QuickBooks (Settings → Account and settings → Advanced → Currency), ` +
    `then retry; or ${otherwise}.`
  );
}

/** The other way out for what Stripe moves in a foreign currency (its fees, payouts): Stripe converts it. */
export const stripeSettlesInHome = (home: string) =>
  `have Stripe settle that currency in ${home} (Stripe Dashboard → Settings → Bank accounts and currencies)`;

/** The ledger key of a client's customer in a foreign currency. */
export const clientCurrencyKey = (clientId: string, currency: string) => `${clientId}:${currency}`;

/** Display names are unique in QuickBooks: the foreign-currency customer carries its currency. */
export const foreignCustomerName = (name: string, currency: string) => `${name} (${currency})`.slice(0, 500);
