// Multicurrency as QBO models it: the company's Preferences.CurrencyPrefs decide whether a
// transaction may be in anything but the home currency; a foreign transaction carries an
// ExchangeRate (home units per foreign unit) and Home* amounts in the home currency.
import { errors } from '../faults.js';
import type { Json } from '../types.js';
import { type OpCtx, num, round2 } from './common.js';

const NAMES: Record<string, string> = {
  USD: 'United States Dollar',
  EUR: 'Euro',
  GBP: 'British Pound Sterling',
  CAD: 'Canadian Dollar',
  AUD: 'Australian Dollar',
};

export function currencyRef(code: string): Json {
  return { value: code, name: NAMES[code] ?? code };
}

export function currencyPrefs(ctx: OpCtx): { enabled: boolean; home: string } {
  const prefs = ctx.store.get(ctx.realm, 'Preferences', '1')?.entity.CurrencyPrefs;
  return { enabled: prefs?.MultiCurrencyEnabled === true, home: String(prefs?.HomeCurrency?.value ?? 'USD') };
}

function codeOf(ref: unknown): string | undefined {
  const v = ref && typeof ref === 'object' ? (ref as Json).value : ref;
  return typeof v === 'string' && v.trim() ? v.trim().toUpperCase() : undefined;
}

/** A name list's currency (Customer): foreign only with multicurrency on. */
export function entityCurrency(ctx: OpCtx, input: Json, existing?: Json): Json {
  const { enabled, home } = currencyPrefs(ctx);
  const code = codeOf(input.CurrencyRef) ?? codeOf(existing?.CurrencyRef) ?? home;
  if (code !== home && !enabled) throw multicurrencyOff(code, home);
  if (!/^[A-Z]{3}$/.test(code)) throw errors.invalidRef(`CurrencyRef (${code})`);
  return currencyRef(code);
}

/**
 * CurrencyRef, ExchangeRate and the home-currency total of a transaction for `customer`:
 * its currency defaults to the customer's and must match it.
 */
export function transactionCurrency(ctx: OpCtx, input: Json, customer: Json | undefined, total: number): Json {
  const { enabled, home } = currencyPrefs(ctx);
  const customerCode = codeOf(customer?.CurrencyRef) ?? home;
  const code = codeOf(input.CurrencyRef) ?? customerCode;
  if (code !== home && !enabled) throw multicurrencyOff(code, home);
  if (code !== customerCode)
    throw errors.business(
      `The currency of the transaction (${code}) must match the customer's currency (${customerCode})`,
    );
  if (!enabled) return { CurrencyRef: currencyRef(code), HomeTotalAmt: total };
  const rate = code === home ? 1 : num(input.ExchangeRate);
  if (rate === undefined) throw errors.required('ExchangeRate');
  if (rate <= 0) throw errors.business('ExchangeRate must be greater than zero');
  return { CurrencyRef: currencyRef(code), ExchangeRate: rate, HomeTotalAmt: round2(total * rate) };
}

/**
 * The currency of a transaction with no customer to follow (a Purchase): its CurrencyRef, else the home
 * currency; a foreign one needs multicurrency on and an ExchangeRate, and the paying account (`account`,
 * a bank or card account) must hold the home currency or that one.
 */
export function ownCurrency(ctx: OpCtx, input: Json, account: Json, total: number): Json {
  const { enabled, home } = currencyPrefs(ctx);
  const code = codeOf(input.CurrencyRef) ?? home;
  if (code !== home && !enabled) throw multicurrencyOff(code, home);
  if (!/^[A-Z]{3}$/.test(code)) throw errors.invalidRef(`CurrencyRef (${code})`);
  const accountCode = codeOf(account.CurrencyRef) ?? home;
  if (accountCode !== home && accountCode !== code)
    throw errors.business(
      `The currency of the transaction (${code}) must match the currency of account ${String(account.Name)} (${accountCode})`,
    );
  if (!enabled) return { CurrencyRef: currencyRef(code), HomeTotalAmt: total };
  const rate = code === home ? 1 : num(input.ExchangeRate);
  if (rate === undefined) throw errors.required('ExchangeRate');
  if (rate <= 0) throw errors.business('ExchangeRate must be greater than zero');
  return { CurrencyRef: currencyRef(code), ExchangeRate: rate, HomeTotalAmt: round2(total * rate) };
}

function multicurrencyOff(code: string, home: string) {
  return errors.business(
    `Multicurrency is not enabled for this company: transactions can only be in the home currency (${home}), not ${code}`,
  );
}
