import { Entity } from 'typeorm';
import {
  CreatedAtColumn,
  CurrencyColumn,
  DateColumn,
  MinorUnitsColumn,
  TextColumn,
  UpdatedAtColumn,
} from '../../platform/database/columns.js';
import { OrgRecord } from '../../platform/database/org-record.js';

/**
 * A Stripe payout to the org's bank, recorded once Stripe confirms it paid: what lands on the bank
 * statement as one line (the net of the payments, refunds, fees and disputes it carried). Unique on
 * (org, Stripe id): a re-delivered `payout.paid` records nothing more.
 */
@Entity('stripe_payouts')
export class StripePayout extends OrgRecord {
  @TextColumn('stripe_payout_id') stripePayoutId: string;
  /** Stripe account and mode it was paid out of. */
  @TextColumn('account_id', { nullable: true }) accountId: string | null;
  /** Net paid to the bank, in minor units. */
  @MinorUnitsColumn() amount: number;
  /** ISO 4217, upper case. */
  @CurrencyColumn() currency: string;
  @DateColumn('arrival_date') arrivalDate: string;
  /** `paid`, or `failed` once Stripe says the bank returned it (before or after it was paid; its Deposit then goes). */
  @TextColumn() status: string;
  @CreatedAtColumn() createdAt: Date;
  @UpdatedAtColumn() updatedAt: Date;
}
