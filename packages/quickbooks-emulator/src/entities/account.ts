// Account (chart of accounts). Classification is derived from AccountType as in QBO.
import { errors } from '../faults.js';
import type { Json } from '../types.js';
import { type EntityDef, assertUniqueName, checkEnum, requireString } from './common.js';
import { entityCurrency } from './currency.js';

export const ACCOUNT_TYPES: Record<string, { classification: string; subType: string }> = {
  Bank: { classification: 'Asset', subType: 'Checking' },
  'Accounts Receivable': { classification: 'Asset', subType: 'AccountsReceivable' },
  'Other Current Asset': { classification: 'Asset', subType: 'OtherCurrentAssets' },
  'Fixed Asset': { classification: 'Asset', subType: 'MachineryAndEquipment' },
  'Other Asset': { classification: 'Asset', subType: 'OtherLongTermAssets' },
  'Accounts Payable': { classification: 'Liability', subType: 'AccountsPayable' },
  'Credit Card': { classification: 'Liability', subType: 'CreditCard' },
  'Other Current Liability': { classification: 'Liability', subType: 'OtherCurrentLiabilities' },
  'Long Term Liability': { classification: 'Liability', subType: 'OtherLongTermLiabilities' },
  Equity: { classification: 'Equity', subType: 'OpeningBalanceEquity' },
  Income: { classification: 'Revenue', subType: 'ServiceFeeIncome' },
  'Cost of Goods Sold': { classification: 'Expense', subType: 'SuppliesMaterialsCogs' },
  Expense: { classification: 'Expense', subType: 'OtherMiscellaneousServiceCost' },
  'Other Income': { classification: 'Revenue', subType: 'OtherMiscellaneousIncome' },
  'Other Expense': { classification: 'Expense', subType: 'OtherMiscellaneousExpense' },
  'Non-Posting': { classification: 'Asset', subType: 'PurchaseOrder' },
};

export const accountDef: EntityDef = {
  name: 'Account',
  nameList: true,
  readOnly: ['CurrentBalance', 'CurrentBalanceWithSubAccounts', 'FullyQualifiedName', 'Classification'],
  normalize(input, ctx, existing) {
    const name = requireString(input, 'Name').trim();
    if (name.includes(':')) throw errors.business('Account Name cannot contain a colon (:)');
    assertUniqueName(ctx, 'Account', 'Name', name, existing?.entity.Id, 'account');
    if (input.AccountType === undefined) throw errors.required('AccountType');
    const type = checkEnum(input.AccountType, Object.keys(ACCOUNT_TYPES), 'AccountType');
    const out: Json = { ...input, Name: name, AccountType: type };
    out.FullyQualifiedName = name;
    out.SubAccount ??= false;
    out.Active = input.Active ?? true;
    out.Classification = ACCOUNT_TYPES[type].classification;
    out.AccountSubType ??= ACCOUNT_TYPES[type].subType;
    out.CurrentBalance = existing?.entity.CurrentBalance ?? 0;
    out.CurrentBalanceWithSubAccounts = existing?.entity.CurrentBalanceWithSubAccounts ?? 0;
    // The currency it holds: foreign only with multicurrency on, and fixed once the account exists.
    const held = existing?.entity.CurrencyRef as Json | undefined;
    const currency = entityCurrency(ctx, held ? {} : input, held);
    const asked = (input.CurrencyRef as Json | undefined)?.value;
    if (held && typeof asked === 'string' && asked.toUpperCase() !== held.value)
      throw errors.business(`The currency of account ${name} (${String(held.value)}) cannot be changed`);
    out.CurrencyRef = currency;
    return out;
  },
};
