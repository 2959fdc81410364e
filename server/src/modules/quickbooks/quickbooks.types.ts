import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { IsInt, Max, Min } from 'class-validator';
import { NestedList, OptionalField, OptionalText } from '../../graphql/input-rules.js';
import type { StripeDepositTo } from './quickbooks.entities.js';
import { describedEnum } from '../../graphql/described-enum.js';

@ObjectType({ description: 'The QuickBooks sales tax code chosen for a Settle tax rate.' })
export class QuickBooksTaxCodeChoice {
  @Field(() => Int, { description: 'Settle tax rate in basis points.' }) rateBps: number;
  @Field(() => String, { description: 'The QuickBooks tax code id.' }) taxCodeId: string;
}

@InputType({ description: 'A tax code for a Settle tax rate; a null code goes back to matching the rate.' })
export class QuickBooksTaxCodeChoiceInput {
  @Field(() => Int, { description: 'The Settle tax rate in basis points (825 = 8.25%).' })
  @IsInt()
  @Min(0)
  @Max(10000)
  rateBps: number;
  @OptionalText('The QuickBooks tax code id.', 1, 64) taxCodeId?: string | null;
}

/** An object of the connected QuickBooks company offered for a choice (a tax code, an item, an account). */
@ObjectType()
abstract class QuickBooksNamed {
  @Field(() => ID, { description: 'Its QuickBooks id.' }) id: string;
  @Field(() => String, { description: 'Its name in QuickBooks.' }) name: string;
}

@ObjectType({ description: 'A sales tax code of the connected QuickBooks company.' })
export class QuickBooksTaxCode extends QuickBooksNamed {
  @Field(() => Boolean, { description: 'Whether it is active in QuickBooks.' }) active: boolean;
  @Field(() => Float, { nullable: true, description: 'Sum of its sales rates in percent; null for TAX/NON.' })
  salesRatePercent: number | null;
}

export const StripeDepositToValues = describedEnum(
  'StripeDepositTo',
  'Where Stripe payments are received in QuickBooks: a Stripe clearing (bank) account or Undeposited Funds.',
  {
    CLEARING_ACCOUNT: 'A Stripe clearing account; the payout moves the balance to the bank.',
    UNDEPOSITED_FUNDS: "QuickBooks' Undeposited Funds; the payout's deposit moves them to the bank.",
  },
);

@ObjectType({ description: 'How Settle books invoices and payments in QuickBooks, with defaults applied.' })
export class QuickBooksMappingView {
  @Field(() => String, { nullable: true, description: 'Chosen default Service item; null = the fallback.' })
  defaultItemId: string | null;
  @Field(() => String, { description: 'The name of the default item.', nullable: true }) defaultItemName: string | null;
  @Field(() => String, { nullable: true, description: 'First active Service item, used when no default is chosen.' })
  fallbackItemId: string | null;
  @Field(() => String, { description: 'The income account of items Settle creates.', nullable: true }) incomeAccountId:
    string | null;
  @Field(() => String, { description: "That account's name.", nullable: true }) incomeAccountName: string | null;
  @Field(() => Boolean, { description: 'Stripe is connected too (online payment toggles then default OFF).' })
  stripeConnected: boolean;
  @Field(() => Boolean, { description: 'Master switch for QuickBooks Pay Now on pushed invoices.' })
  payNowEnabled: boolean;
  @Field(() => Boolean, { description: 'QuickBooks-sent invoices can be paid by card.' }) cardEnabled: boolean;
  @Field(() => Boolean, { description: 'QuickBooks-sent invoices can be paid by bank transfer (ACH).' })
  achEnabled: boolean;
  @Field(() => String, { description: 'The expense account Stripe fees are booked to.', nullable: true })
  feeExpenseAccountId: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'The Stripe clearing account (a Bank account): Stripe payments land in it, fees and payouts leave it.',
  })
  feeBankAccountId: string | null;
  @Field(() => Boolean, {
    description: 'Stripe fees are posted as Purchases (clearing-account mode, both fee accounts set).',
  })
  feeReconciliationEnabled: boolean;
  @Field(() => Boolean, {
    description: 'Generated invoices (drafts) go to QuickBooks at once; a generation may say otherwise.',
  })
  pushOnGenerate: boolean;
  @Field(() => [QuickBooksTaxCodeChoice], {
    description: 'Tax codes chosen by hand; every other rate is matched to the active code with that rate.',
  })
  taxCodes: QuickBooksTaxCodeChoice[];
  @Field(() => StripeDepositToValues, {
    description: 'Undeposited Funds: each payout Deposit links its payments and takes the fees as a negative line.',
  })
  stripeDepositTo: StripeDepositTo;
  @Field(() => String, {
    nullable: true,
    description: 'Bank account Stripe payouts arrive in (a Deposit from the clearing account, feeBankAccountId).',
  })
  payoutBankAccountId: string | null;
  @Field(() => Boolean, {
    description:
      'Stripe payouts are deposited when the payout bank and the fee expense are set, and the clearing account unless Stripe money goes to Undeposited Funds.',
  })
  payoutDepositsEnabled: boolean;
}

export const QuickBooksConnectionStatus = describedEnum(
  'QuickBooksConnectionStatus',
  'Where the QuickBooks connection stands.',
  {
    CONNECTED: 'Settle can reach the company.',
    DISCONNECTED: 'Never connected, or disconnected by an admin.',
    ERROR: 'Connected once, but QuickBooks refuses the tokens now (see lastError): reconnect.',
  },
);
export type QuickBooksConnectionStatus = keyof typeof QuickBooksConnectionStatus;

@ObjectType({ description: "The org's QuickBooks Online connection (never its tokens)." })
export class QuickBooksConnectionView {
  @Field(() => Boolean, {
    description: 'False: "QuickBooks integration not configured" (no Intuit app and no sandbox).',
  })
  configured: boolean;
  @Field(() => QuickBooksConnectionStatus, { description: 'Whether Settle can reach the company.' })
  status: QuickBooksConnectionStatus;
  @Field(() => String, { description: 'The QuickBooks company (realm) id.', nullable: true }) realmId: string | null;
  @Field(() => String, { description: "The connected company's name.", nullable: true }) companyName: string | null;
  @Field(() => Date, { description: 'When it was connected.', nullable: true }) connectedAt: Date | null;
  @Field(() => String, { description: 'The last error QuickBooks gave about the connection.', nullable: true })
  lastError: string | null;
  @Field(() => Boolean, { description: 'Connected to the local QuickBooks emulator (offline sandbox).' })
  sandbox: boolean;
  @Field(() => QuickBooksMappingView, {
    description: 'How Settle books things there (null until connected).',
    nullable: true,
  })
  mapping: QuickBooksMappingView | null;
}

@ObjectType({ description: 'A QuickBooks item or account, for the mapping page.' })
export class QuickBooksRef extends QuickBooksNamed {
  @Field(() => String, { description: 'Its QuickBooks type (account type, or item type).' }) type: string;
  @Field(() => Boolean, { description: 'Whether it is active in QuickBooks.' }) active: boolean;
}

@InputType({ description: 'Omitted fields stay as they are; null clears a choice (back to the default).' })
export class QuickBooksMappingInput {
  @OptionalText('The QuickBooks item for lines without a mapped service.', 1, 64) defaultItemId?: string | null;
  @OptionalText('The income account of items Settle creates.', 1, 64) incomeAccountId?: string | null;
  @OptionalField(() => Boolean, "Show QuickBooks' own pay button on invoices it sends.")
  payNowEnabled?: boolean | null;
  @OptionalField(() => Boolean, 'Let QuickBooks-sent invoices be paid by card.')
  cardEnabled?: boolean | null;
  @OptionalField(() => Boolean, 'Let QuickBooks-sent invoices be paid by bank transfer (ACH).')
  achEnabled?: boolean | null;
  @OptionalText('The expense account Stripe fees are booked to.', 1, 64) feeExpenseAccountId?: string | null;
  @OptionalText('The bank account Stripe fees are paid from.', 1, 64) feeBankAccountId?: string | null;
  @OptionalField(() => Boolean, 'Push invoices to QuickBooks as soon as they are generated.')
  pushOnGenerate?: boolean | null;
  @OptionalField(() => [QuickBooksTaxCodeChoiceInput], 'Changes to the tax code choices.')
  @NestedList(100)
  taxCodes?: QuickBooksTaxCodeChoiceInput[] | null;
  @OptionalText('The bank account Stripe pays out to.', 1, 64) payoutBankAccountId?: string | null;
  @OptionalField(() => StripeDepositToValues, 'Where Stripe payments land before the payout.')
  stripeDepositTo?: StripeDepositTo | null;
}

@ObjectType({ description: 'A field Settle owns that differs between Settle and QuickBooks.' })
export class QuickBooksFieldDifference {
  @Field(() => String, { description: 'The QuickBooks field (DisplayName, Line[0].Amount, …).' }) field: string;
  @Field(() => String, { description: "Settle's value (what it pushed, or is about to push)." }) settle: string;
  @Field(() => String, { description: "QuickBooks' value now." }) quickBooks: string;
}
