// The sandbox company every new realm starts with: enough chart of accounts, items,
// terms and payment methods for an invoice-to-cash flow (Stripe payouts and fees included).
import type { EntityRecord, Json, RealmState } from './types.js';
import { ACCOUNT_TYPES } from './entities/account.js';
import { USD, newEntity } from './entities/common.js';

const ACCOUNTS: [name: string, type: string, subType?: string][] = [
  ['Checking', 'Bank', 'Checking'],
  ['Savings', 'Bank', 'Savings'],
  ['Stripe Clearing', 'Bank', 'CashOnHand'],
  ['Accounts Receivable (A/R)', 'Accounts Receivable', 'AccountsReceivable'],
  ['Undeposited Funds', 'Other Current Asset', 'UndepositedFunds'],
  ['Accounts Payable (A/P)', 'Accounts Payable', 'AccountsPayable'],
  ['Visa Business Card', 'Credit Card', 'CreditCard'],
  ['Opening Balance Equity', 'Equity', 'OpeningBalanceEquity'],
  ['Services', 'Income', 'ServiceFeeIncome'],
  ['Sales of Product Income', 'Income', 'SalesOfProductIncome'],
  ['Consulting Income', 'Income', 'ServiceFeeIncome'],
  ['Cost of Goods Sold', 'Cost of Goods Sold', 'SuppliesMaterialsCogs'],
  ['Stripe Fees', 'Expense', 'BankCharges'],
  ['Bank Charges', 'Expense', 'BankCharges'],
  ['Advertising', 'Expense', 'AdvertisingPromotional'],
  ['Office Expenses', 'Expense', 'OfficeGeneralAdministrativeExpenses'],
  ['Rent or Lease', 'Expense', 'RentOrLeaseOfBuildings'],
  ['Software Subscriptions', 'Expense', 'OtherMiscellaneousServiceCost'],
  ['Interest Earned', 'Other Income', 'InterestEarned'],
];

const ITEMS: [name: string, price: number, income: string, description: string][] = [
  ['Services', 0, 'Services', 'Default service item'],
  ['Consulting', 150, 'Consulting Income', 'Consulting (per hour)'],
  ['Managed Services', 1200, 'Services', 'Managed services (monthly retainer)'],
  ['Hours', 95, 'Services', 'Billable hours'],
  ['Implementation', 2500, 'Services', 'Fixed-fee implementation package'],
  ['Software License', 49, 'Sales of Product Income', 'Software license (per seat, monthly)'],
];

const TERMS: [string, number][] = [
  ['Due on receipt', 0],
  ['Net 15', 15],
  ['Net 30', 30],
  ['Net 60', 60],
];
const METHODS: [string, string][] = [
  ['Cash', 'NON_CREDIT_CARD'],
  ['Check', 'NON_CREDIT_CARD'],
  ['Visa', 'CREDIT_CARD'],
  ['MasterCard', 'CREDIT_CARD'],
  ['American Express', 'CREDIT_CARD'],
  ['Discover', 'CREDIT_CARD'],
  ['ACH', 'NON_CREDIT_CARD'],
  ['Stripe', 'NON_CREDIT_CARD'],
];
const CUSTOMERS: [display: string, given: string, family: string, email: string][] = [
  ["Amy's Bird Sanctuary", 'Amy', 'Lauterbach', 'birds@intuit.com'],
  ['Cool Cars', 'Grace', 'Pariente', 'cool_cars@intuit.com'],
  ['Kookies by Kathy', 'Kathy', 'Kuplis', 'qbwebsamplecompany@yahoo.com'],
];

/**
 * One California rate behind a "California" TaxCode, plus the US pseudo codes TAX and NON that
 * sales lines reference by those very Ids.
 */
function seedSalesTax(add: (name: string, fields: Json, fixedId?: string) => Json) {
  const rate = add('TaxRate', {
    Name: 'California',
    Description: 'California state sales tax',
    Active: true,
    RateValue: 7.25,
    AgencyRef: { value: '1' },
    SpecialTaxType: 'NONE',
    DisplayType: 'ReadOnly',
  });
  const rateList = {
    TaxRateDetail: [
      { TaxRateRef: { value: rate.Id, name: 'California' }, TaxTypeApplicable: 'TaxOnAmount', TaxOrder: 0 },
    ],
  };
  const code = (fields: Json) => ({ Active: true, Hidden: false, TaxGroup: false, ...fields });
  add(
    'TaxCode',
    code({
      Name: 'California',
      Description: 'California',
      Taxable: true,
      SalesTaxRateList: rateList,
      PurchaseTaxRateList: { TaxRateDetail: [] },
    }),
  );
  for (const [id, taxable] of [
    ['TAX', true],
    ['NON', false],
  ] as const) {
    add('TaxCode', code({ Name: id, Description: id, Taxable: taxable }), id);
  }
}

export function seedRealm(realmId: string, now: number): RealmState {
  const records: Record<string, Record<string, EntityRecord>> = {};
  const nextId: Record<string, number> = {};
  const add = (name: string, fields: Json, fixedId?: string): Json => {
    let id = fixedId;
    if (id === undefined) {
      id = String((nextId[name] ??= 1));
      nextId[name] += 1;
    }
    const entity = newEntity(id, now, fields);
    (records[name] ??= {})[id] = { entity };
    return entity;
  };

  add('CompanyInfo', {
    CompanyName: 'Settle Sandbox Company',
    LegalName: 'Settle Sandbox Company LLC',
    CompanyAddr: {
      Id: '1',
      Line1: '2500 Garcia Ave',
      City: 'Mountain View',
      Country: 'US',
      CountrySubDivisionCode: 'CA',
      PostalCode: '94043',
    },
    CustomerCommunicationAddr: {
      Id: '1',
      Line1: '2500 Garcia Ave',
      City: 'Mountain View',
      CountrySubDivisionCode: 'CA',
      PostalCode: '94043',
    },
    LegalAddr: {
      Id: '1',
      Line1: '2500 Garcia Ave',
      City: 'Mountain View',
      CountrySubDivisionCode: 'CA',
      PostalCode: '94043',
    },
    PrimaryPhone: { FreeFormNumber: '(650) 555-0100' },
    Email: { Address: 'noreply@settle.example' },
    WebAddr: { URI: 'https://settle.example' },
    CompanyStartDate: '2024-01-01',
    FiscalYearStartMonth: 'January',
    Country: 'US',
    SupportedLanguages: 'en',
    DefaultTimeZone: 'America/Los_Angeles',
    NameValue: [
      { Name: 'NeoEnabled', Value: 'true' },
      { Name: 'IsQbdtMigrated', Value: 'false' },
      { Name: 'SubscriptionStatus', Value: 'SUBSCRIBED' },
      { Name: 'OfferingSku', Value: 'QuickBooks Online Plus' },
      { Name: 'PayrollFeature', Value: 'false' },
      { Name: 'AccountantFeature', Value: 'false' },
    ],
  });
  add('Preferences', {
    CurrencyPrefs: { MultiCurrencyEnabled: false, HomeCurrency: { value: 'USD' } },
    TaxPrefs: { UsingSalesTax: true, PartnerTaxEnabled: true },
  });
  seedSalesTax(add);
  const accountIds = new Map<string, string>();
  for (const [name, type, subType] of ACCOUNTS) {
    const a = add('Account', {
      Name: name,
      SubAccount: false,
      FullyQualifiedName: name,
      Active: true,
      Classification: ACCOUNT_TYPES[type].classification,
      AccountType: type,
      AccountSubType: subType ?? ACCOUNT_TYPES[type].subType,
      CurrentBalance: 0,
      CurrentBalanceWithSubAccounts: 0,
      CurrencyRef: USD,
    });
    accountIds.set(name, a.Id);
  }
  for (const [name, price, income, description] of ITEMS) {
    add('Item', {
      Name: name,
      Description: description,
      Active: true,
      FullyQualifiedName: name,
      Taxable: false,
      UnitPrice: price,
      Type: 'Service',
      IncomeAccountRef: { value: accountIds.get(income), name: income },
      PurchaseCost: 0,
      TrackQtyOnHand: false,
      SalesTaxIncluded: false,
      PurchaseTaxIncluded: false,
    });
  }
  for (const [name, days] of TERMS)
    add('Term', { Name: name, Active: true, Type: 'STANDARD', DueDays: days, DiscountPercent: 0, DiscountDays: 0 });
  for (const [name, type] of METHODS) add('PaymentMethod', { Name: name, Active: true, Type: type });
  for (const [display, given, family, email] of CUSTOMERS) {
    add('Customer', {
      GivenName: given,
      FamilyName: family,
      DisplayName: display,
      FullyQualifiedName: display,
      PrintOnCheckName: display,
      CompanyName: display,
      PrimaryEmailAddr: { Address: email },
      Active: true,
      Taxable: false,
      Job: false,
      BillWithParent: false,
      Balance: 0,
      BalanceWithJobs: 0,
      CurrencyRef: USD,
      PreferredDeliveryMethod: 'Print',
      IsProject: false,
    });
  }
  return { realmId, records, nextId, nextDocNumber: 1001, requestIds: {} };
}
