import type { QbEntity } from './accounting-provider.js';
import type { EffectiveMapping } from './quickbooks-mapping.service.js';
import { toQbAmount } from './qbo-amounts.js';

/** What Stripe kept (or gave back): minor units of `currency`, with the words the books show. */
export interface FeeEntry {
  amount: number;
  currency: string;
  /** PrivateNote: names the Stripe object, so the entry is found again. */
  note: string;
  /** The line's Description. */
  description: string;
  /** TxnDate (YYYY-MM-DD): the day Stripe took it on the org's wall (the caller's today there when not known). */
  date: string;
  /**
   * CurrencyRef and ExchangeRate when `currency` is not the company's home currency (multicurrency on):
   * the entry is in the currency Stripe kept it in, never the home currency by default.
   */
  currencyFields?: QbEntity;
}

/** A Stripe fee as a Purchase: debit the fee expense account, credit the Stripe clearing account it left. */
export function feePurchase(m: EffectiveMapping, fee: FeeEntry): QbEntity {
  return {
    ...fee.currencyFields,
    PaymentType: 'Cash',
    AccountRef: { value: m.feeBankAccountId },
    TxnDate: fee.date,
    PrivateNote: fee.note,
    Line: [
      {
        DetailType: 'AccountBasedExpenseLineDetail',
        Amount: toQbAmount(fee.amount, fee.currency),
        Description: fee.description,
        AccountBasedExpenseLineDetail: { AccountRef: { value: m.feeExpenseAccountId } },
      },
    ],
  };
}

/** A Stripe fee given back as a Deposit into the clearing account, out of the fee expense account. */
export function feeReturnDeposit(m: EffectiveMapping, fee: FeeEntry): QbEntity {
  return {
    ...fee.currencyFields,
    DepositToAccountRef: { value: m.feeBankAccountId },
    TxnDate: fee.date,
    PrivateNote: fee.note,
    Line: [
      {
        Amount: toQbAmount(fee.amount, fee.currency),
        DetailType: 'DepositLineDetail',
        Description: fee.description,
        DepositLineDetail: { AccountRef: { value: m.feeExpenseAccountId } },
      },
    ],
  };
}
